// Lays the items of one teaching day out on its template: in order from the start, pushed past
// breaks they would run into, fixed starts honoured; reports overlaps and overruns.
import type { DayItem, DayTemplate, TeachingDay } from '../model/types.js';
import type { ScheduledItem } from './types.js';

/** A problem found while laying out a day, reported by the caller at the item or day. */
export type LayoutProblem =
  | { kind: 'overlap'; itemIndex: number; start: number; previousEnd: number }
  | { kind: 'outside'; itemIndex: number; start: number }
  | { kind: 'overrun'; end: number; by: number };

/** A stretch of working time between the day's start, its breaks and its end. */
interface Gap {
  start: number;
  end: number;
}

/** Working minutes of a template (its length less its breaks). */
export function workingMinutes(t: DayTemplate): number {
  return t.end - t.start - t.breaks.reduce((s, b) => s + (b.end - b.start), 0);
}

/** Minutes an item of a day takes (assessments without a duration were dropped by the model). */
export function itemMinutes(item: DayItem): number {
  return item.kind === 'session' ? item.session.minutes : item.kind === 'assessment' ? (item.assessment.minutes ?? 0) : item.minutes;
}

/**
 * Lay out a day; items come back with the breaks that fall between the first item's start and the
 * last item's end inserted, in time order. Each item is placed at the running clock, or at the start
 * of the first later gap it fits in whole (it "starts after the break it would run into"); an item
 * that fits in no remaining gap, or has a fixed `start`, runs through the breaks it meets (its end
 * moves by their length).
 */
export function layoutDay(day: TeachingDay): { items: ScheduledItem[]; problems: LayoutProblem[] } {
  const t = day.template;
  const free = gaps(t);
  const problems: LayoutProblem[] = [];
  const placed: ScheduledItem[] = [];
  let clock = t.start;
  day.items.forEach((item, index) => {
    const minutes = itemMinutes(item);
    let start: number;
    let end: number;
    if (item.start !== undefined) {
      start = item.start;
      if (start < clock) problems.push({ kind: 'overlap', itemIndex: index, start, previousEnd: clock });
      if (start < t.start || start >= t.end || t.breaks.some((b) => start >= b.start && start < b.end)) problems.push({ kind: 'outside', itemIndex: index, start });
      end = endSpanning(t, start, minutes);
    } else {
      const fitted = firstFit(free, clock, minutes);
      start = fitted ?? skipBreak(t, clock);
      end = fitted !== undefined ? start + minutes : endSpanning(t, start, minutes);
    }
    placed.push(scheduledItem(item, index, start, end, minutes, day.location));
    clock = Math.max(clock, end);
  });
  const first = placed.reduce((m, p) => Math.min(m, p.start), Infinity);
  const last = placed.reduce((m, p) => Math.max(m, p.end), t.start);
  if (last > t.end) problems.push({ kind: 'overrun', end: last, by: last - t.end });
  const breaks: ScheduledItem[] = t.breaks
    .filter((b) => b.start >= first && b.start < last)
    .map((b) => ({ kind: 'break', title: b.title ?? '', start: b.start, end: b.end, minutes: b.end - b.start }));
  // Stable: items keep their written order at equal starts, and a break comes before an item starting with it.
  const items = [...placed, ...breaks].sort((a, b) => a.start - b.start || (a.kind === 'break' ? 0 : 1) - (b.kind === 'break' ? 0 : 1));
  return { items, problems };
}

function scheduledItem(item: DayItem, index: number, start: number, end: number, minutes: number, dayLocation: string | undefined): ScheduledItem {
  return {
    kind: item.kind,
    title: item.kind === 'session' ? item.session.title : item.kind === 'assessment' ? item.assessment.title : item.title,
    start,
    end,
    minutes,
    index,
    session: item.kind === 'session' ? item.session : undefined,
    assessment: item.kind === 'assessment' ? item.assessment : undefined,
    trainer: item.trainer ?? (item.kind === 'session' ? item.session.trainer : undefined),
    location: item.location ?? (item.kind === 'session' ? item.session.location : undefined) ?? dayLocation,
    ref: item.ref,
  };
}

function gaps(t: DayTemplate): Gap[] {
  const out: Gap[] = [];
  let s = t.start;
  for (const b of t.breaks) {
    out.push({ start: s, end: b.start });
    s = b.end;
  }
  out.push({ start: s, end: Math.max(s, t.end) });
  return out;
}

/** The clock, or the end of the break it falls in. */
function skipBreak(t: DayTemplate, clock: number): number {
  for (const b of t.breaks) if (clock >= b.start && clock < b.end) return b.end;
  return clock;
}

/** The earliest start at or after `clock` from which the item ends before the next break; undefined when no gap left holds it. */
function firstFit(free: Gap[], clock: number, minutes: number): number | undefined {
  for (const g of free) {
    if (g.end <= clock) continue;
    const start = Math.max(clock, g.start);
    if (start + minutes <= g.end) return start;
  }
  return undefined;
}

/** End of an item that runs through the breaks it meets. */
function endSpanning(t: DayTemplate, start: number, minutes: number): number {
  let end = start + minutes;
  for (const b of t.breaks) if (start < b.start && end > b.start) end += b.end - b.start;
  return end;
}
