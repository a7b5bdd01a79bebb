// `npm run bench`: cs-train against Eleventy 3 and the bare unified floor on a generated curriculum.
// Options: --sessions N (4000), --rounds R (3), --scaling (1k, 2k, 4k, 8k; 1 round each unless
// --rounds), --sizes 1000,2000 (other sizes), --no-eleventy, --no-watch (skip the edit loops of
// resident processes), --no-daemon (skip the rebuilds through `cs-train daemon`, and through one a build started), --edits E (6),
// --snapshot (run a copy of the built tool, safe from rebuilds of lib/ during the run). Everything
// it writes stays in bench/.work/.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCurriculum } from './generate.mjs';
import { measureNode, median, memoryProbe } from './measure.mjs';
import { watchLoop } from './watch-loop.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, 'bench', '.work');
const ELEVENTY = join(WORK, 'eleventy');
const TOOL = join(WORK, 'tool');
const TRASH = join(WORK, 'trash');
const TARGETS = { rebuildVsEleventy: 0.15, coldVsFloor: 0.75, rssMB: 400 };
// Builds run in their own process, whatever daemon the user may have running; the daemon case has its own.
const ENV = { SOURCE_DATE_EPOCH: '1793491200', CS_TRAIN_NO_DAEMON: '1' };
const DAEMON_DIR = join(WORK, 'daemon');
const DAEMON_ENV = { SOURCE_DATE_EPOCH: '1793491200', CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: DAEMON_DIR };
// A daemon that a build starts, as one run in a terminal does (CS_TRAIN_AUTO_DAEMON=1 stands in for the terminal).
const STARTED_DIR = join(WORK, 'daemon-started');
const STARTED_ENV = { SOURCE_DATE_EPOCH: '1793491200', CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: STARTED_DIR, CS_TRAIN_AUTO_DAEMON: '1' };

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const scaling = flag('--scaling');
const listed = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1].split(',').map(Number) : undefined;
const sizes = listed ?? (scaling ? [1000, 2000, 4000, 8000] : [value('--sessions', 4000)]);
const rounds = value('--rounds', sizes.length > 1 ? 1 : 3);
const withEleventy = !flag('--no-eleventy');
const withWatch = !flag('--no-watch');
const withDaemon = !flag('--no-daemon') && process.platform !== 'win32';
const edits = value('--edits', 6);
if (!existsSync(join(ROOT, 'lib', 'bundle', 'main.js'))) throw new Error('The tool is not built: run `npm run build:tool` first.');
const CS_TRAIN = flag('--snapshot') ? snapshotTool() : join(ROOT, 'bin', 'cs-train.js');

const CASES = [
  ['cold', 'cs-train cold build (no output, no cache)'],
  ['edit', 'cs-train rebuild, one session changed'],
  ['noop', 'cs-train rebuild, nothing changed'],
  ['daemon', 'cs-train rebuild, one edit, via daemon'],
  ['started', '  the first, via a daemon a build started'],
  ['eleventy', 'Eleventy 3 full build'],
  ['floor', 'unified parse + stringify, 1 thread'],
];

const eleventyBin = withEleventy ? installEleventy() : undefined;
const say = (line = '') => process.stdout.write(line + '\n');
say(`cs-train bench: node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model.trim()}), memory by ${memoryProbe()}`);
say(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const results = [];
for (const n of sizes) results.push(await benchSize(n));
rmSync(TRASH, { recursive: true, force: true });
say();
for (const r of results) printSize(r);
if (results.length > 1) printScaling(results);
say(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

async function benchSize(n) {
  const base = join(WORK, `c${n}`);
  const { sourceDir, editable } = generateCurriculum(base, n);
  const out = join(base, 'dist');
  const cache = join(base, '.cs-train-cache');
  const site = join(base, 'eleventy-site');
  const build = () => measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: ENV });
  const times = Object.fromEntries(CASES.map(([k]) => [k, []]));
  const markdown = sumSize(join(sourceDir, 'modules'));
  mkdirSync(TRASH, { recursive: true });
  process.stderr.write(`\n${n} sessions (${(markdown / 1048576).toFixed(1)} MiB of session files), ${rounds} round(s)\n`);
  const original = readFileSync(editable, 'utf8');
  const daemon = withDaemon ? startDaemon() : undefined;
  for (let round = 1; round <= rounds; round++) {
    const run = (key, fn) => {
      const m = fn();
      times[key].push(m);
      process.stderr.write(`  round ${round}  ${key.padEnd(8)} ${m.seconds.toFixed(2).padStart(7)} s ${m.rssMB.toFixed(0).padStart(5)} MB\n`);
    };
    // Moved aside, deleted at the end: on ext4, creating files just after deleting thousands is slow
    // for minutes (freed inodes are skipped), which would count against the cold build.
    for (const dir of [out, cache]) if (existsSync(dir)) renameSync(dir, join(TRASH, `${n}-${round}-${basename(dir)}`));
    run('cold', build);
    appendFileSync(editable, `\n修订说明：第 ${round} 轮基准测试时补充的一句话。\n`);
    run('edit', build);
    run('noop', build);
    if (daemon) {
      // The daemon builds what the builds above left (as a lead's previous build would have); then
      // `edits` edits (a sentence appended, then undone), each build timed as the client process.
      measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: DAEMON_ENV });
      const before = readFileSync(editable, 'utf8');
      for (let e = 1; e <= edits; e++) {
        writeFileSync(editable, e % 2 ? `${before}\n修订说明：第 ${round} 轮经由常驻进程重建时补充的一句话。\n` : before);
        run('daemon', () => ({ ...measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: DAEMON_ENV }), rssMB: daemon.peakMB() }));
      }
    }
    if (daemon) {
      // The first build handed to a daemon that the build before it started (after loading its
      // sources), as a lead's second build in a terminal is; the daemon is stopped afterwards.
      rmSync(STARTED_DIR, { recursive: true, force: true });
      mkdirSync(STARTED_DIR, { recursive: true, mode: 0o700 });
      const env = { ...process.env, ...STARTED_ENV };
      measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: STARTED_ENV });
      const loaded = waitUntil('the started daemon to load the sources', () => {
        const status = spawnSync(process.execPath, [CS_TRAIN, 'daemon', 'status'], { env, encoding: 'utf8' }).stdout;
        return /it loaded the \d+ sessions/.test(status) ? status : undefined;
      });
      const pid = /pid (\d+)/.exec(loaded)?.[1];
      const before = readFileSync(editable, 'utf8');
      writeFileSync(editable, `${before}\n修订说明：第 ${round} 轮交给新启动的常驻进程时补充的一句话。\n`);
      run('started', () => ({ ...measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: STARTED_ENV }), rssMB: peakOf(pid) }));
      writeFileSync(editable, before);
      measureNode([CS_TRAIN, 'build', sourceDir, '-o', out], { env: STARTED_ENV });
      spawnSync(process.execPath, [CS_TRAIN, 'daemon', 'stop'], { env });
    }
    if (eleventyBin) {
      if (existsSync(site)) renameSync(site, join(TRASH, `${n}-${round}-${basename(site)}`));
      run('eleventy', () => measureNode([eleventyBin, `--input=${join(sourceDir, 'modules')}`, `--output=${site}`, '--formats=md', '--quiet'], { cwd: ELEVENTY }));
    }
    run('floor', () => measureNode([join(ROOT, 'bench', 'floor.mjs'), join(sourceDir, 'modules')]));
  }
  writeFileSync(editable, original);
  daemon?.stop();
  const summary = Object.fromEntries(
    Object.entries(times).map(([k, list]) => [k, list.length ? { median: median(list.map((m) => m.seconds)), min: Math.min(...list.map((m) => m.seconds)), max: Math.max(...list.map((m) => m.seconds)), rss: Math.max(...list.map((m) => m.rssMB)) } : undefined]),
  );
  const watch = withWatch ? await watchLoops(sourceDir, editable, site) : undefined;
  return { n, markdown, summary, watch };
}

/**
 * The edit loop of resident processes: `cs-train serve` (the served folder is its own; the cache is
 * the one the builds above left) and Eleventy's `--watch --incremental`, each started once and then
 * timed from each edit to the line it prints when its output is written.
 */
async function watchLoops(sourceDir, editable, site) {
  const summarize = (list, rss) => ({ median: median(list), min: Math.min(...list), max: Math.max(...list), rss });
  process.stderr.write(`  edit loops: ${edits} edits each (a sentence appended, then undone)\n`);
  const serve = await watchLoop({
    args: [CS_TRAIN, 'serve', sourceDir, '--port', '0'],
    env: ENV,
    ready: /Built in \d+ ms/,
    steps: [/Rebuilt pages in/, /Rebuilt slides in/],
    file: editable,
    edits,
  });
  const result = { servePages: summarize(serve.times[0], serve.rssMB), serveAll: summarize(serve.times[1], serve.rssMB) };
  process.stderr.write(`  serve    pages ${serve.times[0].map((t) => t.toFixed(2)).join(' ')} s; slides too ${serve.times[1].map((t) => t.toFixed(2)).join(' ')} s\n`);
  if (eleventyBin) {
    if (existsSync(site)) renameSync(site, join(TRASH, `watch-${basename(dirname(site))}-${basename(site)}`));
    const eleventy = await watchLoop({
      args: [eleventyBin, `--input=${join(sourceDir, 'modules')}`, `--output=${site}`, '--formats=md', '--watch', '--incremental', '--quiet'],
      cwd: ELEVENTY,
      ready: /Wrote \d+ files?/,
      steps: [/Wrote \d+ files?/],
      file: editable,
      edits,
    });
    result.eleventyWatch = summarize(eleventy.times[0], eleventy.rssMB);
    process.stderr.write(`  eleventy --watch ${eleventy.times[0].map((t) => t.toFixed(2)).join(' ')} s\n`);
  }
  return result;
}

function printSize({ n, markdown, summary: s, watch: w }) {
  say(`${n} sessions, ${(markdown / 1048576).toFixed(1)} MiB of Markdown, ${rounds} round(s), interleaved`);
  say(`  ${'case'.padEnd(44)} ${'median s'.padStart(9)} ${'min s'.padStart(8)} ${'max s'.padStart(8)} ${'peak RSS MB'.padStart(12)}`);
  for (const [k, label] of CASES) {
    const x = s[k];
    if (x) say(`  ${label.padEnd(44)} ${x.median.toFixed(2).padStart(9)} ${x.min.toFixed(2).padStart(8)} ${x.max.toFixed(2).padStart(8)} ${x.rss.toFixed(0).padStart(12)}`);
  }
  const peak = Math.max(s.cold.rss, s.edit.rss, s.noop.rss, s.daemon?.rss ?? 0, s.started?.rss ?? 0);
  const rows = [
    ['rebuild after one edit / Eleventy full build', s.eleventy ? s.edit.median / s.eleventy.median : undefined, `<= ${TARGETS.rebuildVsEleventy}`, (x) => x <= TARGETS.rebuildVsEleventy],
    ['  the same, via cs-train daemon', s.eleventy && s.daemon ? s.daemon.median / s.eleventy.median : undefined, `<= ${TARGETS.rebuildVsEleventy}`, (x) => x <= TARGETS.rebuildVsEleventy],
    ['  the first via a daemon a build started', s.eleventy && s.started ? s.started.median / s.eleventy.median : undefined, `<= ${TARGETS.rebuildVsEleventy}`, (x) => x <= TARGETS.rebuildVsEleventy],
    ['cold build / unified floor', s.cold.median / s.floor.median, `<= ${TARGETS.coldVsFloor}`, (x) => x <= TARGETS.coldVsFloor],
    ['peak RSS of cs-train (MB)', peak, `<= ${TARGETS.rssMB}`, (x) => x <= TARGETS.rssMB],
  ];
  say(`  ${'target'.padEnd(44)} ${'measured'.padStart(9)} ${'goal'.padStart(8)}`);
  for (const [label, x, goal, ok] of rows) {
    if (x === undefined) continue;
    const applies = label.startsWith('peak') ? n === 4000 : true;
    say(`  ${label.padEnd(44)} ${x.toFixed(label.startsWith('peak') ? 0 : 3).padStart(9)} ${goal.padStart(8)}  ${applies ? (ok(x) ? 'met' : 'MISSED') : '(target is for 4000)'}`);
  }
  if (w) {
    say(`  edit loop of a resident process, ${edits} edits: from the save to the output written`);
    const loops = [
      ['cs-train serve, pages rewritten', w.servePages],
      ['cs-train serve, slide decks too', w.serveAll],
      ['Eleventy 3 --watch --incremental', w.eleventyWatch],
    ];
    for (const [label, x] of loops) if (x) say(`  ${label.padEnd(44)} ${x.median.toFixed(2).padStart(9)} ${x.min.toFixed(2).padStart(8)} ${x.max.toFixed(2).padStart(8)} ${(x.rss === undefined ? '-' : x.rss.toFixed(0)).padStart(12)}`);
    if (s.eleventy) say(`  ${'serve, pages rewritten / Eleventy full build'.padEnd(44)} ${(w.servePages.median / s.eleventy.median).toFixed(3).padStart(9)}  (the target is for a whole-process rebuild, above)`);
    if (w.eleventyWatch) say(`  ${'serve, pages / Eleventy --watch rebuild'.padEnd(44)} ${(w.servePages.median / w.eleventyWatch.median).toFixed(3).padStart(9)}`);
  }
  say();
}

/**
 * `cs-train daemon` of the tool under test, with a folder of its own; `peakMB` reads its peak RSS
 * (VmHWM) on Linux, as its builds are timed as the client processes that hand them over.
 */
function startDaemon() {
  rmSync(DAEMON_DIR, { recursive: true, force: true });
  mkdirSync(DAEMON_DIR, { recursive: true, mode: 0o700 });
  const env = { ...process.env, ...DAEMON_ENV };
  spawnSync(process.execPath, [CS_TRAIN, 'daemon', 'stop'], { env });
  const started = spawnSync(process.execPath, [CS_TRAIN, 'daemon', 'start'], { env, encoding: 'utf8' });
  const pid = /pid (\d+)/.exec(started.stderr ?? '')?.[1];
  if (started.status !== 0 || !pid) throw new Error(`cs-train daemon start failed:\n${started.stderr}`);
  return {
    peakMB: () => peakOf(pid),
    stop: () => spawnSync(process.execPath, [CS_TRAIN, 'daemon', 'stop'], { env }),
  };
}

/** Peak RSS (VmHWM, Linux) of process `pid` in MB; NaN where it cannot be read. */
function peakOf(pid) {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Poll `check` every 100 ms until it returns a value, and return that; throws after 60 s. */
function waitUntil(what, check) {
  for (const until = Date.now() + 60_000; ; ) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

function printScaling(results) {
  say('scaling: median seconds per 1,000 sessions (peak RSS MB)');
  say(`  ${'sessions'.padEnd(10)}${CASES.map(([k]) => k.padStart(16)).join('')}`);
  for (const { n, summary } of results) {
    say(`  ${String(n).padEnd(10)}${CASES.map(([k]) => (summary[k] ? `${((summary[k].median * 1000) / n).toFixed(2)} (${summary[k].rss.toFixed(0)})` : '-').padStart(16)).join('')}`);
  }
  say();
}

/** A copy of bin/, lib/, templates/ and package.json (node_modules linked) in bench/.work/tool. */
function snapshotTool() {
  rmSync(TOOL, { recursive: true, force: true });
  mkdirSync(TOOL, { recursive: true });
  for (const part of ['bin', 'lib', 'templates', 'package.json']) cpSync(join(ROOT, part), join(TOOL, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(TOOL, 'node_modules'), 'dir');
  return join(TOOL, 'bin', 'cs-train.js');
}

function installEleventy() {
  const pkg = join(ELEVENTY, 'node_modules', '@11ty', 'eleventy', 'package.json');
  if (!existsSync(pkg)) {
    process.stderr.write('Installing @11ty/eleventy@3 into bench/.work/eleventy (first run only)…\n');
    const r = spawnSync('npm', ['install', '--prefix', ELEVENTY, '--no-audit', '--no-fund', '--loglevel=error', '@11ty/eleventy@3'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install of @11ty/eleventy@3 failed; rerun with --no-eleventy to skip it.');
  }
  const meta = JSON.parse(readFileSync(pkg, 'utf8'));
  process.stderr.write(`Eleventy ${meta.version}\n`);
  const bin = typeof meta.bin === 'string' ? meta.bin : meta.bin.eleventy;
  return join(ELEVENTY, 'node_modules', '@11ty', 'eleventy', bin);
}

function sumSize(dir) {
  let total = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    total += d.isDirectory() ? sumSize(join(dir, d.name)) : statSync(join(dir, d.name)).size;
  }
  return total;
}
