// Worker threads: whether the machine has a core to spare for them, so that they run in parallel
// instead of taking turns; counts forced for tests; where their compiled scripts are. The 1-minute
// load average lags: right after `npm ci` or a previous build it says "busy" for a minute on an
// idle machine. Instead, the cores' CPU times are sampled when this module loads (at start-up) and
// again when asked; what other processes used in that window (all busy time minus this process's
// own, workers included) is what is not available to us. The load average is used only when the
// window is too short to tell; a decision that can wait for the window (`coresMeasured`) does, since
// right after another build the load average reports cores busy that are idle.
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/** A window shorter than this (milliseconds per core) is too short to tell: clock ticks are 10 ms. */
const MIN_WINDOW_MS = 200;

const start = { cpus: cpus(), usage: process.cpuUsage(), at: performance.now() };

/** Cores used by other processes since start-up (or, for a short window, by everything lately). */
export function coresUsedByOthers(): number {
  const now = cpus();
  let busy = 0;
  let all = 0;
  now.forEach((cpu, i) => {
    const b = start.cpus[i]?.times;
    if (!b) return;
    const t = cpu.times;
    const used = t.user - b.user + (t.nice - b.nice) + (t.sys - b.sys) + (t.irq - b.irq);
    busy += used;
    all += used + (t.idle - b.idle);
  });
  const window = all / Math.max(1, now.length);
  if (window < MIN_WINDOW_MS) return loadavg()[0] ?? 0;
  const own = process.cpuUsage(start.usage);
  return Math.max(0, busy - (own.user + own.system) / 1000) / window;
}

/**
 * Resolves once the window since start-up is long enough to measure what other processes use (at most
 * MIN_WINDOW_MS plus two clock ticks after start-up). At 2,000 sessions a cold build reached its parse
 * decision 0.1 s in; with the load average at 2.5 from the builds before it, it parsed without workers:
 * in 3 pairs of cold builds, 356-469 MB and 16.5-17.9 s that way, 276-280 MB and 14.1-17.4 s waiting.
 */
export async function coresMeasured(): Promise<void> {
  const wait = MIN_WINDOW_MS + 20 - (performance.now() - start.at);
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}

/** One worker per core when, beside this thread, at least 3/4 of a core is free; else none. */
export function workersForIdleCores(): number {
  const cores = availableParallelism();
  return cores >= 2 && cores - 1 - coresUsedByOthers() >= 0.75 ? cores : 0;
}

/** A worker count forced by environment variable `name` (0: never; N: always N, for tests), or undefined. */
export function forcedWorkers(name: string): number | undefined {
  const value = process.env[name];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The compiled worker script `name` beside the module at `here`; from the TypeScript sources (tests), its twin in lib/. */
export function workerScript(here: string, name: string): URL | undefined {
  const url = new URL(name, here);
  if (here.endsWith('.ts')) {
    const at = url.pathname.lastIndexOf('/src/');
    url.pathname = `${url.pathname.slice(0, at)}/lib/${url.pathname.slice(at + 5)}`;
  }
  return existsSync(fileURLToPath(url)) ? url : undefined;
}
