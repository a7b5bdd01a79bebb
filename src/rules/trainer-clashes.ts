// A trainer (named, or a role acting as trainer) booked for two overlapping items on the same date,
// across every programme and cohort.
import type { Curriculum } from '../model/types.js';
import type { ScheduledItem } from '../schedule/types.js';
import { formatMinutes } from '../util/time.js';
import type { ModelRule } from './context.js';

/** One dated booking of a trainer. */
export interface Booking {
  trainer: string;
  date: string;
  programId: string;
  programTitle: string;
  cohort: string;
  day: number;
  item: ScheduledItem;
}

/** Every dated booking of trainers and roles (blocks' leads are supervision, not bookings). */
export function collectBookings(model: Curriculum): Booking[] {
  const out: Booking[] = [];
  for (const program of model.programs) {
    const schedule = model.schedules.get(program.id);
    if (!schedule) continue;
    for (const { cohort, dates } of schedule.cohorts) {
      schedule.days.forEach((day, i) => {
        const date = dates[i];
        if (!date || day.kind === 'block') return;
        for (const item of day.items) {
          if (item.kind === 'break' || !item.trainer || item.trainer.kind === 'text') continue;
          out.push({ trainer: item.trainer.id, date, programId: program.id, programTitle: program.title, cohort: cohort.name, day: day.number, item });
        }
      });
    }
  }
  return out.sort((a, b) => (a.trainer < b.trainer ? -1 : a.trainer > b.trainer ? 1 : 0) || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.item.start - b.item.start);
}

/** Report each pair of overlapping bookings of one trainer, at the later item. */
export const trainerClashes: ModelRule = (ctx, model) => {
  const bookings = collectBookings(model);
  for (let i = 0; i < bookings.length; i++) {
    const a = bookings[i]!;
    for (let j = i + 1; j < bookings.length; j++) {
      const b = bookings[j]!;
      if (b.trainer !== a.trainer || b.date !== a.date || b.item.start >= a.item.end) break;
      if (!b.item.ref) continue;
      const where = (x: Booking) =>
        `"${x.item.title}" (${x.programId}, ${x.cohort}, day ${x.day}, ${formatMinutes(x.item.start)}–${formatMinutes(x.item.end)}${x.item.ref ? `, ${x.item.ref.file}:${x.item.ref.place.line}` : ''})`;
      ctx.report(b.item.ref.file, 'trainer-clash', `Trainer "${a.trainer}" is booked twice on ${a.date}: ${where(a)} and ${where(b)}.`, b.item.ref.place);
    }
  }
};
