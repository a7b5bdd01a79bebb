// Computes every programme's schedule once, in the model stage, and reports overlaps, overruns,
// dates that are not workdays, trainer clashes across programmes and cohorts, and policy hours.
import type { Curriculum, Program } from '../model/types.js';
import type { RuleContext } from '../rules/context.js';
import { formatMinutes } from '../util/time.js';
import { isWorkday, workdaysFrom } from './calendar.js';
import { layoutDay, workingMinutes } from './layout-day.js';
import type { ProgramSchedule, ScheduledDay } from './types.js';

/** Schedules of every programme, by programme id. */
export type Schedules = Map<string, ProgramSchedule>;

/** Lay out every programme and map cohorts to dates; problems go to the diagnostics. */
export function computeSchedules(model: Curriculum, ctx: RuleContext): Schedules {
  const out: Schedules = new Map();
  for (const program of model.programs) out.set(program.id, scheduleProgram(model, program, ctx));
  return out;
}

function scheduleProgram(model: Curriculum, program: Program, ctx: RuleContext): ProgramSchedule {
  const days: ScheduledDay[] = [];
  for (const day of program.days) {
    if (day.kind === 'block') {
      const t = program.template;
      for (let k = 1; k <= day.days; k++) {
        days.push({
          number: days.length + 1,
          kind: 'block',
          title: day.title,
          location: day.location,
          summary: day.summary,
          blockDay: { index: k, of: day.days },
          start: t.start,
          end: t.end,
          minutes: workingMinutes(t),
          items: [{ kind: 'block', title: day.title, start: t.start, end: t.end, minutes: workingMinutes(t), trainer: day.lead, location: day.location, ref: day.ref }],
          ref: day.ref,
        });
      }
      continue;
    }
    const number = days.length + 1;
    const { items, problems } = layoutDay(day);
    for (const p of problems) {
      if (p.kind === 'overrun') {
        ctx.report(
          day.ref.file,
          'day-overrun',
          `Day ${number} "${day.title}" of programme "${program.id}" ends at ${formatMinutes(p.end)}, ${p.by} minutes after the day's end (${formatMinutes(day.template.end)}).`,
          day.ref.place,
        );
      } else {
        const item = day.items[p.itemIndex]!;
        if (p.kind === 'overlap') {
          ctx.report(item.ref.file, 'start-overlap', `This item starts at ${formatMinutes(p.start)} but the previous item of day ${number} runs until ${formatMinutes(p.previousEnd)}.`, item.ref.place);
        } else {
          ctx.report(item.ref.file, 'start-outside-day', `Start ${formatMinutes(p.start)} is outside day ${number}'s working hours (${formatMinutes(day.template.start)}–${formatMinutes(day.template.end)}) or inside a break.`, item.ref.place);
        }
      }
    }
    const minutes = items.filter((i) => i.kind !== 'break').reduce((s, i) => s + i.minutes, 0);
    const start = items[0]?.start ?? day.template.start;
    const end = items.reduce((m, i) => Math.max(m, i.end), start);
    days.push({ number, kind: 'day', title: day.title, location: day.location, summary: day.summary, start, end, items, minutes, ref: day.ref });
  }
  const holidays = new Set(model.holidays);
  const cohorts = program.cohorts.map((cohort) => {
    if (!isWorkday(cohort.start, model.workdays, holidays)) {
      ctx.report(cohort.ref.file, 'cohort-not-workday', `Cohort "${cohort.name}" starts on ${cohort.start}, which is not a workday or is a holiday.`, cohort.ref.place);
    }
    return { cohort, dates: workdaysFrom(cohort.start, days.length, model.workdays, holidays) };
  });
  return { days, cohorts, minutes: days.reduce((s, d) => s + d.minutes, 0) };
}
