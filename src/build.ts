// Renders a compiled curriculum through the registered outputs and emits the files atomically.
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OutputCache } from './cache/output-cache.js';
import type { Diagnostics } from './diagnostics/diagnostics.js';
import { labelsFor } from './i18n/labels.js';
import type { Curriculum } from './model/types.js';
import { ALWAYS, renderers } from './render/registry.js';
import { releaseMemory } from './util/release-memory.js';
import { gitOutput } from './util/git.js';
import { reportTiming } from './util/timing.js';
import { loadTemplates } from './render/templates.js';
import type { OutputFile, RenderContext, Renderer } from './render/types.js';

/** Options of a build after the CLI parsed them. */
export interface BuildOptions {
  outDir: string;
  only?: string[];
  pdf: boolean;
  roles?: string[];
  programs?: string[];
  /** Outputs that belong to this build (pages link to them) but are not rendered in this call; serve renders slow ones in a second pass. */
  skip?: string[];
  /** The cache of rendered pieces (its `used` keys tell what to keep); without it pieces are kept in memory for this build only. */
  memo?: OutputCache;
  /** The edition's time (`editionSeconds`), asked for before the load so that git runs alongside it; asked for here when not given. */
  edition?: Promise<number | undefined>;
}

/** Where a build's files go: the staging folder (`OutputStage`), which may already hold some from the previous output. */
export interface OutputSink {
  write(file: OutputFile, stored?: { key: string; uses: readonly string[] }): void;
  reuse(paths: readonly string[] | undefined, key: string): { paths: readonly string[]; uses: readonly string[] } | undefined;
  /** The previous output's file at `path` when this build of the tool wrote it and it is unchanged since. */
  previous?(path: string): Uint8Array | undefined;
}

/** Whether a build makes every output of the curriculum (no --only, --role or --program): its cache keys are then all the curriculum needs. */
export function buildsEverything(options: Pick<BuildOptions, 'only' | 'roles' | 'programs'>): boolean {
  return !options.only && !options.roles && !options.programs;
}

/** Names accepted by `--only`. */
export function outputNames(): string[] {
  return renderers.map((r) => r.name).filter((n) => !ALWAYS.has(n));
}

/** Render every selected output: handed to `sink` output by output when given (nothing kept), else returned in path order. */
export async function renderAll(model: Curriculum, diagnostics: Diagnostics, options: BuildOptions, sink?: OutputSink): Promise<OutputFile[]> {
  // `--pdf` prints the handbooks whenever they are built, whether or not `--only` names `pdf` too.
  const wanted = (name: string) =>
    ALWAYS.has(name) || !options.only || options.only.includes(name) || (name === 'pdf' && options.only.includes('handbook'));
  const selected = renderers.filter((r) => wanted(r.name)).filter((r) => r.name !== 'pdf' || options.pdf);
  const files: OutputFile[] = [];
  const memo = options.memo ?? new OutputCache(undefined);
  // Files the previous output did not hold, by path: the stored piece they are about to be made from.
  const pending = new Map<string, string>();
  /** Take the files of piece `key` over from the previous output; false: they are to be made (and recorded as made from it). */
  const takeOver = (stage: OutputSink, paths: readonly string[] | undefined, key: string): boolean => {
    const taken = stage.reuse(paths, key);
    if (taken === undefined) {
      for (const path of paths ?? []) pending.set(path, key);
      return false;
    }
    memo.keep(key, taken.uses);
    return true;
  };
  const templates = loadTemplates(join(dirname(resolve(model.sourceDir)), 'templates'));
  const ctx: RenderContext = {
    model,
    labels: labelsFor(model.locale),
    templates,
    editionDate: editionDate(await (options.edition ?? editionSeconds(model.sourceDir)), model.timezone),
    diagnostics,
    roles: options.roles,
    programs: options.programs,
    pdf: options.pdf,
    outputs: new Set(selected.map((r) => r.name)),
    memo,
    reuse: (paths, kind, input) => sink !== undefined && takeOver(sink, paths, memo.keyFor(kind, input)),
    reuseKey: (kind, key) => {
      if (!sink) return false;
      memo.knownKey(kind, key);
      return takeOver(sink, undefined, key);
    },
    previous: (path) => sink?.previous?.(path),
    emit: (file) => {
      if (!sink) {
        files.push(file);
        return;
      }
      const key = pending.get(file.path);
      pending.delete(file.path);
      sink.write(file, key === undefined || file.volatile ? undefined : { key, uses: memo.usesOf(key) });
    },
  };
  ctx.memo.useTemplates(templates.fingerprint);
  const run = async (r: Renderer) => {
    const started = performance.now();
    for (const f of await r.render(ctx)) ctx.emit(f);
    reportTiming(`render ${r.name}`, started);
  };
  const chosen = selected.filter((r) => !options.skip?.includes(r.name));
  // Background outputs start first; a failure of theirs is reported once the others are done.
  const background = chosen.filter((r) => r.background).map(run);
  for (const done of background) done.catch(() => undefined);
  try {
    for (const r of chosen.filter((r) => !r.background)) {
      await run(r);
      ctx.memo.forgetTexts();
      releaseMemory();
    }
  } finally {
    // Never leave a background output writing into a stage that is being given up.
    await Promise.allSettled(background);
  }
  await Promise.all(background);
  if (process.env.CS_TRAIN_CACHE_STATS) process.stderr.write(`${ctx.memo.summary()}\n`);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The edition's time in seconds since the epoch: SOURCE_DATE_EPOCH, else the last commit touching the
 * sources, else undefined; never the wall clock. git runs without blocking this thread.
 */
export async function editionSeconds(sourceDir: string): Promise<number | undefined> {
  const env = process.env.SOURCE_DATE_EPOCH;
  if (env && /^\d+$/.test(env)) return Number(env);
  const out = await gitOutput(['log', '-1', '--format=%ct', '--', '.'], sourceDir);
  return out !== undefined && /^\d+$/.test(out) ? Number(out) : undefined;
}

/** YYYY-MM-DD of `seconds` (see `editionSeconds`) in `timeZone`. */
export function editionDate(seconds: number | undefined, timeZone = 'UTC'): string | undefined {
  return seconds === undefined ? undefined : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(seconds * 1000));
}
