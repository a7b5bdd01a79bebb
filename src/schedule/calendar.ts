// Maps programme days to calendar dates on workdays that are not holidays.
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

/** Whether training can happen on a date. */
export function isWorkday(date: string, workdays: readonly Weekday[], holidays: ReadonlySet<string>): boolean {
  return workdays.includes(weekdayOf(date)) && !holidays.has(date);
}

/** `count` consecutive workdays from `start` (the start itself if it is one). */
export function workdaysFrom(start: string, count: number, workdays: readonly Weekday[], holidays: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (workdays.length === 0) return out;
  let date = start;
  for (let guard = 0; out.length < count && guard < count * 14 + 400; guard++) {
    if (isWorkday(date, workdays, holidays)) out.push(date);
    date = addDays(date, 1);
  }
  return out;
}
