// Maps programme days to calendar dates: workdays that are not holidays, and the dates listed as
// extra workdays (the weekend days worked in exchange for a holiday, 调休上班).
import type { Weekday } from '../schema/curriculum.js';
import { WEEKDAYS } from '../schema/curriculum.js';

/** Add days to a YYYY-MM-DD date (UTC arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** Weekday id of a YYYY-MM-DD date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return WEEKDAYS[(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7]!;
}

/** The days training can happen on: the weekdays worked, less holidays, plus extra workdays. */
export interface WorkCalendar {
  workdays: readonly Weekday[];
  holidays: ReadonlySet<string>;
  /** Dates worked although their weekday is not a workday (a Saturday worked in exchange for a holiday). */
  extraWorkdays: ReadonlySet<string>;
}

/** The work calendar of a curriculum's `calendar` settings. */
export function workCalendar(c: { workdays: readonly Weekday[]; holidays: readonly string[]; extraWorkdays: readonly string[] }): WorkCalendar {
  return { workdays: c.workdays, holidays: new Set(c.holidays), extraWorkdays: new Set(c.extraWorkdays) };
}

/** Whether training can happen on a date. */
export function isWorkday(date: string, calendar: WorkCalendar): boolean {
  if (calendar.extraWorkdays.has(date)) return true;
  return calendar.workdays.includes(weekdayOf(date)) && !calendar.holidays.has(date);
}

/** `count` consecutive workdays from `start` (the start itself if it is one). */
export function workdaysFrom(start: string, count: number, calendar: WorkCalendar): string[] {
  const out: string[] = [];
  if (calendar.workdays.length === 0) return out;
  let date = start;
  for (let guard = 0; out.length < count && guard < count * 14 + 400; guard++) {
    if (isWorkday(date, calendar)) out.push(date);
    date = addDays(date, 1);
  }
  return out;
}

/**
 * Consecutive days of work (a block's days in one cohort) as runs, each its first and last date: a
 * run goes on over the days off of the week (a Friday to the Monday after), but a holiday that falls
 * on a day of work splits it, and a day off worked (an extra workday) stands alone, so that a reader
 * of "first – last" neither comes in on the holiday nor misses the Saturday.
 */
export function dateRuns(dates: readonly string[], workdays: readonly Weekday[], extraWorkdays: readonly string[]): [string, string][] {
  const runs: [string, string][] = [];
  const extra = new Set(extraWorkdays);
  const nextOfWeek = (date: string): string => {
    let next = addDays(date, 1);
    for (let i = 0; i < 7 && !workdays.includes(weekdayOf(next)); i++) next = addDays(next, 1);
    return next;
  };
  for (const date of dates) {
    const last = runs[runs.length - 1];
    if (last && !extra.has(date) && !extra.has(last[1]) && nextOfWeek(last[1]) === date) last[1] = date;
    else runs.push([date, date]);
  }
  return runs;
}
