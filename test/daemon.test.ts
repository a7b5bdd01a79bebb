// The build daemon: `cs-train build` hands its work to a running `cs-train daemon`, and what the
// user sees (files, messages, exit status) is what a build in its own process gives.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daemonBuilds } from '../src/daemon/client.js';
import { toolStamp } from '../src/daemon/address.js';
import { processAlive } from '../src/util/process-alive.js';
import { BIN, fixture, ROOT, runCli, tempDir } from './helpers/cli.js';
import { waitFor } from './helpers/serve-process.js';
import { snapshot, differences } from './helpers/tree.js';

const home = tempDir('cs-train-daemon-');
/** The daemon's folder: private, as the daemon requires. */
const daemonDir = join(home, 'daemon');
mkdirSync(daemonDir, { mode: 0o700 });
/** Clients that may use the daemon (the test setup turns it off everywhere else). */
const withDaemon = { CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: daemonDir };

const daemonLog = () => {
  const log = readdirSync(daemonDir).find((f) => f.endsWith('.log'));
  return log ? readFileSync(join(daemonDir, log), 'utf8') : '';
};
const builtByDaemon = () => (daemonLog().match(/ built in /g) ?? []).length;

describe('build daemon', () => {
  beforeAll(() => {
    const r = runCli(['daemon', 'start', '--idle-minutes', '5'], { env: withDaemon });
    expect(r.stderr).toMatch(/^Build daemon started \(pid \d+\)/);
    expect(r.status).toBe(0);
  });
  afterAll(() => {
    runCli(['daemon', 'stop'], { env: withDaemon });
  });

  it('reports itself running, and a second start leaves it alone', () => {
    const status = runCli(['daemon', 'status'], { env: withDaemon });
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/^Build daemon running \(pid \d+\) since .* UTC: \d+ builds? so far, \d+ MB of memory; it stops after 5 idle minutes\.\n$/);
    const again = runCli(['daemon', 'start'], { env: withDaemon });
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/^A build daemon is already running\./);
  });

  it('builds the sample as a build in its own process does, in the client folder', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const before = builtByDaemon();
    const served = runCli(['build', '-o', 'served'], { cwd, env: withDaemon });
    expect(builtByDaemon()).toBe(before + 1);
    const local = runCli(['build', '-o', 'local', '--no-daemon'], { cwd, env: withDaemon });
    expect(builtByDaemon()).toBe(before + 1);
    expect(served.status).toBe(0);
    expect(served.stdout).toBe(local.stdout);
    expect(served.stderr.replace(/ in [\d.]+ s;/, '').replace('served', 'X')).toBe(local.stderr.replace(/ in [\d.]+ s;/, '').replace('local', 'X'));
    expect(differences(snapshot(join(cwd, 'served')), snapshot(join(cwd, 'local')))).toEqual([]);
  });

  it('rebuilds after edits, and after its cache folder was deleted, as a build from nothing does', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const module = join(cwd, 'curricula/modules', readdirSync(join(cwd, 'curricula/modules')).sort()[0]!);
    const session = join(module, readdirSync(module).filter((f) => f.endsWith('.md')).sort()[0]!);
    const original = readFileSync(session, 'utf8');
    const before = builtByDaemon();
    // How the daemon made the model: kept from its last build when only a body changed.
    const compare = (label: string, model: 'built' | 'kept') => {
      const served = runCli(['build', '-o', 'served'], { cwd, env: { ...withDaemon, CS_TRAIN_CACHE_STATS: '1' } });
      expect(served.status, `${label}: ${served.stderr}`).toBe(0);
      expect(served.stderr, label).toContain(model === 'kept' ? '; model kept from the last load, changed bodies put in\n' : '; model built\n');
      const fresh = runCli(['build', '-o', 'fresh', '--no-daemon', '--no-cache'], { cwd, env: withDaemon });
      expect(fresh.status).toBe(0);
      expect(differences(snapshot(join(cwd, 'served')), snapshot(join(cwd, 'fresh'))), label).toEqual([]);
    };
    compare('first build', 'built');
    writeFileSync(session, `${original}\n追加的一段说明：练习时先复述客户的诉求。\n`);
    compare('a session edited', 'kept');
    writeFileSync(session, original.replace(/^title: .*$/m, 'title: 改过的标题'));
    compare('a session title changed', 'built');
    writeFileSync(session, original);
    compare('the edit undone', 'built');
    rmSync(join(cwd, '.cs-train-cache'), { recursive: true, force: true });
    writeFileSync(session, `${original}\n又一段。\n`);
    compare('the cache folder deleted', 'kept');
    expect(builtByDaemon()).toBe(before + 5);
  });

  it('takes the client environment: the edition date follows its SOURCE_DATE_EPOCH', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const before = builtByDaemon();
    expect(runCli(['build', '-o', 'a'], { cwd, env: { ...withDaemon, SOURCE_DATE_EPOCH: '1793491200' } }).status).toBe(0);
    expect(runCli(['build', '-o', 'b'], { cwd, env: { ...withDaemon, SOURCE_DATE_EPOCH: '1796169600' } }).status).toBe(0);
    expect(builtByDaemon()).toBe(before + 2);
    expect(readFileSync(join(cwd, 'a/index.html'), 'utf8')).toContain('2026-11-01');
    expect(readFileSync(join(cwd, 'b/index.html'), 'utf8')).toContain('2026-12-02');
  });

  it('reports bad sources exactly as a build in its own process does, and writes nothing', () => {
    const cwd = tempDir();
    const before = builtByDaemon();
    const source = fixture('invalid', 'duplicate-session-id');
    const served = runCli(['build', source, '-o', 'out', '--cache-dir', join(cwd, 'cache')], { cwd, env: withDaemon });
    const local = runCli(['build', source, '-o', 'out', '--cache-dir', join(cwd, 'cache'), '--no-daemon'], { cwd, env: withDaemon });
    expect(served.status).toBe(1);
    expect(served.stdout).toBe(local.stdout);
    expect(served.stderr).toBe(local.stderr);
    expect(served.stdout).toContain('duplicate-session-id');
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    // `check` too.
    const checked = runCli(['check', source, '--cache-dir', join(cwd, 'cache')], { cwd, env: withDaemon });
    expect(builtByDaemon()).toBe(before + 2);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toBe(local.stdout);
    expect(checked.stderr).toBe(runCli(['check', source, '--cache-dir', join(cwd, 'cache'), '--no-daemon'], { cwd, env: withDaemon }).stderr);
    // Usage errors too: exit status 2 and commander's message.
    const usage = runCli(['build', source, '--only', 'nothing'], { cwd, env: withDaemon });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toBe(runCli(['build', source, '--only', 'nothing', '--no-daemon'], { cwd, env: withDaemon }).stderr);
  });

  it('reports a cache folder under a file as a build in its own process does', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'afile'), '');
    const args = ['build', join(ROOT, 'curricula'), '-o', 'out', '--cache-dir', 'afile/cache'];
    const served = runCli(args, { cwd, env: withDaemon });
    const local = runCli([...args, '--no-daemon'], { cwd, env: withDaemon });
    expect(local.status).toBe(0);
    expect(local.stderr).toMatch(/^Note: the cache folder afile\/cache could not be written/);
    expect(served.status, served.stderr).toBe(0);
    expect(served.stderr.replace(/ in [\d.]+ s;/, '')).toBe(local.stderr.replace(/ in [\d.]+ s;/, ''));
  });

  it('writes the cache with the client umask, the files written after its answer too', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const build = () => spawnSync('/bin/sh', ['-c', `umask 077 && exec "${process.execPath}" "${BIN}" build curricula -o out --cache-dir cache`], { cwd, encoding: 'utf8', env: { ...process.env, ...withDaemon } });
    const before = builtByDaemon();
    expect(build().status).toBe(0);
    appendFileSync(join(cwd, 'curricula/modules/communication/01-active-listening.md'), '\n再补充一句。\n');
    expect(build().status).toBe(0);
    expect(builtByDaemon()).toBe(before + 2);
    const open: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if ((statSync(path).mode & 0o077) !== 0) open.push(path.slice(cwd.length + 1));
        if (entry.isDirectory()) walk(path);
      }
    };
    walk(join(cwd, 'cache'));
    walk(join(cwd, 'out'));
    expect(open).toEqual([]);
  });

  it('times the start-up (CS_TRAIN_TIMINGS) from the client process start, not from its own', async () => {
    // The daemon has been up for a while, as it usually has.
    await new Promise((done) => setTimeout(done, 2000));
    const cwd = tempDir();
    const source = join(ROOT, 'curricula');
    const before = builtByDaemon();
    const began = Date.now();
    const served = runCli(['build', source, '-o', 'out', '--cache-dir', 'cache'], { cwd, env: { ...withDaemon, CS_TRAIN_TIMINGS: '1' } });
    const elapsed = Date.now() - began;
    expect(served.status, served.stderr).toBe(0);
    expect(builtByDaemon()).toBe(before + 1);
    const startup = Number(/^timing startup \(process start to build\): (\d+) ms$/m.exec(served.stderr)?.[1]);
    expect(startup).toBeGreaterThan(0);
    expect(startup).toBeLessThanOrEqual(elapsed);
  });

  it('makes again an output file changed right after the build returned', async () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const session = join(cwd, 'curricula/modules/communication/01-active-listening.md');
    const index = join(cwd, 'out/index.html');
    const kept: number[] = [];
    for (let round = 0; round < 5; round++) {
      appendFileSync(session, `\n第 ${round} 次修改。\n`);
      expect(runCli(['build', '-o', 'out'], { cwd, env: withDaemon }).status).toBe(0);
      // A script going on after the build, say one that adds a line to the page.
      appendFileSync(index, '<!-- added after the build -->\n');
      await new Promise((done) => setTimeout(done, 300));
      expect(runCli(['build', '-o', 'out'], { cwd, env: withDaemon }).status).toBe(0);
      if (readFileSync(index, 'utf8').includes('added after the build')) kept.push(round);
    }
    expect(kept).toEqual([]);
  });

  it('run from a folder deleted meanwhile, says what a build in its own process says', () => {
    const home = tempDir();
    const build = (extra: string) =>
      spawnSync('/bin/sh', ['-c', `mkdir gone && cd gone && rmdir ../gone && exec "${process.execPath}" "${BIN}" build "${join(ROOT, 'curricula')}" -o "${join(home, 'out')}"${extra}`], { cwd: home, encoding: 'utf8', env: { ...process.env, ...withDaemon } });
    const served = build('');
    const local = build(' --no-daemon');
    expect(served.status).toBe(local.status);
    expect(served.stderr).toBe(local.stderr);
    expect(served.stderr).not.toMatch(/\n\s+at /);
  });

  it('has finished with the output folder and the cache when it answers', () => {
    const cwd = tempDir();
    cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
    const before = builtByDaemon();
    for (let i = 0; i < 3; i++) {
      appendFileSync(join(cwd, 'curricula/modules/communication/01-active-listening.md'), `\n第 ${i} 次补充。\n`);
      expect(runCli(['build', '-o', 'site', '--cache-dir', 'cache'], { cwd, env: withDaemon }).status).toBe(0);
      // Right after the answer the previous output is gone (a `git add -A` would take it), and the
      // cache can be removed at once, as a script may: nothing writes into it any more.
      expect(readdirSync(cwd).sort()).toEqual(['cache', 'curricula', 'site']);
      rmSync(join(cwd, 'cache'), { recursive: true });
    }
    expect(builtByDaemon()).toBe(before + 3);
  });

  it('writes nothing when the client is stopped (Ctrl-C) during the build', async () => {
    const cwd = tempDir();
    const before = builtByDaemon();
    const client = spawn(process.execPath, [BIN, 'build', join(ROOT, 'curricula'), '-o', 'out', '--no-cache'], { cwd, env: { ...process.env, ...withDaemon }, stdio: 'ignore' });
    const started = (daemonLog().match(/ building in /g) ?? []).length;
    await waitFor('the daemon to start the build', () => ((daemonLog().match(/ building in /g) ?? []).length > started ? true : undefined));
    client.kill('SIGINT');
    await waitFor('the daemon to finish the build', () => (builtByDaemon() > before ? true : undefined));
    expect(daemonLog().trimEnd().split('\n').at(-1)).toMatch(/ → exit 1 in \d+ ms \(the client had gone\)$/);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('builds nothing but a build: other commands sent to its socket are declined', async () => {
    const address = daemonSocketIn(daemonDir);
    const ask = (argv: string[]) =>
      new Promise<string>((done) => {
        let answer = '';
        const socket = createConnection(address, () => socket.write(JSON.stringify({ kind: 'build', argv, cwd: tempDir(), env: {}, umask: 0o22, colors: false }) + '\n'));
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (answer += chunk));
        socket.on('close', () => done(answer));
      });
    const declined = '{"decline":"the build daemon runs only `cs-train build` (without --pdf) and `cs-train check`."}\n';
    expect(await ask(['serve', join(ROOT, 'curricula')])).toBe(declined);
    expect(await ask(['init', 'somewhere'])).toBe(declined);
    expect(await ask(['build', '--pdf'])).toBe(declined);
  });

  it('says the cache could not be written only for the build whose cache that was', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'not-a-folder'), '');
    const blocked = runCli(['build', join(ROOT, 'curricula'), '-o', 'a', '--cache-dir', join(cwd, 'not-a-folder')], { cwd, env: withDaemon });
    expect(blocked.status).toBe(0);
    expect(blocked.stderr).toContain('Note: the cache folder');
    const fine = runCli(['build', join(ROOT, 'curricula'), '-o', 'b', '--cache-dir', join(cwd, 'cache')], { cwd, env: withDaemon });
    expect(fine.status).toBe(0);
    expect(fine.stderr).not.toContain('Note: the cache folder');
  });

  it('follows the client terminal colours', () => {
    const cwd = tempDir();
    const source = fixture('invalid', 'duplicate-session-id');
    const coloured = runCli(['build', source, '--cache-dir', join(cwd, 'cache')], { cwd, env: { ...withDaemon, NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stderr).toContain('\u001b[31m');
    const plain = runCli(['build', source, '--cache-dir', join(cwd, 'cache')], { cwd, env: withDaemon });
    expect(plain.stderr).not.toContain('\u001b[');
  });
});

describe('build daemon, stopped and refused', () => {
  it('stops, and builds then run in their own process', () => {
    const dir = tempDir('cs-train-daemon-');
    chmodSync(dir, 0o700);
    const env = { CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir };
    expect(runCli(['daemon', 'start', '--idle-minutes', '5'], { env }).status).toBe(0);
    expect(readdirSync(dir).some((f) => f.endsWith('.sock'))).toBe(true);
    const stop = runCli(['daemon', 'stop'], { env });
    expect(stop.stderr).toBe('Build daemon stopped.\n');
    expect(readdirSync(dir).some((f) => f.endsWith('.sock'))).toBe(false);
    expect(runCli(['daemon', 'status'], { env }).stderr).toBe('No build daemon is running; `cs-train build` builds in its own process.\n');
    expect(runCli(['daemon', 'stop'], { env }).stderr).toBe('No build daemon is running.\n');
    const cwd = tempDir();
    const r = runCli(['build', join(ROOT, 'curricula'), '-o', 'out', '--cache-dir', join(cwd, 'cache')], { cwd, env });
    expect(r.status).toBe(0);
    expect(existsSync(join(cwd, 'out/index.html'))).toBe(true);
  });

  it('refuses a folder other users can reach, and builds go on without it', () => {
    const dir = tempDir('cs-train-daemon-');
    chmodSync(dir, 0o755);
    const env = { CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir };
    const r = runCli(['daemon', 'start'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`cs-train: The build daemon cannot start: the daemon folder ${dir} can be reached by other users (mode 755); make it private (chmod 700), or set CS_TRAIN_DAEMON_DIR to another folder.\n`);
    // What looks like a daemon's socket there is not used: the client says so and builds here.
    writeFileSync(daemonSocketIn(dir), '');
    const cwd = tempDir();
    const b = runCli(['build', join(ROOT, 'curricula'), '-o', 'out', '--cache-dir', join(cwd, 'cache')], { cwd, env });
    expect(b.status).toBe(0);
    expect(b.stderr).toContain(`cs-train: not using the build daemon: the daemon folder ${dir} can be reached by other users (mode 755)`);
  });

  it('a daemon whose socket was removed or taken over stops, and leaves the new daemon its socket', async () => {
    const dir = tempDir('cs-train-daemon-');
    chmodSync(dir, 0o700);
    const env = { CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir };
    const pid = (d: string) => Number(/pid (\d+)/.exec(d)?.[1]);
    try {
      expect(runCli(['daemon', 'start'], { env }).status).toBe(0);
      const first = pid(runCli(['daemon', 'status'], { env }).stdout);
      // What a cleaner of the temporary folder, or a second daemon clearing the path, does.
      rmSync(daemonSocketIn(dir));
      expect(runCli(['daemon', 'start'], { env }).status).toBe(0);
      const second = pid(runCli(['daemon', 'status'], { env }).stdout);
      expect(second).not.toBe(first);
      await waitFor('the first daemon to stop', () => !processAlive(first) || undefined, 15_000);
      // It left the second one's socket in place.
      expect(pid(runCli(['daemon', 'status'], { env }).stdout)).toBe(second);
    } finally {
      runCli(['daemon', 'stop'], { env });
    }
  });

  it('a daemon starting while another holds the start lock waits for it; a lock left by a dead process or too old is taken over', async () => {
    const dir = tempDir('cs-train-daemon-');
    chmodSync(dir, 0o700);
    const env = { ...process.env, NO_COLOR: '1', CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir };
    const lock = daemonSocketIn(dir).replace(/\.sock$/, '.lock');
    const runDaemon = () => {
      const child = spawn(process.execPath, [BIN, 'daemon', 'run'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      return { child, exited, stderr: () => stderr };
    };
    const answering = () => runCli(['daemon', 'status'], { env }).stdout.startsWith('Build daemon running');
    try {
      // Held by a live process (this one), as by a daemon between asking and listening: the new one waits.
      writeFileSync(lock, String(process.pid));
      const waiting = runDaemon();
      await new Promise((done) => setTimeout(done, 1500));
      expect(existsSync(daemonSocketIn(dir))).toBe(false);
      expect(processAlive(waiting.child.pid!)).toBe(true);
      rmSync(lock);
      await waitFor('the waiting daemon to listen', () => answering() || undefined, 10_000);
      expect(existsSync(lock)).toBe(false);
      // The lock let go, a daemon started now finds the first one answering and stops at once.
      const second = runDaemon();
      expect(await second.exited).toBe(1);
      expect(second.stderr()).toBe('cs-train: a build daemon of this installation is already running (`cs-train daemon status`).\n');
      expect(runCli(['daemon', 'stop'], { env }).status).toBe(0);
      await waiting.exited;

      // Never let go: it gives up after 5 seconds, and says why.
      writeFileSync(lock, String(process.pid));
      const blocked = runDaemon();
      expect(await blocked.exited).toBe(1);
      expect(blocked.stderr()).toBe('cs-train: another build daemon of this installation has been starting for 5 seconds (`cs-train daemon status`).\n');
      expect(existsSync(daemonSocketIn(dir))).toBe(false);

      // Left by a process that is gone, or older than any start takes: taken over at once.
      const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
      for (const [label, make] of [
        ['dead', () => writeFileSync(lock, gone)],
        ['old', () => (writeFileSync(lock, String(process.pid)), utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000)))],
      ] as const) {
        make();
        const began = Date.now();
        const taker = runDaemon();
        await waitFor(`a daemon to take over the ${label} lock`, () => answering() || undefined, 10_000);
        expect(Date.now() - began, label).toBeLessThan(4_000);
        expect(runCli(['daemon', 'stop'], { env }).status).toBe(0);
        await taker.exited;
      }
    } finally {
      rmSync(lock, { force: true });
      runCli(['daemon', 'stop'], { env });
    }
  }, 60_000);

  it('three daemons started at the same moment: one runs, the other two stop at once with status 1', async () => {
    const dir = tempDir('cs-train-daemon-');
    chmodSync(dir, 0o700);
    const env = { ...process.env, NO_COLOR: '1', CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir };
    const children = [0, 1, 2].map(() => spawn(process.execPath, [BIN, 'daemon', 'run'], { env, stdio: 'ignore' }));
    try {
      const codes: (number | null)[] = [];
      children.forEach((c) => c.once('exit', (code) => codes.push(code)));
      await waitFor('two of them to stop', () => codes.length >= 2 || undefined, 15_000);
      expect(codes).toEqual([1, 1]);
      const running = children.find((c) => c.exitCode === null && c.signalCode === null)!;
      expect(Number(/pid (\d+)/.exec(runCli(['daemon', 'status'], { env }).stdout)?.[1])).toBe(running.pid);
    } finally {
      runCli(['daemon', 'stop'], { env });
      for (const c of children) c.kill();
    }
  });

  it('a daemon launched while one runs adds its line to the log, and leaves the running one\'s log whole', () => {
    const { dir, env, pid, log } = ownDaemon();
    try {
      const before = log();
      expect(before).toContain(`(pid ${pid}); it stops after`);
      // Launched as a build launches one (spawn.ts), without asking first whether one runs.
      const launch = spawnSync(process.execPath, ['--input-type=module', '-e', `import { launchDaemon } from ${JSON.stringify(join(ROOT, 'lib/daemon/spawn.js'))}; const l = launchDaemon(5); l.child.ref(); l.child.on('exit', (code) => process.stdout.write(String(code)));`], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(launch.stdout).toBe('1');
      expect(log()).toBe(`${before}cs-train: a build daemon of this installation is already running (\`cs-train daemon status\`).\n`);
      expect(Number(/pid (\d+)/.exec(runCli(['daemon', 'status'], { env }).stdout)?.[1])).toBe(pid);
    } finally {
      runCli(['daemon', 'stop'], { env });
    }
    expect(readdirSync(dir).filter((f) => !f.endsWith('.log'))).toEqual([]);
  });

  it('after cs-train is rebuilt, status and start do not report the old daemon as running: it stops, and start starts a current one', () => {
    const env = { ...withDaemon, CS_TRAIN_DAEMON_DIR: tempDir() };
    chmodSync(env.CS_TRAIN_DAEMON_DIR, 0o700);
    expect(runCli(['daemon', 'start'], { env }).status).toBe(0);
    const pid = (d: string) => /pid (\d+)/.exec(d)?.[1];
    const old = pid(runCli(['daemon', 'status'], { env }).stdout);
    expect(old).toBeDefined();
    // What `npm run build:tool` does to the stamp: the bundle's files change (a file added, then removed again).
    const extra = join(ROOT, 'lib/bundle/zz-daemon-test.js');
    writeFileSync(extra, '');
    try {
      const status = runCli(['daemon', 'status'], { env });
      expect(status.status).toBe(0);
      expect(status.stderr).toBe('cs-train: the build daemon was running an older build of cs-train, so it has stopped.\nNo build daemon is running; `cs-train build` builds in its own process.\n');
      expect(runCli(['daemon', 'status'], { env }).stderr).toMatch(/^No build daemon is running/);
      const start = runCli(['daemon', 'start'], { env });
      expect(start.status).toBe(0);
      expect(start.stderr).toMatch(/^Build daemon started \(pid \d+\)/);
      const current = pid(runCli(['daemon', 'status'], { env }).stdout);
      expect(current).toBeDefined();
      expect(current).not.toBe(old);
    } finally {
      rmSync(extra, { force: true });
      runCli(['daemon', 'stop'], { env });
    }
  });

  it('takes a relative CS_TRAIN_DAEMON_DIR as the folder it names from where the command runs', () => {
    const cwd = tempDir();
    const env = { ...withDaemon, CS_TRAIN_DAEMON_DIR: 'daemon' };
    try {
      const start = runCli(['daemon', 'start'], { cwd, env });
      expect(start.stderr).toMatch(/^Build daemon started \(pid \d+\)/);
      expect(start.status).toBe(0);
      expect(readdirSync(join(cwd, 'daemon')).filter((f) => f.endsWith('.sock'))).toHaveLength(1);
      expect(runCli(['daemon', 'status'], { cwd, env }).stdout).toMatch(/^Build daemon running/);
      // From elsewhere, the same folder named absolutely reaches it.
      expect(runCli(['daemon', 'status'], { env: { ...env, CS_TRAIN_DAEMON_DIR: join(cwd, 'daemon') } }).stdout).toMatch(/^Build daemon running/);
    } finally {
      runCli(['daemon', 'stop'], { cwd, env });
    }
    expect(runCli(['daemon', 'status'], { cwd, env }).stderr).toMatch(/^No build daemon is running/);
  });

  it('refuses a daemon folder whose path is too long for a socket, and leaves nothing running', () => {
    const dir = join(tempDir(), 'd'.repeat(90));
    mkdirSync(dir, { mode: 0o700 });
    const env = { ...withDaemon, CS_TRAIN_DAEMON_DIR: dir };
    const start = runCli(['daemon', 'start'], { env });
    expect(start.status).toBe(2);
    expect(start.stderr).toMatch(/^cs-train: The build daemon cannot start: the daemon's socket .* would be longer than a socket's path may be \(\d+ bytes; at most 103\); set CS_TRAIN_DAEMON_DIR to a folder with a shorter path\.\n$/);
    const run = runCli(['daemon', 'run'], { env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^cs-train: the daemon's socket .* would be longer than a socket's path may be/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('killed during a build: the client says so, builds itself, and the output is whole', async () => {
    const { dir, env, pid, log } = ownDaemon();
    const cwd = tempDir();
    const client = spawn(process.execPath, [BIN, 'build', join(ROOT, 'curricula'), '-o', 'out', '--no-cache'], { cwd, env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1793491200' } });
    let stderr = '';
    client.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => client.once('exit', (code) => done(code)));
    await waitFor('the daemon to start the build', () => (log().includes(' building in ') ? true : undefined));
    process.kill(pid, 'SIGKILL');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/^cs-train: the build daemon stopped before it answered; this build runs here\.\n/);
    const local = runCli(['build', join(ROOT, 'curricula'), '-o', 'local', '--no-cache', '--no-daemon'], { cwd, env });
    expect(differences(snapshot(join(cwd, 'out')), snapshot(join(cwd, 'local')))).toEqual([]);
    expect(readdirSync(cwd).sort()).toEqual(['local', 'out']);
    // A daemon starts again over the socket the killed one left.
    expect(runCli(['daemon', 'start'], { env }).stderr).toMatch(/^Build daemon started/);
    runCli(['daemon', 'stop'], { env });
  });

  it('stopped by SIGTERM during a build: the output stays whole and no socket is left behind', async () => {
    const { dir, env, pid, log } = ownDaemon();
    const cwd = tempDir();
    // A curriculum whose build takes seconds (the bench's generator, 400 sessions), so the signal comes mid-build.
    const { generateCurriculum } = (await import(join(ROOT, 'bench/generate.mjs'))) as { generateCurriculum: (root: string, n: number) => { sourceDir: string } };
    const { sourceDir } = generateCurriculum(join(tempDir(), 'big'), 400);
    const client = spawn(process.execPath, [BIN, 'build', sourceDir, '-o', 'out', '--no-cache'], { cwd, env: { ...process.env, ...env, SOURCE_DATE_EPOCH: '1793491200' } });
    let stderr = '';
    client.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => client.once('exit', (code) => done(code)));
    await waitFor('the daemon to start the build', () => (log().includes(' building in ') ? true : undefined));
    await new Promise((done) => setTimeout(done, 500));
    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
    // Whether the daemon finished the build first (a signal during the load) or ended it (during the
    // rendering, by the build's own handler; the client then built by itself), the output is whole.
    expect(stderr).toMatch(/Wrote 186 files to out/);
    await waitFor('the daemon to end', () => !processAlive(pid) || undefined);
    expect(readdirSync(dir).filter((f) => f.endsWith('.sock'))).toEqual([]);
    expect(readdirSync(cwd)).toEqual(['out']);
  });

  it('tells a client whose daemon is paused that it waits, and builds once the daemon goes on', async () => {
    const { env, pid } = ownDaemon();
    const out = join(tempDir(), 'out');
    process.kill(pid, 'SIGSTOP');
    try {
      const child = spawn(process.execPath, [BIN, 'build', fixture('valid/minimal'), '-o', out], { env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1793491200', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', done));
      await waitFor('the client to say the daemon has not answered', () => (stderr.includes('has not answered') ? true : undefined), 20_000);
      expect(stderr).toBe('cs-train: the build daemon has not answered for 10 seconds; it may be paused (Ctrl-Z in the terminal of `cs-train daemon run`: type `fg` there) or stuck. Still waiting; press Ctrl-C and build with --no-daemon, or stop it with `cs-train daemon stop`.\n');
      process.kill(pid, 'SIGCONT');
      expect(await exited).toBe(0);
      expect(existsSync(join(out, 'index.html'))).toBe(true);
    } finally {
      process.kill(pid, 'SIGCONT');
      runCli(['daemon', 'stop'], { env });
    }
  }, 40_000);

  it('stops a daemon that started but never answered, and says so', () => {
    const dir = tempDir();
    chmodSync(dir, 0o700);
    // Loaded before cs-train by the daemon process only: it writes its pid, then hangs before listening.
    const hang = join(tempDir(), 'hang.cjs');
    writeFileSync(hang, `if (process.argv.includes('run')) { require('fs').writeFileSync(${JSON.stringify(join(dir, 'hung.pid'))}, String(process.pid)); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000); }\n`);
    const r = runCli(['daemon', 'start'], { env: { ...withDaemon, CS_TRAIN_DAEMON_DIR: dir, NODE_OPTIONS: `--require ${hang}` } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cs-train: the build daemon did not start \(it did not answer within 15 seconds, and was stopped\); see .*\.log\.\n$/);
    const pid = Number(readFileSync(join(dir, 'hung.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(0);
    // Gone, or a zombie waiting to be reaped by whatever adopted it.
    const state = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] : 'gone';
    expect(['gone', 'Z', 'X']).toContain(state);
  }, 30_000);

  it('rejects an idle time that is not a number of minutes', () => {
    const r = runCli(['daemon', 'start', '--idle-minutes', 'soon'], { env: { CS_TRAIN_DAEMON_DIR: tempDir() } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cs-train: --idle-minutes must be a number of minutes above 0 and at most 10080 (a week), not "soon".\n');
  });
});

describe('what the daemon builds', () => {
  it('takes plain builds, and leaves PDFs, help and --no-daemon to the client', () => {
    const env = {};
    expect(daemonBuilds(['node', 'cs-train', 'build'], env)).toBe(true);
    expect(daemonBuilds(['node', 'cs-train', 'build', 'curricula', '-o', 'site', '--only', 'handbook'], env)).toBe(true);
    expect(daemonBuilds(['node', 'cs-train', 'check'], env)).toBe(true);
    expect(daemonBuilds(['node', 'cs-train', 'check', '--no-daemon'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'serve'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build', '--pdf'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build', '--only', 'handbook,pdf'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build', '--help'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build', '--no-daemon'], env)).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build'], { CS_TRAIN_NO_DAEMON: '1' })).toBe(false);
    expect(daemonBuilds(['node', 'cs-train', 'build'], { CS_TRAIN_NO_DAEMON: '0' })).toBe(true);
  });

  it('notices a changed tool: the stamp covers every file of the bundle', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.js'), 'a');
    const before = toolStamp(dir);
    expect(toolStamp(dir)).toBe(before);
    utimesSync(join(dir, 'main.js'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(toolStamp(dir)).not.toBe(before);
    const touched = toolStamp(dir);
    writeFileSync(join(dir, 'chunk-new.js'), '');
    expect(toolStamp(dir)).not.toBe(touched);
  });
});

/** A daemon started in a private folder of its own: its folder, the environment that reaches it, its pid and its log so far. */
function ownDaemon(): { dir: string; env: Record<string, string>; pid: number; log: () => string } {
  const dir = tempDir();
  chmodSync(dir, 0o700);
  const env = { ...withDaemon, CS_TRAIN_DAEMON_DIR: dir };
  expect(runCli(['daemon', 'start'], { env }).status).toBe(0);
  const pid = Number(/pid (\d+)/.exec(runCli(['daemon', 'status'], { env }).stdout)?.[1]);
  expect(pid).toBeGreaterThan(0);
  const log = () => readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
  return { dir, env, pid, log };
}

/** The socket path the client looks for in `dir` (as daemonAddress names it). */
function daemonSocketIn(dir: string): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { daemonAddress } from ${JSON.stringify(join(ROOT, 'lib/daemon/address.js'))}; process.stdout.write(daemonAddress())`], { env: { ...process.env, CS_TRAIN_DAEMON_DIR: dir }, encoding: 'utf8' });
  return r.stdout;
}
