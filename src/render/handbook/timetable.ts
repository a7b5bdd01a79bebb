// The day-by-day timetable of a programme as the handbook prints it: read from the computed
// schedule (never recomputed), consecutive days of one block folded into one entry.
import { fill, type Labels } from '../../i18n/labels.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';
import { formatMinutes } from '../../util/time.js';
import { datedRuns, type WorkingDays } from '../dates.js';
import { assessmentAnchor, sessionAnchor } from './book-model.js';

/** One row of a day's table. */
export interface TimetableRow {
  kind: ScheduledItem['kind'];
  time: string;
  title: string;
  minutes: number;
  /** In-page link target when the item is printed in this book. */
  href?: string;
  trainer?: string;
  location?: string;
}

/** A teaching day, or a run of block days. */
export interface TimetableDay {
  label: string;
  title: string;
  kind: ScheduledDay['kind'];
  summary?: string;
  location?: string;
  /** "2027-03-01 周一" per cohort (with the cohort name when there are several). */
  dates: string[];
  minutes: number;
  rows: TimetableRow[];
}

/** Fold the schedule into printable days; `anchors` are the sessions printed in this book. */
export function buildTimetable(schedule: ProgramSchedule, labels: Labels, calendar: WorkingDays, anchors: ReadonlyMap<string, string>, assessments: ReadonlySet<string>): TimetableDay[] {
  const out: TimetableDay[] = [];
  const days = schedule.days;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!;
    if (day.kind === 'block' && day.blockDay) {
      const last = Math.min(days.length - 1, i + day.blockDay.of - day.blockDay.index);
      const item = day.items[0];
      out.push({
        label: last > i ? fill(labels.book.dayRange, { from: day.number, to: days[last]!.number }) : fill(labels.day, { n: day.number }),
        title: day.title,
        kind: 'block',
        summary: day.summary,
        location: day.location,
        dates: datesOf(schedule, labels, calendar, i, last),
        minutes: days.slice(i, last + 1).reduce((s, d) => s + d.minutes, 0),
        rows: item ? [row(item, labels, anchors, assessments, day)] : [],
      });
      i = last;
      continue;
    }
    out.push({
      label: fill(labels.day, { n: day.number }),
      title: day.title,
      kind: 'day',
      summary: day.summary,
      location: day.location,
      dates: datesOf(schedule, labels, calendar, i, i),
      minutes: day.minutes,
      rows: day.items.map((item) => row(item, labels, anchors, assessments, day)),
    });
  }
  return out;
}

function row(item: ScheduledItem, labels: Labels, anchors: ReadonlyMap<string, string>, assessments: ReadonlySet<string>, day: ScheduledDay): TimetableRow {
  const href = item.session
    ? anchors.has(item.session.id) ? `#${sessionAnchor(item.session)}` : undefined
    : item.assessment && assessments.has(item.assessment.id) ? `#${assessmentAnchor(item.assessment)}` : undefined;
  return {
    kind: item.kind,
    time: `${formatMinutes(item.start)}–${formatMinutes(item.end)}`,
    title: item.kind === 'break' && !item.title ? labels.break : item.title,
    minutes: item.minutes,
    href,
    trainer: item.trainer?.name,
    location: item.kind === 'break' ? undefined : item.location ?? day.location,
  };
}

function datesOf(schedule: ProgramSchedule, labels: Labels, calendar: WorkingDays, first: number, last: number): string[] {
  const many = schedule.cohorts.length > 1;
  return schedule.cohorts
    .filter((c) => c.dates[first] !== undefined)
    .map((c) => {
      const span = datedRuns(c.dates.slice(first, last + 1), labels, calendar);
      return many ? `${c.cohort.name}${labels.book.colon}${span}` : span;
    });
}
