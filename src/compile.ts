// The pipeline up to the model: discover → read → parse → validate → rules → build model →
// schedule → model rules. Every problem goes to one Diagnostics; nothing is written.
import type { SessionCache } from './cache/session-cache.js';
import { Diagnostics } from './diagnostics/diagnostics.js';
import { readSources, type Sources } from './load/read-sources.js';
import { buildModel } from './model/build-model.js';
import type { Curriculum } from './model/types.js';
import { makeRuleContext } from './rules/context.js';
import { modelRules, sourceRules } from './rules/index.js';
import { computeSchedules } from './schedule/compute-schedule.js';

/** The outcome of compiling a source folder. */
export interface CompileResult {
  model: Curriculum;
  sources: Sources;
  diagnostics: Diagnostics;
}

/** Read, validate and resolve a curriculum folder, reporting every problem found; sessions may come from `cache`. */
export function compileCurriculum(sourceDir: string, cwd = process.cwd(), cache?: SessionCache): CompileResult {
  const diagnostics = new Diagnostics();
  const sources = readSources(sourceDir, diagnostics, cwd, cache);
  const ctx = makeRuleContext(sources, diagnostics);
  for (const rule of sourceRules) rule(ctx);
  const model = buildModel(sources, ctx);
  model.schedules = computeSchedules(model, ctx);
  for (const rule of modelRules) rule(ctx, model);
  return { model, sources, diagnostics };
}
