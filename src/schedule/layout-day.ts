// Lays the items of one teaching day out on its template: in order from the start, pushed past
// breaks they would run into, fixed starts honoured; reports overlaps and overruns.
import type { DayTemplate, TeachingDay } from '../model/types.js';
import type { ScheduledItem } from './types.js';

/** A problem found while laying out a day, reported by the caller at the item or day. */
export type LayoutProblem =
  | { kind: 'overlap'; itemIndex: number; start: number; previousEnd: number }
  | { kind: 'outside'; itemIndex: number; start: number }
  | { kind: 'overrun'; end: number; by: number };

/** Working minutes of a template (its length less its breaks). */
export function workingMinutes(t: DayTemplate): number {
  return t.end - t.start - t.breaks.reduce((s, b) => s + (b.end - b.start), 0);
}

/** Lay out a day; items come back with breaks inserted in time order. */
export function layoutDay(day: TeachingDay): { items: ScheduledItem[]; problems: LayoutProblem[] } {
  const t = day.template;
  const longestGap = gaps(t).reduce((m, g) => Math.max(m, g.end - g.start), 0);
  const problems: LayoutProblem[] = [];
  const placed: ScheduledItem[] = [];
  let clock = t.start;
  day.items.forEach((item, i) => {
    const minutes = item.kind === 'session' ? item.session.minutes : item.kind === 'assessment' ? (item.assessment.minutes ?? 0) : item.minutes;
    let start: number;
    if (item.start !== undefined) {
      start = item.start;
      if (start < clock) problems.push({ kind: 'overlap', itemIndex: i, start, previousEnd: clock });
      if (start < t.start || start >= t.end || t.breaks.some((b) => start >= b.start && start < b.end)) problems.push({ kind: 'outside', itemIndex: i, start });
    } else {
      start = minutes > longestGap ? skipBreaks(t, clock) : fitAfter(t, clock, minutes);
    }
    const end = minutes > longestGap || item.start !== undefined ? endSpanning(t, start, minutes) : start + minutes;
    const title = item.kind === 'session' ? item.session.title : item.kind === 'assessment' ? item.assessment.title : item.title;
    placed.push({
      kind: item.kind,
      title,
      start,
      end,
      minutes,
      session: item.kind === 'session' ? item.session : undefined,
      assessment: item.kind === 'assessment' ? item.assessment : undefined,
      trainer: item.trainer ?? (item.kind === 'session' ? item.session.trainer : undefined),
      location: item.location ?? (item.kind === 'session' ? item.session.location : undefined) ?? day.location,
      ref: item.ref,
    });
    clock = Math.max(clock, end);
  });
  const last = placed.reduce((m, p) => Math.max(m, p.end), t.start);
  if (last > t.end) problems.push({ kind: 'overrun', end: last, by: last - t.end });
  const breaks: ScheduledItem[] = t.breaks
    .filter((b) => b.start < last)
    .map((b) => ({ kind: 'break', title: b.title ?? '', start: b.start, end: b.end, minutes: b.end - b.start }));
  const items = [...placed, ...breaks].sort((a, b) => a.start - b.start || (a.kind === 'break' ? -1 : 1));
  return { items, problems };
}

function gaps(t: DayTemplate): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = t.start;
  for (const b of t.breaks) {
    out.push({ start: s, end: b.start });
    s = b.end;
  }
  out.push({ start: s, end: Math.max(s, t.end) });
  return out;
}

function skipBreaks(t: DayTemplate, clock: number): number {
  for (const b of t.breaks) if (clock >= b.start && clock < b.end) return b.end;
  return clock;
}

/** The earliest start at or after `clock` from which the item does not run into a break. */
function fitAfter(t: DayTemplate, clock: number, minutes: number): number {
  let start = skipBreaks(t, clock);
  for (const b of t.breaks) {
    if (start < b.end && start + minutes > b.start) start = b.end;
  }
  return start;
}

/** End of an item that is allowed to span breaks (a fixed start, or longer than any gap). */
function endSpanning(t: DayTemplate, start: number, minutes: number): number {
  let end = start + minutes;
  for (const b of t.breaks) if (start < b.start && end > b.start) end += b.end - b.start;
  return end;
}
