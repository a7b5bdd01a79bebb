// Runs one command as a whole process and measures it from outside: wall time (hrtime around the
// spawn) and peak RSS (GNU time's %M, or, without GNU time, a `--import` hook in the Node process).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const HOOK = new URL('./rss-hook.mjs', import.meta.url).pathname;

/** How peak memory is measured on this machine. */
export function memoryProbe() {
  if (existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0) return 'GNU time %M';
  return 'process.resourceUsage().maxRSS hook';
}

/** Run `node ...args` and return { seconds, rssMB, stdout }; throws with its output when it fails. */
export function measureNode(args, { cwd, env } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'cs-train-bench-'));
  const rssFile = join(scratch, 'rss');
  const gnu = memoryProbe() === 'GNU time %M';
  const [command, argv] = gnu
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', HOOK, ...args]];
  const started = process.hrtime.bigint();
  const r = spawnSync(command, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...env, ...(gnu ? {} : { BENCH_RSS_FILE: rssFile }) },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  try {
    if (r.status !== 0) {
      throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}\n${(r.stderr || '').slice(-4000)}${(r.stdout || '').slice(-2000)}`);
    }
    const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    return { seconds, rssMB: kb / 1024, stdout: r.stdout, stderr: r.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Median of a list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
