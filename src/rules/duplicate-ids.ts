// Two files that define the same id (`01-intro.md` and `02-intro.md`, `agent.yaml` and `agent.yml`).
import type { SourceRule } from './context.js';

/** Every id is defined by exactly one file. */
export const duplicateIds: SourceRule = (ctx) => {
  const groups: [string, { id: string; path: string }[]][] = [
    ['role', ctx.sources.roles.map((e) => ({ id: e.id, path: e.ys.src.path }))],
    ['programme', ctx.sources.programs.map((e) => ({ id: e.id, path: e.ys.src.path }))],
    ['assessment', ctx.sources.assessments.map((e) => ({ id: e.id, path: e.ys.src.path }))],
    ['session', ctx.sources.modules.flatMap((m) => m.sessions.map((s) => ({ id: s.id, path: s.src.path })))],
  ];
  for (const [what, entries] of groups) {
    const first = new Map<string, string>();
    for (const e of entries) {
      const earlier = first.get(e.id);
      if (earlier) ctx.report(e.path, 'duplicate-id', `The ${what} id "${e.id}" is already defined by ${earlier}.`);
      else first.set(e.id, e.path);
    }
  }
};
