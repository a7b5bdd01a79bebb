// Computes every programme's schedule once, in the model stage, and reports overlaps, overruns and
// cohorts that start on a day off. Trainer clashes and policy hours are model rules over the result.
import type { BlockDays, Curriculum, Program, TeachingDay } from '../model/types.js';
import { curriculumUnread, type RuleContext } from '../rules/context.js';
import { formatMinutes } from '../util/time.js';
import { isWorkday, weekdayOf, workCalendar, workdaysFrom, type WorkCalendar } from './calendar.js';
import type { Weekday } from '../schema/curriculum.js';
import { layoutDay, workingMinutes } from './layout-day.js';
import type { CohortDates, ProgramSchedule, ScheduledDay } from './types.js';

/** Schedules of every programme, by programme id. */
export type Schedules = Map<string, ProgramSchedule>;

/** Lay out every programme and map cohorts to dates; problems go to the diagnostics. */
export function computeSchedules(model: Curriculum, ctx: RuleContext): Schedules {
  const out: Schedules = new Map();
  const calendar = workCalendar(model);
  // The schedules are made either way; their problems are reported only against the curriculum's own day and calendar.
  const judge = !curriculumUnread(ctx);
  for (const program of model.programs) out.set(program.id, scheduleProgram(model, program, calendar, judge ? ctx : undefined));
  const curriculum = ctx.sources.curriculum;
  if (model.workdays.length === 0 && curriculum && model.programs.some((p) => p.cohorts.length > 0)) {
    ctx.at(curriculum.ys, ['calendar', 'workdays'], 'no-workdays', 'The calendar has no workdays, so no cohort can be given dates.');
  }
  if (curriculum?.data) checkExtraWorkdays(curriculum.data.calendar?.extraWorkdays ?? [], calendar, (index, rule, message) => ctx.at(curriculum.ys, ['calendar', 'extraWorkdays', index], rule, message));
  return out;
}

/** An extra workday that is also a holiday contradicts it; one whose weekday is worked anyway is most likely a mistyped date. */
function checkExtraWorkdays(listed: readonly string[], calendar: WorkCalendar, report: (index: number, rule: 'calendar-conflict' | 'ordinary-workday', message: string) => void): void {
  listed.forEach((date, index) => {
    const weekday = weekdayOf(date);
    if (calendar.holidays.has(date)) report(index, 'calendar-conflict', `${date} is listed both as a holiday and as an extra workday; a date can be only one of the two.`);
    else if (calendar.workdays.includes(weekday)) report(index, 'ordinary-workday', `${date} is a ${WEEKDAY_NAMES[weekday]}, which is a workday already, so listing it changes nothing; extra workdays are the dates worked on a day off, such as a Saturday worked in exchange for a holiday.`);
  });
}

const WEEKDAY_NAMES: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** `ctx`: where to report the programme's scheduling problems; undefined to make the schedule only. */
function scheduleProgram(model: Curriculum, program: Program, calendar: WorkCalendar, ctx: RuleContext | undefined): ProgramSchedule {
  const days: ScheduledDay[] = [];
  for (const day of program.days) {
    if (day.kind === 'block') days.push(...blockDays(program, day, days.length));
    else days.push(teachingDay(program, day, days.length + 1, ctx));
  }
  const cohorts: CohortDates[] = program.cohorts.map((cohort) => {
    const dates = workdaysFrom(cohort.start, days.length, calendar);
    if (ctx && model.workdays.length > 0 && !isWorkday(cohort.start, calendar)) {
      const weekday = WEEKDAY_NAMES[weekdayOf(cohort.start)];
      const next = dates[0] ? `, ${dates[0]} (${WEEKDAY_NAMES[weekdayOf(dates[0])]})` : '';
      ctx.report(cohort.ref.file, 'cohort-not-workday', `Cohort "${cohort.name}" starts on ${cohort.start} (${weekday}), which is not a workday or is a holiday; it starts on the next workday${next}.`, cohort.ref.place);
    }
    return { cohort, dates };
  });
  return { days, cohorts, minutes: days.reduce((s, d) => s + d.minutes, 0) };
}

/** One full working day on the programme's template per day of the block. */
function blockDays(program: Program, block: BlockDays, before: number): ScheduledDay[] {
  const t = program.template;
  const minutes = workingMinutes(t);
  return Array.from({ length: block.days }, (_, k) => ({
    number: before + k + 1,
    kind: 'block' as const,
    title: block.title,
    location: block.location,
    summary: block.summary,
    blockDay: { index: k + 1, of: block.days },
    start: t.start,
    end: t.end,
    template: t,
    minutes,
    items: [{ kind: 'block' as const, title: block.title, start: t.start, end: t.end, minutes, index: 0, trainer: block.lead, location: block.location, ref: block.ref }],
    ref: block.ref,
  }));
}

function teachingDay(program: Program, day: TeachingDay, number: number, ctx: RuleContext | undefined): ScheduledDay {
  const t = day.template;
  const { items, problems } = layoutDay(day);
  if (ctx) for (const p of problems) {
    if (p.kind === 'overrun') {
      ctx.report(
        day.ref.file,
        'day-overrun',
        `Day ${number} "${day.title}" of programme "${program.id}" would end ${p.end >= 24 * 60 ? 'after midnight' : `at ${formatMinutes(p.end)}`}, ${p.by} minutes after the day's end (${formatMinutes(t.end)}).`,
        day.ref.place,
      );
      continue;
    }
    const item = day.items[p.itemIndex]!;
    if (p.kind === 'overlap') {
      ctx.report(item.ref.file, 'start-overlap', `This item starts at ${formatMinutes(p.start)}, but the item before it on day ${number} runs until ${formatMinutes(p.previousEnd)}.`, item.ref.place);
    } else {
      ctx.report(item.ref.file, 'start-outside-day', `Start ${formatMinutes(p.start)} is outside day ${number}'s working hours (${formatMinutes(t.start)}–${formatMinutes(t.end)}) or inside a break.`, item.ref.place);
    }
  }
  const taught = items.filter((i) => i.kind !== 'break');
  const start = taught.reduce((m, i) => Math.min(m, i.start), taught.length ? Infinity : t.start);
  const end = taught.reduce((m, i) => Math.max(m, i.end), start);
  const minutes = taught.reduce((s, i) => s + i.minutes, 0);
  return { number, kind: 'day', title: day.title, location: day.location, summary: day.summary, start, end, template: t, items, minutes, ref: day.ref };
}
