// The edit loop of a resident process, measured from outside: a watcher (`cs-train serve`, or
// Eleventy's `--watch --incremental`) is started once; then, one after another, a session file is
// edited (a sentence appended, then the edit undone) and the time from the write to the line the
// process prints when it has written its output is taken. This is what a training lead previewing
// their edits waits for, besides the browser's reload.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Start `node ...args`, wait for `ready` (its first build), then make `edits` edits to `file` and
 * time each until every pattern of `steps` has been printed once more (in order); returns the
 * seconds of each step per edit and the process's peak RSS (MB, from /proc; undefined elsewhere).
 */
export async function watchLoop({ args, cwd, env, ready, steps, file, edits = 6, timeoutMs = 120_000 }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  /** The sequence being waited for: its patterns in order, the next one's index, the times seen. */
  let waiting;
  const onLine = (line) => {
    const w = waiting;
    if (!w || !w.patterns[w.at].test(line)) return;
    w.stamps.push(performance.now());
    if (++w.at === w.patterns.length) {
      waiting = undefined;
      w.resolve(w.stamps);
    }
  };
  let buffered = '';
  const feed = (chunk) => {
    log = (log + chunk).slice(-8000);
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) onLine(line);
  };
  child.stdout.setEncoding('utf8').on('data', feed);
  child.stderr.setEncoding('utf8').on('data', feed);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  /** Wait until lines matching `patterns` have been printed in order; the time of each. */
  const expect = (patterns) => {
    let timer;
    const seen = new Promise((resolve, reject) => {
      waiting = { patterns, at: 0, stamps: [], resolve: (t) => { clearTimeout(timer); resolve(t); } };
      timer = setTimeout(() => reject(new Error(`no line matching ${patterns[waiting?.at ?? 0]} within ${timeoutMs} ms from node ${args.join(' ')}\n${log}`)), timeoutMs);
    });
    return Promise.race([seen, exited.then((how) => { throw new Error(`node ${args.join(' ')} exited (${how}) early\n${log}`); })]);
  };
  const original = readFileSync(file, 'utf8');
  const times = steps.map(() => []);
  try {
    await expect([ready]);
    // Let the watcher settle after its first build.
    await new Promise((r) => setTimeout(r, 1000));
    for (let i = 0; i < edits; i++) {
      const done = expect(steps);
      const started = performance.now();
      writeFileSync(file, i % 2 === 0 ? `${original}\n修订说明：监视模式基准测试第 ${i + 1} 次修改。\n` : original);
      (await done).forEach((t, k) => times[k].push((t - started) / 1000));
      await new Promise((r) => setTimeout(r, 300));
    }
    return { times, rssMB: peakRss(child.pid) };
  } finally {
    writeFileSync(file, original);
    child.kill('SIGTERM');
    await exited;
  }
}

/** Peak resident set of a running process in MB (Linux), else undefined. */
function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
