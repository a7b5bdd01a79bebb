// trainers/<id>.html and trainers/<id>.ics: each named trainer's bookings across every programme and
// cohort (items they deliver and block days they lead), plus undated programmes' items by day number.
import type { Trainer } from '../../model/types.js';
import { bookingsByTrainer, collectBookings, trainerKey, type Booking } from '../../schedule/bookings.js';
import type { OutputFile, RenderContext } from '../types.js';
import { pageView } from '../view-helpers.js';
import { calendarText, itemEvent } from './schedule-ics.js';
import { dayItemTitle, kindLabel } from './schedule-items.js';
import { groupedFiles, producesSchedule, ScheduleKeys, type TextFile } from './schedule-key.js';

/** The page and calendar of every trainer named in curriculum.yaml, from the output cache while their bookings are unchanged. */
export function trainerFiles(ctx: RenderContext): OutputFile[] {
  // Collected only when a trainer's files or key input are made.
  let byTrainer: Map<string, Booking[]> | undefined;
  let keys: ScheduleKeys | undefined;
  const bookingsOf = (trainer: Trainer) => (byTrainer ??= bookingsByTrainer(collectBookings(ctx.model))).get(trainerKey({ kind: 'trainer', id: trainer.id, name: trainer.name })) ?? [];
  const pieces = ctx.model.trainers.map((trainer) => ({
    id: trainer.id,
    input: () => (keys ??= new ScheduleKeys(ctx)).trainer(trainer, bookingsOf(trainer)),
    produce: () => oneTrainerFiles(ctx, trainer, bookingsOf(trainer)),
  }));
  return groupedFiles(ctx, 'trainer-files', pieces);
}

function oneTrainerFiles(ctx: RenderContext, trainer: Trainer, bookings: Booking[]): TextFile[] {
  const { model, labels } = ctx;
  const dated = bookings.filter((b) => b.date !== undefined);
  const undated = bookings.filter((b) => b.date === undefined);
  const events = dated.map((b) => itemEvent(model, labels, b.program, b.cohort!, b.date!, b.day, b.item));
  return [
    { path: `trainers/${trainer.id}.html`, contents: trainerPage(ctx, trainer, dated, undated) },
    { path: `trainers/${trainer.id}.ics`, contents: calendarText(model, `${trainer.name} · ${labels.bookings}`, events, ctx.editionDate) },
  ];
}

function trainerPage(ctx: RenderContext, trainer: Trainer, dated: Booking[], undated: Booking[]): string {
  const { labels } = ctx;
  const page = `trainers/${trainer.id}.html`;
  const title = `${trainer.name} · ${labels.bookings}`;
  const view = pageView(ctx, page, title);
  const { h } = view;
  return ctx.templates.render('schedule/trainer', {
    ...view,
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
