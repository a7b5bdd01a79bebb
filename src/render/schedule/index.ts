// The schedule outputs: `schedule` writes programs/<p>/schedule.{html,csv,json,ics}; `trainers`
// writes trainers/<id>.{html,ics}. Both read the schedule computed once in the model stage, and both
// take their files from the output cache while what they print is unchanged (schedule-key.ts).
import type { Program } from '../../model/types.js';
import type { ProgramSchedule } from '../../schedule/types.js';
import type { RenderContext, Renderer } from '../types.js';
import { scheduleCsv } from './schedule-csv.js';
import { schedulePage } from './schedule-html.js';
import { calendarText, programEvents } from './schedule-ics.js';
import { scheduleToJson } from './schedule-json.js';
import { groupedFiles, ScheduleKeys, type GroupPiece, type TextFile } from './schedule-key.js';
import { trainerFiles } from './trainer-pages.js';

/** Every programme's schedule as a page, a spreadsheet, data, and (with cohorts) a calendar. */
export const scheduleOutput: Renderer = {
  name: 'schedule',
  render(ctx) {
    let keys: ScheduleKeys | undefined;
    const pieces: GroupPiece[] = [];
    for (const program of ctx.model.programs) {
      if (ctx.programs && !ctx.programs.includes(program.id)) continue;
      const schedule = ctx.model.schedules.get(program.id);
      if (!schedule) continue;
      pieces.push({ id: program.id, input: () => (keys ??= new ScheduleKeys(ctx)).program(program, schedule), produce: () => scheduleFiles(ctx, program, schedule) });
    }
    return groupedFiles(ctx, 'schedule-files', pieces);
  },
};

/** Each named trainer's bookings across every programme and cohort, as a page and a calendar. */
export const trainerOutput: Renderer = {
  name: 'trainers',
  render: trainerFiles,
};

function scheduleFiles(ctx: RenderContext, program: Program, schedule: ProgramSchedule): TextFile[] {
  const { model, labels } = ctx;
  const dir = `programs/${program.id}`;
  const out: TextFile[] = [
    { path: `${dir}/schedule.html`, contents: schedulePage(ctx, program, schedule) },
    { path: `${dir}/schedule.csv`, contents: scheduleCsv(model, program, schedule, labels) },
    { path: `${dir}/schedule.json`, contents: JSON.stringify(scheduleToJson(model, program, schedule), null, 2) + '\n' },
  ];
  if (schedule.cohorts.length) {
    const events = programEvents(model, labels, program, schedule);
    out.push({ path: `${dir}/schedule.ics`, contents: calendarText(model, `${program.title} · ${labels.schedule}`, events, ctx.editionDate) });
  }
  return out;
}
