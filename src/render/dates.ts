// A date as every output prints it: with its weekday, and marked when it is a day off worked in
// exchange for a holiday (calendar.extraWorkdays), so that a Saturday on a schedule reads as meant.
import type { Labels } from '../i18n/labels.js';
import { weekdayOf } from '../schedule/calendar.js';

/** A weekday's name with the mark of an extra workday: "周六（调休）". */
export function markedWeekday(weekday: string, labels: Labels): string {
  return `${weekday}${labels.book.parenOpen}${labels.extraWorkday}${labels.book.parenClose}`;
}

/** "周一"; "周六（调休）" for an extra workday. `extraWorkdays`: the model's, dates worked on a day off. */
export function weekdayText(date: string, labels: Labels, extraWorkdays: readonly string[]): string {
  const weekday = labels.weekdays[weekdayOf(date)];
  return extraWorkdays.includes(date) ? markedWeekday(weekday, labels) : weekday;
}

/** "2027-03-01 周一"; "2027-10-09 周六（调休）". */
export function datedText(date: string, labels: Labels, extraWorkdays: readonly string[]): string {
  return `${date} ${weekdayText(date, labels, extraWorkdays)}`;
}

/** "2027-03-01 周一", or "2027-03-01 周一 – 2027-03-05 周五" when `last` is another date. */
export function datedRange(first: string, last: string | undefined, labels: Labels, extraWorkdays: readonly string[]): string {
  const from = datedText(first, labels, extraWorkdays);
  return last && last !== first ? `${from} – ${datedText(last, labels, extraWorkdays)}` : from;
}
