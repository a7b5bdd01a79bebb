// programs/<p>/schedule.json: the computed schedule for other tools. Documented in docs/schedule.md;
// times are "HH:MM" wall-clock in the curriculum's time zone, dates "YYYY-MM-DD".
import type { Curriculum, Program, TrainerRef } from '../../model/types.js';
import { weekdayOf } from '../../schedule/calendar.js';
import type { ProgramSchedule, ScheduledItem } from '../../schedule/types.js';
import { formatMinutes } from '../../util/time.js';

/** Identifies the shape of schedule.json; bumped on incompatible changes. */
export const SCHEDULE_JSON_FORMAT = 'cs-train/schedule@1';

/** The schedule of one programme as plain JSON data. */
export function scheduleToJson(model: Curriculum, program: Program, schedule: ProgramSchedule): object {
  return {
    format: SCHEDULE_JSON_FORMAT,
    program: { id: program.id, title: program.title, roles: program.roles },
    timezone: model.timezone,
    locale: model.locale,
    minutes: schedule.minutes,
    days: schedule.days.map((d) => ({
      number: d.number,
      kind: d.kind,
      title: d.title,
      location: d.location ?? null,
      summary: d.summary ?? null,
      block: d.blockDay ?? null,
      dayStart: formatMinutes(d.template.start),
      dayEnd: formatMinutes(d.template.end),
      start: formatMinutes(d.start),
      end: formatMinutes(d.end),
      minutes: d.minutes,
      items: d.items.map(itemToJson),
    })),
    cohorts: schedule.cohorts.map(({ cohort, dates }) => ({
      id: cohort.id,
      name: cohort.name,
      start: cohort.start,
      dates: dates.map((date, i) => ({ day: i + 1, date, weekday: weekdayOf(date) })),
    })),
  };
}

function itemToJson(item: ScheduledItem): object {
  return {
    kind: item.kind,
    title: item.title,
    start: formatMinutes(item.start),
    end: formatMinutes(item.end),
    minutes: item.minutes,
    session: item.session?.id ?? null,
    module: item.session?.moduleId ?? null,
    assessment: item.assessment?.id ?? null,
    methods: item.session?.methods ?? [],
    objectives: item.session?.objectives ?? [],
    trainer: trainerToJson(item.trainer),
    location: item.location ?? null,
  };
}

function trainerToJson(t: TrainerRef | undefined): object | null {
  return t ? { kind: t.kind, id: t.id, name: t.name } : null;
}
