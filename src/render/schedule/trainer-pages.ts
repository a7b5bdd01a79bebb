// trainers/<id>.html and trainers/<id>.ics: each named trainer's bookings across every programme and
// cohort (items they deliver and block days they lead), plus undated programmes' items by day number.
import type { Trainer } from '../../model/types.js';
import { bookingsByTrainer, collectBookings, trainerKey, type Booking } from '../../schedule/bookings.js';
import type { OutputFile, RenderContext } from '../types.js';
import { viewHelpers } from '../view-helpers.js';
import { calendarText, itemEvent } from './schedule-ics.js';
import { dayItemTitle, kindLabel } from './schedule-items.js';

/** The page and calendar of every trainer named in curriculum.yaml. */
export function trainerFiles(ctx: RenderContext): OutputFile[] {
  const { model, labels } = ctx;
  const byTrainer = bookingsByTrainer(collectBookings(model));
  const out: OutputFile[] = [];
  for (const trainer of model.trainers) {
    const bookings = byTrainer.get(trainerKey({ kind: 'trainer', id: trainer.id, name: trainer.name })) ?? [];
    const dated = bookings.filter((b) => b.date !== undefined);
    const undated = bookings.filter((b) => b.date === undefined);
    const events = dated.map((b) => itemEvent(model, labels, b.program, b.cohort!, b.date!, b.day, b.item));
    out.push({ path: `trainers/${trainer.id}.html`, contents: trainerPage(ctx, trainer, dated, undated) });
    out.push({ path: `trainers/${trainer.id}.ics`, contents: calendarText(model, `${trainer.name} · ${labels.bookings}`, events, ctx.editionDate) });
  }
  return out;
}

function trainerPage(ctx: RenderContext, trainer: Trainer, dated: Booking[], undated: Booking[]): string {
  const { model, labels } = ctx;
  const h = viewHelpers(labels);
  const page = `trainers/${trainer.id}.html`;
  return ctx.templates.render('schedule/trainer', {
    model,
    labels,
    h,
    page,
    title: `${trainer.name} · ${labels.bookings}`,
    edition: ctx.editionDate,
    trainer,
    dated,
    undated,
    minutes: dated.reduce((s, b) => s + b.item.minutes, 0),
    itemTitle: (b: Booking) => dayItemTitle(b.day, b.item, labels),
    kind: (b: Booking) => (b.item.kind === 'block' ? `${labels.block} · ${labels.lead}` : kindLabel(b.item, labels)),
    scheduleLink: (b: Booking) => (producesSchedule(ctx, b.program.id) ? h.rel(page, `programs/${b.program.id}/schedule.html#day-${b.day.number}`) : undefined),
    dateText: (date: string) => `${date} ${h.weekday(date)}`,
    span: (from: number, to: number) => `${h.time(from)}–${h.time(to)}`,
  });
}

/** Whether this build writes the programme's schedule page, so links to it work. */
export function producesSchedule(ctx: RenderContext, programId: string): boolean {
  return ctx.outputs.has('schedule') && (!ctx.programs || ctx.programs.includes(programId));
}
