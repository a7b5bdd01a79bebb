// The client side of the build daemon, run by bin/cs-train.js before the tool is loaded: when a
// daemon of this installation is running, `cs-train build` sends its command line, folder and
// environment to it and prints what comes back, instead of loading the tool and building itself.
// Anything the daemon does not build (PDFs, help, `--no-daemon`, `CS_TRAIN_NO_DAEMON=1`) and any
// daemon that cannot be reached leaves the build to this process. Loads nothing heavy.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { daemonAddress, daemonStarting, STARTING_MS, unsafeFolder } from './address.js';
import type { DaemonReply, DaemonRequest } from './protocol.js';
import { inCI } from '../util/ci.js';

/** How long a client waits for the daemon to say it received a build before saying so. */
const SILENT_SECONDS = 10;

/** Whether this process offered its build to a daemon and found none listening (so one may be started after the build). */
let foundNone = false;

/** Whether this command line is one the daemon runs: `build` and `check`. PDFs are printed here: Chromium and Ctrl-C belong to this terminal. */
export function daemonBuilds(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (argv[2] !== 'build' && argv[2] !== 'check') return false;
  if (env.CS_TRAIN_NO_DAEMON !== undefined && env.CS_TRAIN_NO_DAEMON !== '' && env.CS_TRAIN_NO_DAEMON !== '0') return false;
  return !argv.slice(3).some((a) => /pdf/i.test(a) || a === '-h' || a === '--help' || a === '--no-daemon' || a === '--');
}

/**
 * Hand `cs-train build` to the daemon if one runs: true once it has built (exit status set), false
 * when this process must build (no daemon, a daemon that declined or could not be reached).
 */
export async function buildThroughDaemon(argv: readonly string[]): Promise<boolean> {
  if (!daemonBuilds(argv)) return false;
  const address = daemonAddress();
  if (process.platform !== 'win32') {
    if (!existsSync(address)) {
      foundNone = true;
      return false;
    }
    const unsafe = unsafeFolder(dirname(address));
    if (unsafe) {
      process.stderr.write(`cs-train: not using the build daemon: ${unsafe}\n`);
      return false;
    }
  }
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    // The working folder was deleted: the build here says so as it would without a daemon.
    return false;
  }
  // Loaded only when a daemon may be there: a build without one pays for the address alone.
  const [{ createConnection }, { default: picocolors }, { readMessages, send }] = await Promise.all([import('node:net'), import('picocolors'), import('./protocol.js')]);
  const request: DaemonRequest = { kind: 'build', argv: argv.slice(2), cwd, env: { ...process.env }, umask: process.umask(), colors: picocolors.isColorSupported, started: performance.timeOrigin };
  return new Promise((done) => {
    const socket = createConnection(address);
    let wrote = false;
    let settled = false;
    const finish = (handled: boolean) => {
      if (settled) return;
      settled = true;
      done(handled);
    };
    let connected = false;
    // The connection ends without an exit status: no daemon listens (a socket left by one that died),
    // or the daemon stopped (killed, crashed) during the build.
    const gone = () => {
      if (settled) return;
      if (!wrote) {
        // Nothing was printed: the build runs here, and says why when a daemon had taken it.
        if (connected) process.stderr.write('cs-train: the build daemon stopped before it answered; this build runs here.\n');
        // A socket left by a daemon that died: nothing listens there.
        else foundNone = true;
        return finish(false);
      }
      process.stderr.write('cs-train: the build daemon stopped during the build; nothing more was written. Run the build again (`--no-daemon` builds without it).\n');
      process.exitCode = 2;
      finish(true);
    };
    socket.once('error', gone);
    // A daemon that does not even say it received the request may be paused (Ctrl-Z in the terminal of `daemon run`).
    const silent = setTimeout(() => process.stderr.write(`cs-train: the build daemon has not answered for ${SILENT_SECONDS} seconds; it may be paused (Ctrl-Z in the terminal of \`cs-train daemon run\`: type \`fg\` there) or stuck. Still waiting; press Ctrl-C and build with --no-daemon, or stop it with \`cs-train daemon stop\`.\n`), SILENT_SECONDS * 1000);
    socket.once('close', () => clearTimeout(silent));
    socket.once('connect', () => {
      connected = true;
      send(socket, request);
    });
    readMessages<DaemonReply>(socket, (reply) => {
      clearTimeout(silent);
      if ('out' in reply) {
        wrote = true;
        process.stdout.write(reply.out);
      } else if ('err' in reply) {
        wrote = true;
        process.stderr.write(reply.err);
      } else if ('exit' in reply) {
        process.exitCode = reply.exit;
        socket.end();
        finish(true);
      } else if ('decline' in reply) {
        if (reply.decline) process.stderr.write(`cs-train: ${reply.decline}\n`);
        socket.end();
        finish(false);
      }
    });
    socket.once('close', gone);
  });
}

/**
 * Whether a build that found no daemon starts one: `CS_TRAIN_AUTO_DAEMON=1` always, `=0` never;
 * otherwise when it runs in a terminal (stderr is one) outside CI. Not on Windows, where the daemon is untested.
 */
export function startsDaemon(env: NodeJS.ProcessEnv, terminal: boolean, platform: NodeJS.Platform = process.platform): boolean {
  const asked = env.CS_TRAIN_AUTO_DAEMON;
  if (asked === '0') return false;
  if (asked === '1') return true;
  return platform !== 'win32' && terminal && !inCI(env);
}

/**
 * After a build that ran here because no daemon was listening: start one in the background, as
 * `daemon start` would (without waiting for it), which loads this build's sources at once, so that
 * the next build in this terminal is handed to it. Not after a usage error (exit status 2).
 */
export async function startDaemonAfterBuild(argv: readonly string[]): Promise<void> {
  if (!foundNone || !daemonBuilds(argv) || !startsDaemon(process.env, process.stderr.isTTY === true)) return;
  if (process.exitCode !== undefined && process.exitCode !== 0 && process.exitCode !== 1) return;
  // Another build may have started one meanwhile.
  if ((await askDaemon({ kind: 'status' }))?.some((r) => 'status' in r)) return;
  const { DEFAULT_IDLE_MINUTES, launchDaemon } = await import('./spawn.js');
  let launched: ReturnType<typeof launchDaemon>;
  try {
    launched = launchDaemon(DEFAULT_IDLE_MINUTES, { argv: argv.slice(2), cwd: process.cwd() });
  } catch {
    return; // the daemon's folder cannot be made: builds go on in their own process, as before
  }
  if (typeof launched === 'string') return;
  process.stderr.write(`cs-train: started a build daemon in the background, so that the next builds are quicker (\`cs-train daemon status\`); it stops after ${DEFAULT_IDLE_MINUTES} minutes without a build, or with \`cs-train daemon stop\`. CS_TRAIN_AUTO_DAEMON=0 keeps builds from starting one.\n`);
}

/**
 * Ask the daemon one question (`status`, `stop`): its replies, or undefined when none runs. A daemon
 * launched a moment ago (by a build that has just finished) and not listening yet is waited for,
 * unless `waitForStarting` is false (a caller that polls on its own).
 */
export async function askDaemon(request: DaemonRequest, waitForStarting = true): Promise<DaemonReply[] | undefined> {
  const address = daemonAddress();
  const until = Date.now() + (waitForStarting ? STARTING_MS : 0);
  for (;;) {
    const replies = await askOnce(address, request);
    if (replies !== undefined || Date.now() >= until || !daemonStarting(address)) return replies;
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function askOnce(address: string, request: DaemonRequest): Promise<DaemonReply[] | undefined> {
  if (process.platform !== 'win32' && !existsSync(address)) return undefined;
  const [{ createConnection }, { readMessages, send }] = await Promise.all([import('node:net'), import('./protocol.js')]);
  return new Promise((done) => {
    const replies: DaemonReply[] = [];
    const socket = createConnection(address);
    socket.once('error', () => done(undefined));
    socket.once('connect', () => send(socket, request));
    readMessages<DaemonReply>(socket, (reply) => replies.push(reply));
    socket.once('close', () => done(replies));
  });
}
