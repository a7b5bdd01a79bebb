// `cs-train build [SOURCE]`: check, render every output, write the output folder atomically.
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildsEverything, editionSeconds, outputNames, renderAll, type BuildOptions } from '../build.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { ReportFormat } from '../diagnostics/reporters.js';
import type { Curriculum } from '../model/types.js';
import { OutputCache } from '../cache/output-cache.js';
import { cacheFolder, compileCached, pruneAfterBuild, type CacheOptions } from '../cache/open-cache.js';
import { checkOutputFolder, OutputStage } from '../emit/emit.js';
import { releaseMemory } from '../util/release-memory.js';
import { processStart, reportTiming } from '../util/timing.js';
import { buildCancelled, runInterruptCleanups } from '../util/interrupt.js';
import { summaryLine } from './check.js';
import { withSpinner } from './spinner.js';
import { asUsageError, checkSourceDateEpoch, EXIT, noteCacheProblem, printDiagnostics, reportFormat, sourceFolder, status, UsageError } from './common.js';

/** Options of `build`. */
export interface BuildCliOptions extends CacheOptions {
  out?: string;
  pdf?: boolean;
  only?: string;
  format?: string;
  strict?: boolean;
  role?: string[];
  program?: string[];
}

/** Run `build` and return the exit status. */
export async function runBuild(source: string | undefined, options: BuildCliOptions): Promise<number> {
  const started = performance.now();
  reportTiming('startup (process start to build)', processStart());
  const format = reportFormat(options.format);
  const dir = sourceFolder(source, 'build');
  checkSourceDateEpoch();
  const outDir = resolve(options.out ?? 'dist');
  const only = parseOnly(options.only);
  // --pdf asks for the PDFs explicitly, also when --only names other outputs; --only pdf asks for them too.
  if (only && options.pdf && !only.includes('pdf')) only.push('pdf');
  const pdf = (options.pdf ?? false) || (only?.includes('pdf') ?? false);
  try {
    checkOutputFolder(outDir, dir);
  } catch (error) {
    throw asUsageError(error);
  }
  const cacheDir = cacheFolder(dir, options);
  // git answers while the sources load.
  const edition = editionSeconds(dir);
  const { model, diagnostics, cache } = await compileCached(dir, options);
  releaseMemory();
  reportTiming('load', started);
  if (diagnostics.errorCount > 0) {
    printDiagnostics(diagnostics, format, options.strict ?? false);
    noteCacheProblem(cacheDir);
    status('Build stopped: nothing was written.');
    return EXIT.sourceErrors;
  }
  for (const id of options.role ?? []) if (!model.roles.some((r) => r.id === id)) throw new UsageError(`Unknown role "${id}" for --role.`);
  for (const id of options.program ?? []) if (!model.programs.some((p) => p.id === id)) throw new UsageError(`Unknown programme "${id}" for --program.`);
  const memo = new OutputCache(cacheDir);
  const files = await buildOutputsChecked(model, diagnostics, { outDir, only, pdf, roles: options.role, programs: options.program, memo, edition }, format, options.strict ?? false);
  if (files === undefined) return EXIT.sourceErrors;
  // Only a complete build knows every piece the curriculum needs; a partial one keeps what the last complete one used too.
  const pruning = performance.now();
  pruneAfterBuild(cache, [memo], { complete: buildsEverything({ only, roles: options.role, programs: options.program }), pdfs: pdf });
  reportTiming('cache clean-up', pruning);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const warnings = diagnostics.warningCount;
  noteCacheProblem(cacheDir);
  status(`${summaryLine(model)}. Wrote ${files} files to ${options.out ?? 'dist'} in ${seconds} s; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`);
  return EXIT.ok;
}

/** Render into a staging folder, print diagnostics, and commit it to the output only when the run has not failed. */
async function buildOutputsChecked(model: Curriculum, diagnostics: Diagnostics, options: BuildOptions, format: ReportFormat, strict: boolean): Promise<number | undefined> {
  let stage: OutputStage | undefined;
  // Ctrl-C (or a stop from a CI runner) during the build: the previous output stays, and the half-made
  // stage is removed now rather than at the next build.
  const stop = (signal: NodeJS.Signals) => {
    stage?.abort();
    // A browser printing PDFs is stopped first, so that its folders can be removed.
    void runInterruptCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    stage = new OutputStage(options.outDir, options.memo?.dir);
    const render = () => renderAll(model, diagnostics, options, stage);
    if (options.pdf) await withSpinner('Rendering, and printing PDFs with Chromium…', render);
    else await render();
    if (printDiagnostics(diagnostics, format, strict)) {
      stage.abort();
      status('Build stopped: nothing was written.');
      return undefined;
    }
    if (buildCancelled()) {
      stage.abort();
      status('Build stopped: the command was interrupted; nothing was written.');
      return undefined;
    }
    const committing = performance.now();
    stage.commit();
    reportTiming('commit', committing, `, ${stage.reused} of ${stage.count} files unchanged from the previous output`);
    return stage.count;
  } catch (error) {
    stage?.abort();
    throw asUsageError(error);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** Parse `--only` into output names, refusing unknown ones. */
export function parseOnly(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const known = outputNames();
  // An empty value (an unset shell variable, say) is not "everything": say so rather than guess.
  if (names.length === 0) throw new UsageError(`--only is empty; name the outputs to build (${known.join(', ')}), or leave the option out to build them all.`);
  for (const n of names) {
    if (!known.includes(n)) throw new UsageError(`Unknown output "${n}" for --only; choose from ${known.join(', ')}.`);
  }
  return names;
}
