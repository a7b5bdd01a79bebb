// programs/<p>/schedule.html: the printable day-by-day schedule. This module shapes the computed
// schedule into sections (a teaching day, or a whole block) with each cohort's dates; the template
// (templates/schedule/program.eta) only prints them.
import type { Cohort, Program, TrainerRef } from '../../model/types.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';
import type { RenderContext } from '../types.js';
import { pageView } from '../view-helpers.js';
import { datedRuns } from '../dates.js';
import { dateRuns } from '../../schedule/calendar.js';
import { itemSourceId, itemTitle, kindLabel, methodsText, moduleTitles } from './schedule-items.js';

/** A cohort's date for one day (undefined when the calendar has no workday left for it). */
export interface CohortDate {
  cohort: Cohort;
  date?: string;
}

/** A teaching day, or a block's run of full days, as one section of the page. */
export type ScheduleSection =
  | { kind: 'day'; day: ScheduledDay; dates: CohortDate[] }
  | {
      kind: 'block';
      title: string;
      location?: string;
      summary?: string;
      lead?: TrainerRef;
      first: ScheduledDay;
      last: ScheduledDay;
      minutes: number;
      days: { day: ScheduledDay; dates: CohortDate[] }[];
    };

/** Group a schedule's days into sections: one per teaching day, one per block. */
export function scheduleSections(schedule: ProgramSchedule): ScheduleSection[] {
  const out: ScheduleSection[] = [];
  schedule.days.forEach((day, i) => {
    const dates = schedule.cohorts.map(({ cohort, dates: d }) => ({ cohort, date: d[i] }));
    if (day.kind === 'day') {
      out.push({ kind: 'day', day, dates });
      return;
    }
    const previous = out[out.length - 1];
    if (previous?.kind === 'block' && previous.last.ref === day.ref && day.blockDay!.index > 1) {
      previous.last = day;
      previous.minutes += day.minutes;
      previous.days.push({ day, dates });
      return;
    }
    out.push({ kind: 'block', title: day.title, location: day.location, summary: day.summary, lead: day.items[0]?.trainer, first: day, last: day, minutes: day.minutes, days: [{ day, dates }] });
  });
  return out;
}

/** The HTML page of one programme's schedule. */
export function schedulePage(ctx: RenderContext, program: Program, schedule: ProgramSchedule): string {
  const { model, labels } = ctx;
  const page = `programs/${program.id}/schedule.html`;
  const title = `${program.title} · ${labels.schedule}`;
  const moduleOf = moduleTitles(model);
  const view = pageView(ctx, page, title);
  const { h } = view;
  return ctx.templates.render('schedule/program', {
    ...view,
    program,
    schedule,
    sections: scheduleSections(schedule),
    roles: program.roles.map((r) => model.roles.find((x) => x.id === r)?.title ?? r),
    item: {
      title: (i: ScheduledItem) => itemTitle(i, labels),
      kind: (i: ScheduledItem) => kindLabel(i, labels),
      methods: (i: ScheduledItem) => methodsText(i, labels, model.locale),
      module: moduleOf,
      source: itemSourceId,
    },
    dateText: (date: string | undefined) => (date ? `${date} ${h.weekday(date)}` : '—'),
    span: (from: number, to: number) => `${h.time(from)}–${h.time(to)}`,
    /** A block's dates in one cohort as runs of consecutive workdays, each its first and last date (see dateRuns). */
    runs: (dates: string[]) => dateRuns(dates, model.workdays, model.extraWorkdays),
    /** The same runs as one line of text, as the handbook prints them: "2027-06-02 周三 – 2027-06-08 周二、2027-06-10 周四". */
    runsText: (dates: string[]) => datedRuns(dates, labels, model),
  });
}
