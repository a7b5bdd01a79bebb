// Roles must be taught their competencies, and get the yearly training hours the policy asks for.
import { hours } from '../util/time.js';
import type { ModelRule } from './context.js';

/** A competency a role lists that no session or assessment of its programmes covers. */
export const competencyCoverage: ModelRule = (ctx, model) => {
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

/** Roles whose programmes give fewer hours than `policy.minHoursPerYear` (one run of each programme). */
export const minimumHours: ModelRule = (ctx, model) => {
  if (model.minHoursPerYear === undefined) return;
  for (const role of model.roles) {
    const minutes = model.programs.filter((p) => p.roles.includes(role.id)).reduce((s, p) => s + (model.schedules.get(p.id)?.minutes ?? 0), 0);
    if (minutes / 60 < model.minHoursPerYear) {
      const entry = ctx.index.roles.get(role.id);
      const message = `Role "${role.id}" gets ${hours(minutes)} training hours from its programmes; the policy asks for at least ${model.minHoursPerYear} a year.`;
      if (entry) ctx.at(entry.ys, [], 'min-hours', message);
    }
  }
};
