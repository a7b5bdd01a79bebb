// Roles must be taught their competencies, and get the yearly training hours the policy asks for.
// Both are policy checks on a curriculum without errors; with errors their counts would mislead.
import type { ModelRule } from './context.js';

/** A competency a role lists that no session or assessment of its programmes covers. */
export const competencyCoverage: ModelRule = (ctx, model) => {
  if (ctx.diagnostics.errorCount > 0) return;
  for (const role of model.roles) {
    const taught = new Set<string>();
    for (const p of model.programs.filter((p) => p.roles.includes(role.id))) {
      for (const day of p.days) {
        if (day.kind !== 'day') continue;
        for (const item of day.items) {
          if (item.kind === 'session') item.session.competencies.forEach((c) => taught.add(c));
          if (item.kind === 'assessment') item.assessment.competencies.forEach((c) => taught.add(c));
        }
      }
    }
    const entry = ctx.index.roles.get(role.id);
    role.competencies.forEach((c, i) => {
      if (!taught.has(c) && entry && ctx.index.competencies.has(c)) {
        ctx.at(entry.ys, ['competencies', i], 'untaught-competency', `Role "${role.id}" must be taught "${c}", but no session of its programmes covers it.`);
      }
    });
  }
};

/**
 * Roles whose programmes give fewer hours than `policy.minHoursPerYear`: one run of each programme
 * the role attends, teaching minutes without breaks, each block day counted as a full working day.
 */
export const minimumHours: ModelRule = (ctx, model) => {
  if (model.minHoursPerYear === undefined || ctx.diagnostics.errorCount > 0) return;
  for (const role of model.roles) {
    const programs = model.programs.filter((p) => p.roles.includes(role.id));
    const minutes = programs.reduce((s, p) => s + (model.schedules.get(p.id)?.minutes ?? 0), 0);
    if (minutes / 60 >= model.minHoursPerYear) continue;
    const entry = ctx.index.roles.get(role.id);
    const from = programs.length ? `one run of each of its programmes (${programs.map((p) => p.id).join(', ')})` : 'its programmes (none lists it in `roles`)';
    const message = `Role "${role.id}" gets ${Math.floor(minutes / 6) / 10} training hours from ${from}; the policy asks for at least ${model.minHoursPerYear} a year.`;
    if (entry) ctx.at(entry.ys, [], 'min-hours', message);
  }
};

/**
 * A session that no programme lists: it is checked, but no handbook, trainer guide, schedule or deck
 * prints it, which a lead who has just written it does not expect. Only on a curriculum without
 * errors, where a programme's broken line would otherwise make its session look left out.
 */
export const unscheduledSessions: ModelRule = (ctx, model) => {
  if (ctx.diagnostics.errorCount > 0) return;
  const listed = new Set<string>();
  for (const p of model.programs) {
    for (const day of p.days) if (day.kind === 'day') for (const item of day.items) if (item.kind === 'session') listed.add(item.session.id);
  }
  for (const [id, session] of ctx.index.sessions) {
    if (listed.has(id) || !session.ys) continue;
    ctx.at(session.ys, ['title'], 'unscheduled-session', `Session "${id}" is in no programme, so no handbook, trainer guide, schedule or slide deck prints it.`);
  }
};
