// Opens the session cache for a build or check and, when many sessions are not in it yet, parses
// those on worker threads first, so the (synchronous) load stage finds every clean session ready.
import { dirname, join, resolve, sep } from 'node:path';
import { compileCurriculum, compileStats, type CompileResult } from '../compile.js';
import { Diagnostics } from '../diagnostics/diagnostics.js';
import { listFolder } from '../load/list-folder.js';
import { parseInWorkers, type ParseItem } from '../load/parse-worker-pool.js';
import { contentKeyOf, readSourceText } from '../load/source-text.js';
import { coresMeasured, forcedWorkers, workersForIdleCores } from '../util/idle-cores.js';
import type { OutputCache } from './output-cache.js';
import { pruneCache, type PruneScope } from './prune-cache.js';
import { SessionCache } from './session-cache.js';

/** Cache options of the CLI: `--cache-dir <dir>`, `--no-cache` (commander sets `cache: false`). */
export interface CacheOptions {
  cacheDir?: string;
  cache?: boolean;
}

/** Below this many sessions to parse, starting workers costs more than it saves. */
export const WORKER_THRESHOLD = 200;

/** The default cache folder: `.cs-train-cache` beside the source folder. */
export function defaultCacheDir(sourceDir: string): string {
  return join(dirname(resolve(sourceDir)), '.cs-train-cache');
}

/** The cache folder a build or check uses: undefined with `--no-cache`. */
export function cacheFolder(sourceDir: string, options: CacheOptions): string | undefined {
  return options.cache === false ? undefined : resolve(options.cacheDir ?? defaultCacheDir(sourceDir));
}

/** Open the cache (memory only with `--no-cache`) and parse the sessions it lacks on worker threads. */
export async function openSessionCache(sourceDir: string, options: CacheOptions = {}): Promise<SessionCache> {
  const dir = cacheFolder(sourceDir, options);
  const cache = new SessionCache(dir, sourceDir);
  // CS_TRAIN_PARSE_WORKERS: 0 never uses workers; N always uses N (tests); unset decides by the work.
  const forced = forcedWorkers('CS_TRAIN_PARSE_WORKERS');
  if (forced === 0) return cache;
  const misses = uncachedSessions(sourceDir, cache);
  if (misses.length < (forced === undefined ? WORKER_THRESHOLD : 1)) return cache;
  if (forced === undefined) await coresMeasured();
  const workers = forced ?? workerCount(misses.length);
  if (workers === 0) return cache;
  cache.stats.workers = workers;
  for (const result of await parseInWorkers(misses, workers, dir)) {
    cache.accept(result);
  }
  return cache;
}

/** Compile `sourceDir` with the session cache; `CS_TRAIN_CACHE_STATS=1` prints the cache counters. */
export async function compileCached(sourceDir: string, options: CacheOptions = {}): Promise<CompileResult & { cache: SessionCache }> {
  const cache = await openSessionCache(sourceDir, options);
  const result = compileCurriculum(sourceDir, process.cwd(), cache);
  cache.saveLoadState();
  if (process.env.CS_TRAIN_CACHE_STATS) process.stderr.write(`${cache.summary()}; model ${compileStats.last === 'patched' ? 'kept from the last load, changed bodies put in' : 'built'}\n`);
  return { ...result, cache };
}

/**
 * After a build: let the cache drop what neither the sessions nor the outputs of this build used, once
 * enough has piled up. A partial build (`scope.complete` false) also keeps what the last complete build
 * used; printed PDFs are judged only by a build that printed them. `outputs`: the output caches of the
 * build (`serve` renders its slides in a pass of their own).
 */
export function pruneAfterBuild(sessions: SessionCache, outputs: readonly OutputCache[], scope: PruneScope): void {
  if (sessions.dir === undefined || outputs.some((o) => o.dir !== sessions.dir)) return;
  const used = new Set(sessions.used);
  let rendered = 0;
  for (const o of outputs) {
    for (const key of o.used) used.add(key);
    rendered += o.stats.rendered;
  }
  const s = sessions.stats;
  const removed = pruneCache(sessions.dir, used, s.stored + s.parsedInWorkers + s.yamlStored + rendered, scope);
  if (process.env.CS_TRAIN_CACHE_STATS && removed > 0) process.stderr.write(`cache ${sessions.dir}: ${removed} unused entries removed\n`);
}

/**
 * One worker per core, but none when the machine has no idle core: measured on 2 busy cores,
 * two workers that must share one core parse 4,000 sessions 30 % slower than the main thread alone.
 */
function workerCount(sessions: number): number {
  return Math.min(workersForIdleCores(), Math.ceil(sessions / 100));
}

/**
 * Session files under modules/* whose key the cache lacks, with their text. A file the stamp record
 * knows unchanged is not read unless the cache lacks its key; every text read is kept for the load stage.
 */
export function uncachedSessions(sourceDir: string, cache: SessionCache): ParseItem[] {
  const out: ParseItem[] = [];
  const queued = new Set<string>();
  const quiet = new Diagnostics();
  const modules = join(sourceDir, 'modules');
  for (const mod of listFolder(modules, cache.listings)) {
    if (!mod.isDirectory()) continue;
    const dir = join(modules, mod.name);
    for (const file of listFolder(dir, cache.listings)) {
      if (!file.isFile() || !/\.md$/i.test(file.name)) continue;
      // Spelt as the load stage spells it, so the texts and stamps found here are found again there.
      const abs = `${dir}${sep}${file.name}`;
      const known = cache.stamps?.knownKey(abs);
      if (known !== undefined && cache.has(cache.keyOf(known))) continue;
      const before = quiet.file(abs).messages.length;
      const src = readSourceText(abs, abs, quiet);
      if (!src) continue;
      if (quiet.file(abs).messages.length === before) {
        cache.keepText(src);
        if (src.stats) cache.stamps?.noteRead(abs, src.stats, contentKeyOf(src));
      }
      const key = cache.keyOf(contentKeyOf(src));
      if (!queued.has(key) && !cache.has(key)) out.push({ key, path: abs, text: src.text });
      queued.add(key);
    }
  }
  return out;
}
