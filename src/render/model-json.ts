// dist/curriculum.json: the resolved model (ids resolved, durations in minutes, computed schedule)
// for other tools. Session bodies are given as their Markdown file path (relative to the source
// folder, so the output does not depend on the working directory), not as trees.
import { relative, resolve, sep } from 'node:path';
import { modelDigest } from '../cache/model-digest.js';
import type { Curriculum } from '../model/types.js';
import { formatMinutes } from '../util/time.js';
import { cachedPage } from './cached-page.js';
import type { Renderer } from './types.js';

/** The resolved model as plain JSON. */
export function modelToJson(model: Curriculum): object {
  return {
    format: 'cs-train/curriculum@1',
    title: model.title,
    organization: model.organization ?? null,
    locale: model.locale,
    timezone: model.timezone,
    day: { start: formatMinutes(model.template.start), end: formatMinutes(model.template.end), breaks: model.template.breaks.map((b) => ({ start: formatMinutes(b.start), end: formatMinutes(b.end), title: b.title ?? null })) },
    calendar: { workdays: model.workdays, holidays: model.holidays, extraWorkdays: model.extraWorkdays },
    competencies: model.competencies,
    trainers: model.trainers,
    roles: model.roles.map(({ file: _f, ...r }) => ({ ...r, programs: model.programs.filter((p) => p.roles.includes(r.id)).map((p) => p.id) })),
    modules: model.modules.map((m) => ({
      id: m.id,
      title: m.title,
      summary: m.summary ?? null,
      minutes: m.sessions.reduce((s, x) => s + x.minutes, 0),
      sessions: m.sessions.map((s) => ({
        id: s.id,
        title: s.title,
        file: relative(model.sourceDir, resolve(s.file)).split(sep).join('/'),
        minutes: s.minutes,
        methods: s.methods,
        trainer: s.trainer ?? null,
        location: s.location ?? null,
        objectives: s.objectives,
        materials: s.materials,
        competencies: s.competencies,
      })),
    })),
    programs: model.programs.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary ?? null,
      roles: p.roles,
      minutes: model.schedules.get(p.id)?.minutes ?? 0,
      days: model.schedules.get(p.id)?.days.length ?? 0,
      cohorts: p.cohorts.map((c) => ({ id: c.id, name: c.name, start: c.start })),
    })),
    assessments: model.assessments.map((a) => ({ id: a.id, title: a.title, kind: a.kind, minutes: a.minutes ?? null, passMark: a.passMark ?? null, totalPoints: a.totalPoints, questions: a.questions.length })),
  };
}

/** The `curriculum.json` output; it prints no session body, so the model digest is its whole input. */
export const modelJson: Renderer = {
  name: 'json',
  render: (ctx) => cachedPage(ctx, 'curriculum-json', modelDigest(ctx.model), 'curriculum.json', () => JSON.stringify(modelToJson(ctx.model), null, 2) + '\n'),
};
