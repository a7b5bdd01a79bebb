// A date as every output prints it: with its weekday, and marked when it is a day off worked in
// exchange for a holiday (calendar.extraWorkdays), so that a Saturday on a schedule reads as meant.
import type { Labels } from '../i18n/labels.js';
import { dateRuns, weekdayOf } from '../schedule/calendar.js';
import type { Weekday } from '../schema/curriculum.js';

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

/** The model's working week and its days off worked, which `datedRuns` reads. */
export interface WorkingDays {
  workdays: readonly Weekday[];
  extraWorkdays: readonly string[];
}

/**
 * Consecutive days of work (a block in one cohort) as their runs (`dateRuns`), each a date or a
 * range, joined with the list separator: "2027-03-01 周一 – 2027-03-12 周五" when nothing breaks the
 * run; "2027-03-03 周三、2027-03-06 周六（调休）、2027-03-08 周一" around holidays and a day off worked.
 */
export function datedRuns(dates: readonly string[], labels: Labels, calendar: WorkingDays): string {
  return dateRuns(dates, calendar.workdays, calendar.extraWorkdays)
    .map(([first, last]) => datedRange(first, last, labels, calendar.extraWorkdays))
    .join(labels.book.listSep);
}
