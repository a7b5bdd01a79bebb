// `cs-train check [SOURCE]`: validate only, write nothing.
import { cacheFolder, compileCached, type CacheOptions } from '../cache/open-cache.js';
import type { Curriculum } from '../model/types.js';
import { hours } from '../util/time.js';
import { EXIT, noteCacheProblem, printDiagnostics, reportFormat, sourceFolder, status } from './common.js';

/** Options of `check`. */
export interface CheckOptions extends CacheOptions {
  format?: string;
  strict?: boolean;
}

/** Run `check` and return the exit status. */
export async function runCheck(source: string | undefined, options: CheckOptions): Promise<number> {
  const format = reportFormat(options.format);
  const dir = sourceFolder(source, 'check');
  const { model, diagnostics } = await compileCached(dir, options);
  const failed = printDiagnostics(diagnostics, format, options.strict ?? false);
  noteCacheProblem(cacheFolder(dir, options));
  if (failed) return EXIT.sourceErrors;
  status(summaryLine(model));
  return EXIT.ok;
}

/** "4 roles, 9 modules, 32 sessions, 3 programmes, 3 assessments, 180.5 teaching hours". */
export function summaryLine(model: Curriculum): string {
  const minutes = [...model.sessions.values()].reduce((s, x) => s + x.minutes, 0);
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(model.roles.length, 'role', 'roles'),
    n(model.modules.length, 'module', 'modules'),
    n(model.sessions.size, 'session', 'sessions'),
    n(model.programs.length, 'programme', 'programmes'),
    n(model.assessments.length, 'assessment', 'assessments'),
    `${hours(minutes)} teaching ${minutes === 60 ? 'hour' : 'hours'}`,
  ].join(', ');
}
