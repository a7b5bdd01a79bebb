// A trainer (named, or a role acting as trainer) booked for two overlapping items on the same date,
// across every programme and cohort. A block's lead supervises the block and is not booked by it.
import type { Booking } from '../schedule/bookings.js';
import { collectBookings, trainerKey } from '../schedule/bookings.js';
import { formatMinutes } from '../util/time.js';
import { curriculumUnread, type ModelRule } from './context.js';

/** Report each pair of overlapping bookings of one trainer, at the later item, listing both. */
export const trainerClashes: ModelRule = (ctx, model) => {
  if (curriculumUnread(ctx)) return; // dates from the built-in calendar
  const byTrainerDate = new Map<string, Booking[]>();
  for (const b of collectBookings(model)) {
    if (!b.date || b.item.kind === 'block') continue;
    const key = `${trainerKey(b.trainer)}\u0000${b.date}`;
    const list = byTrainerDate.get(key);
    if (list) list.push(b);
    else byTrainerDate.set(key, [b]);
  }
  for (const list of byTrainerDate.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.item.start - b.item.start);
    // Sweep: only bookings that start before `a` ends can overlap it.
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.item.start < a.item.end; j++) {
        const b = list[j]!;
        // Two items of the same day of one run overlap only through a fixed start: `start-overlap` said so.
        if (a.program === b.program && a.cohort === b.cohort && a.day === b.day) continue;
        const at = b.item.ref ?? b.day.ref;
        ctx.report(at.file, 'trainer-clash', `Trainer "${a.trainer.name}" (${a.trainer.id}) is booked twice on ${a.date}: ${describe(a)} and ${describe(b)}.`, at.place);
      }
    }
  }
};

function describe(b: Booking): string {
  const ref = b.item.ref ?? b.day.ref;
  return `"${b.item.title}" (programme ${b.program.id}, cohort ${b.cohort?.name ?? ''}, day ${b.day.number}, ${formatMinutes(b.item.start)}–${formatMinutes(b.item.end)}, ${ref.file}:${ref.place.line}:${ref.place.column})`;
}
