// A build in an interactive terminal that finds no build daemon starts one after it has built; the
// daemon loads that build's sources at once, so the next build handed to it keeps the model.
// Tests have no terminal: CS_TRAIN_AUTO_DAEMON=1 stands in for one (startsDaemon's own cases below).
import { appendFileSync, chmodSync, cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { daemonAddress } from '../src/daemon/address.js';
import { startsDaemon } from '../src/daemon/client.js';
import { processAlive } from '../src/util/process-alive.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';
import { waitFor } from './helpers/serve-process.js';
import { differences, snapshot } from './helpers/tree.js';

const STARTED = 'cs-train: started a build daemon in the background, so that the next builds are quicker (`cs-train daemon status`); it stops after 60 minutes without a build, or with `cs-train daemon stop`. CS_TRAIN_AUTO_DAEMON=0 keeps builds from starting one.\n';

/** A private daemon folder, and the environment of clients that may use (and start) a daemon there. */
function daemonHome(auto: string): { dir: string; env: Record<string, string> } {
  const dir = tempDir('cs-train-auto-');
  chmodSync(dir, 0o700);
  return { dir, env: { CS_TRAIN_NO_DAEMON: '', CS_TRAIN_DAEMON_DIR: dir, CS_TRAIN_AUTO_DAEMON: auto } };
}

/** A copy of the sample in a fresh folder. */
function sampleCopy(): string {
  const cwd = tempDir();
  cpSync(join(ROOT, 'curricula'), join(cwd, 'curricula'), { recursive: true });
  return cwd;
}

const socketIn = (dir: string) => readdirSync(dir).find((f) => f.endsWith('.sock'));
const started: Record<string, string>[] = [];

afterEach(() => {
  for (const env of started.splice(0)) runCli(['daemon', 'stop'], { env });
});

describe('a daemon started by a build', () => {
  it('starts after a build that found none, loads its sources, and takes the next build with the model kept', async () => {
    const { dir, env } = daemonHome('1');
    started.push(env);
    const cwd = sampleCopy();
    const first = runCli(['build', '-o', 'served'], { cwd, env });
    expect(first.status).toBe(0);
    expect(first.stderr.endsWith(STARTED)).toBe(true);
    const status = await waitFor('the daemon to load the sample', () => {
      const s = runCli(['daemon', 'status'], { env }).stdout;
      return /it loaded the \d+ sessions/.test(s) ? s : undefined;
    });
    const sessions = /(\d+) sessions, /.exec(first.stderr)![1];
    expect(status).toMatch(new RegExp(`^Build daemon running \\(pid \\d+\\) since .* UTC: 0 builds so far, \\d+ MB of memory; it stops after 60 idle minutes\\. Started after a build, it loaded the ${sessions} sessions of .*curricula\\.\\n$`));
    // The daemon wrote no output of its own: the folder is the first build's.
    expect(readdirSync(cwd).sort()).toEqual(['.cs-train-cache', 'curricula', 'served']);
    // It exercised its renderers on the starter curriculum in a folder of its own, since removed,
    // and the messages of those builds are in no log.
    const log = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!), 'utf8');
    expect(log).toMatch(/ exercised the renderers \(the starter curriculum built, edited and built again\) in \d+ ms\n/);
    expect(log).not.toMatch(/Wrote \d+ files/);
    expect(readdirSync(dir).map((f) => f.replace(/^[0-9a-f]{16}\./, '')).sort()).toEqual(['log', 'sock']);

    const modules = join(cwd, 'curricula/modules');
    const module = join(modules, readdirSync(modules).sort()[0]!);
    const session = join(module, readdirSync(module).filter((f) => f.endsWith('.md')).sort()[0]!);
    appendFileSync(session, '\n练习时先复述客户的诉求，再给出处理时限。\n');
    const second = runCli(['build', '-o', 'served'], { cwd, env: { ...env, CS_TRAIN_CACHE_STATS: '1' } });
    expect(second.status).toBe(0);
    // Handed to the daemon, which had the model from its warm-up: only the edited body was put in.
    expect(second.stderr).toContain('; model kept from the last load, changed bodies put in\n');
    expect(second.stderr).not.toContain('started a build daemon');
    expect(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!), 'utf8')).toMatch(/ built in .*: cs-train build -o served → exit 0 in \d+ ms\n/);
    const fresh = runCli(['build', '-o', 'fresh', '--no-daemon', '--no-cache'], { cwd, env });
    expect(fresh.status).toBe(0);
    expect(differences(snapshot(join(cwd, 'served')), snapshot(join(cwd, 'fresh')))).toEqual([]);
  });

  it('starts after a check with errors too, and loads the folder the check named', async () => {
    const { env } = daemonHome('1');
    started.push(env);
    const cwd = sampleCopy();
    writeFileSync(join(cwd, 'curricula/roles/broken.yaml'), 'id: broken\nname: [\n');
    const r = runCli(['check', 'curricula'], { cwd, env });
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith(STARTED)).toBe(true);
    await waitFor('the daemon to load the folder', () => /it loaded the \d+ sessions of .*curricula\./.test(runCli(['daemon', 'status'], { env }).stdout) || undefined);
  });

  it('is found by a status or stop typed the moment the build ends, before it listens', async () => {
    const { dir, env } = daemonHome('1');
    started.push(env);
    const cwd = sampleCopy();
    const r = runCli(['build', '-o', 'out'], { cwd, env });
    expect(r.stderr.endsWith(STARTED)).toBe(true);
    // The daemon still loads the tool: a status waits for it to listen rather than find none.
    const status = runCli(['daemon', 'status'], { env });
    expect(status.stdout).toMatch(/^Build daemon running \(pid (\d+)\)/);
    const pid = Number(/pid (\d+)/.exec(status.stdout)![1]);
    const stop = runCli(['daemon', 'stop'], { env });
    expect(stop.stderr).toBe('Build daemon stopped.\n');
    await waitFor('the daemon to exit', () => !processAlive(pid) || undefined);
    // Its starting marker went when it listened; its socket when it stopped.
    expect(readdirSync(dir).map((f) => f.replace(/^[0-9a-f]{16}\./, ''))).toEqual(['log']);
  });

  it('does not wait for a launched daemon that died before it listened', () => {
    const { dir, env } = daemonHome('1');
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    // The marker its launcher left, and a socket left behind by an earlier daemon.
    const address = daemonAddress({ CS_TRAIN_DAEMON_DIR: dir });
    writeFileSync(address, '');
    writeFileSync(address.replace(/\.sock$/, `.starting.${gone}`), '');
    const began = Date.now();
    const r = runCli(['daemon', 'status'], { env });
    expect(r.stderr).toBe('No build daemon is running; `cs-train build` builds in its own process.\n');
    // A live one is waited for up to 15 seconds.
    expect(Date.now() - began).toBeLessThan(10_000);
  });

  it('replaces a daemon that died and left its socket behind', async () => {
    const { dir, env } = daemonHome('1');
    started.push(env);
    const cwd = sampleCopy();
    expect(runCli(['daemon', 'start'], { env: { ...env, CS_TRAIN_AUTO_DAEMON: '0' } }).status).toBe(0);
    const pid = Number(/pid (\d+)/.exec(runCli(['daemon', 'status'], { env }).stdout)![1]);
    process.kill(pid, 'SIGKILL');
    await waitFor('the daemon to die', () => !processAlive(pid) || undefined);
    expect(socketIn(dir)).toBeDefined();
    const r = runCli(['build', '-o', 'out'], { cwd, env });
    expect(r.status).toBe(0);
    expect(r.stderr.endsWith(STARTED)).toBe(true);
    await waitFor('a new daemon', () => {
      const s = runCli(['daemon', 'status'], { env }).stdout;
      const now = /pid (\d+)/.exec(s)?.[1];
      return now !== undefined && Number(now) !== pid ? now : undefined;
    });
  });

  it('does not start one without a terminal, when turned off, for --no-daemon, or after a usage error', () => {
    const cwd = sampleCopy();
    const cases: [string, string[], string][] = [
      ['no terminal (CS_TRAIN_AUTO_DAEMON unset)', ['build', '-o', 'out'], ''],
      ['CS_TRAIN_AUTO_DAEMON=0', ['build', '-o', 'out'], '0'],
      ['--no-daemon', ['build', '-o', 'out', '--no-daemon'], '1'],
      ['a usage error', ['build', '-o', 'out', '--only', 'nonsense'], '1'],
      ['a missing folder', ['check', 'no-such-folder'], '1'],
    ];
    for (const [label, args, auto] of cases) {
      const { dir, env } = daemonHome(auto);
      started.push(env);
      const r = runCli(args, { cwd, env });
      expect(r.stderr, label).not.toContain('started a build daemon');
      expect(readdirSync(dir), label).toEqual([]);
    }
    // CS_TRAIN_NO_DAEMON=1 turns the daemon off, and with it the start.
    const { dir, env } = daemonHome('1');
    expect(runCli(['build', '-o', 'out'], { cwd, env: { ...env, CS_TRAIN_NO_DAEMON: '1' } }).status).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(cwd, 'out/index.html'))).toBe(true);
  });
});

describe('startsDaemon', () => {
  it('starts one in a terminal outside CI, not on Windows; CS_TRAIN_AUTO_DAEMON decides over both', () => {
    expect(startsDaemon({}, true, 'linux')).toBe(true);
    expect(startsDaemon({}, true, 'darwin')).toBe(true);
    expect(startsDaemon({}, false, 'linux')).toBe(false);
    expect(startsDaemon({}, true, 'win32')).toBe(false);
    expect(startsDaemon({ CI: 'true' }, true, 'linux')).toBe(false);
    expect(startsDaemon({ CI: '1' }, true, 'linux')).toBe(false);
    expect(startsDaemon({ CI: 'false' }, true, 'linux')).toBe(true);
    expect(startsDaemon({ CI: '' }, true, 'linux')).toBe(true);
    expect(startsDaemon({ CS_TRAIN_AUTO_DAEMON: '0' }, true, 'linux')).toBe(false);
    expect(startsDaemon({ CS_TRAIN_AUTO_DAEMON: '1' }, false, 'linux')).toBe(true);
    expect(startsDaemon({ CS_TRAIN_AUTO_DAEMON: '1', CI: 'true' }, false, 'win32')).toBe(true);
  });
});
