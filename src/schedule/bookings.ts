// Who delivers what, when: every item of every programme that names a trainer or role, dated per
// cohort (or undated for programmes without cohorts). Trainer pages and the clash rule both read it.
import type { Cohort, Curriculum, Program, TrainerRef } from '../model/types.js';
import type { ScheduledDay, ScheduledItem } from './types.js';

/** One item a trainer or role delivers (or a block day they lead), in one cohort or undated. */
export interface Booking {
  trainer: TrainerRef;
  program: Program;
  /** Undefined for a programme without cohorts. */
  cohort?: Cohort;
  /** YYYY-MM-DD; undefined for a programme without cohorts. */
  date?: string;
  day: ScheduledDay;
  item: ScheduledItem;
}

/** Key of a trainer or role, so a trainer and a role with the same id stay apart. */
export function trainerKey(t: TrainerRef): string {
  return `${t.kind}:${t.id}`;
}

/**
 * Bookings of named trainers and roles (free-text names are nobody in particular), in programme,
 * cohort, day and time order. Programmes without cohorts give one undated booking per item.
 */
export function collectBookings(model: Curriculum): Booking[] {
  const out: Booking[] = [];
  for (const program of model.programs) {
    const schedule = model.schedules.get(program.id);
    if (!schedule) continue;
    const runs: { cohort?: Cohort; dates: (string | undefined)[] }[] = schedule.cohorts.length ? schedule.cohorts : [{ dates: [] }];
    for (const { cohort, dates } of runs) {
      schedule.days.forEach((day, i) => {
        const date = dates[i];
        if (cohort && !date) return;
        for (const item of day.items) {
          if (item.kind === 'break' || !item.trainer || item.trainer.kind === 'text') continue;
          out.push({ trainer: item.trainer, program, cohort, date, day, item });
        }
      });
    }
  }
  return out;
}

/** Bookings grouped by trainer key, each group in date and time order (undated ones last, by day). */
export function bookingsByTrainer(bookings: readonly Booking[]): Map<string, Booking[]> {
  const out = new Map<string, Booking[]>();
  for (const b of bookings) {
    const key = trainerKey(b.trainer);
    const list = out.get(key);
    if (list) list.push(b);
    else out.set(key, [b]);
  }
  for (const list of out.values()) list.sort(compareBookings);
  return out;
}

/** Date, then start time; undated bookings after dated ones, by programme and day number. Stable for ties. */
export function compareBookings(a: Booking, b: Booking): number {
  if (a.date !== b.date) {
    if (a.date === undefined) return 1;
    if (b.date === undefined) return -1;
    return a.date < b.date ? -1 : 1;
  }
  if (a.date === undefined && a.program !== b.program) return a.program.id < b.program.id ? -1 : 1;
  return (a.date === undefined ? a.day.number - b.day.number : 0) || a.item.start - b.item.start;
}
