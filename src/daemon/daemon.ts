// The build daemon: a resident cs-train that runs the builds `cs-train build` hands to it, so that a
// rebuild after an edit skips starting Node, loading the tool and compiling its code cold. Each
// build runs exactly as it would in the client's own process: the same command line parsed by the
// same program, in the client's folder, environment, umask and terminal colours, with its messages
// sent back to the client and its exit status too. Builds run one at a time. The daemon listens on a
// socket only its user can reach, stops after a time without builds, and stops (the build then runs
// in the client) as soon as the installed tool changes under it.
import { chmodSync, closeSync, fstatSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { forgetCacheWriteFailure } from '../cache/entry-files.js';
import { main } from '../cli/main.js';
import { status } from '../cli/common.js';
import { useColors } from '../util/colors.js';
import { whenCancelled } from '../util/interrupt.js';
import { startedElsewhere } from '../util/timing.js';
import { besideSocket, clearStarting, daemonAddress, prepareDaemonFolder, toolStamp, TOOL_ROOT } from './address.js';
import { daemonBuilds } from './client.js';
import { readMessages, send, sendLast, type DaemonReply, type DaemonRequest, type DaemonStatus } from './protocol.js';
import { keepBetweenBuilds } from '../resident.js';
import { processAlive } from '../util/process-alive.js';
import type { WarmUp } from './spawn.js';

/** What the daemon answers when the installed tool changed since it started (it then stops). */
const OUTDATED = 'the build daemon was running an older build of cs-train, so it has stopped';

/** How often a daemon checks that its socket is still its own. */
const ADDRESS_CHECK_MS = 5_000;

/**
 * A daemon holds a lock file beside its socket from asking whether a daemon answers until it listens
 * (well under a second), so that two daemons started at the same moment never both clear the path
 * and listen there: the second waits for the first, then finds it answering. A lock whose process is
 * gone, or older than START_LOCK_STALE_MS, was left by a daemon that died meanwhile.
 */
const START_LOCK_STALE_MS = 10_000;
/** How long a daemon waits for another one starting at the same moment before it gives up. */
const START_LOCK_WAIT_MS = 5_000;

/** Options of `cs-train daemon run`. */
export interface DaemonOptions {
  idleMinutes: number;
  /** The build after which the daemon was launched: its sources are loaded at once. */
  warm?: WarmUp;
}

/** Run the daemon in this process until it is stopped, idle for too long, or outdated; returns the exit status. */
export async function runDaemon(options: DaemonOptions): Promise<number> {
  const address = daemonAddress();
  const prepared = await prepareAddress(address);
  if (typeof prepared === 'string') {
    clearStarting(address, process.pid);
    status(`cs-train: ${prepared}`);
    return 1;
  }
  const unlock = prepared;
  keepBetweenBuilds();
  const stamp = toolStamp();
  const started = Date.now();
  let builds = 0;
  /** Builds received and not yet begun (the warm-up gives way to them). */
  let waiting = 0;
  let queue: Promise<void> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let closing = false;
  /** How loading the sources of the build that launched the daemon went (status). */
  let warmed: string | undefined;
  const home = dirname(address);

  const server: Server = createServer((socket) => {
    // A connection that says nothing would keep the daemon from stopping.
    socket.setTimeout(10_000, () => socket.destroy());
    readMessages<DaemonRequest>(socket, (request) => {
      socket.setTimeout(0);
      if (request.kind === 'status') {
        if (toolStamp() !== stamp) {
          // A daemon running old code is of no use: it stops, so that `daemon start` can start a current one.
          void stop('the installed cs-train changed').then(() => sendLast(socket, { decline: `${OUTDATED}.` }));
          return;
        }
        const reply: DaemonStatus = { pid: process.pid, root: TOOL_ROOT, started: new Date(started).toISOString(), builds, idleMinutes: options.idleMinutes, rss: process.memoryUsage.rss(), ...(warmed === undefined ? {} : { warmed }) };
        sendLast(socket, { status: reply });
      } else if (request.kind === 'stop') {
        void stop('stopped by `cs-train daemon stop`').then(() => sendLast(socket, { stopped: true }));
      } else if (request.kind === 'build') {
        if (closing) return sendLast(socket, { decline: '' });
        // Only what a client would hand over: a `build` without PDFs or a `check` (never `serve`, `init`, …).
        const wellFormed = Array.isArray(request.argv) && request.argv.every((a) => typeof a === 'string') && typeof request.cwd === 'string' && typeof request.umask === 'number' && typeof request.env === 'object' && request.env !== null;
        if (!wellFormed || !daemonBuilds(['node', 'cs-train', ...request.argv], {})) {
          return sendLast(socket, { decline: 'the build daemon runs only `cs-train build` (without --pdf) and `cs-train check`.' });
        }
        // Received at once, even behind another build: a client that hears nothing can tell a daemon that cannot answer.
        send(socket, { accepted: process.pid });
        clearTimeout(idle);
        waiting++;
        // A build that failed in a way main() did not report must not stop the builds queued after it.
        queue = queue
          .then(() => {
            waiting--;
            return build(request, socket);
          })
          .catch((error: unknown) => {
            status(`${stamped()} internal error: ${(error as Error)?.stack ?? String(error)}`);
            socket.destroy();
          })
          .finally(armIdle);
      } else socket.destroy();
    });
    socket.on('error', () => socket.destroy());
  });

  const armIdle = () => {
    clearTimeout(idle);
    if (closing) return;
    idle = setTimeout(() => void stop(`no build for ${options.idleMinutes} minutes`), options.idleMinutes * 60_000);
    idle.unref();
  };

  /**
   * This daemon's socket (POSIX), once it listens, by inode and change time (a socket made at the
   * path later may get the inode number back): the path is removed only while it is still its own.
   */
  let own: string | undefined;
  const socketId = () => {
    const s = statSync(address, { throwIfNoEntry: false, bigint: true });
    return s && `${s.ino}:${s.ctimeNs}`;
  };
  const ownsAddress = () => own !== undefined && socketId() === own;
  let watch: NodeJS.Timeout | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (why: string): Promise<void> => {
    stopped ??= (async () => {
      closing = true;
      clearTimeout(idle);
      clearInterval(watch);
      await queue;
      status(`${stamped()} build daemon stopped: ${why}`);
      if (process.platform !== 'win32' && !ownsAddress()) {
        // Closing the server, or letting Node close it at the end, would remove the path it listened on
        // (libuv unlinks a Unix socket's path when it closes it), which is another daemon's socket now:
        // the process ends at once instead, which closes nothing.
        process.exit(0);
      }
      // Connections still open (the one that asked to stop) end on their own; new ones are refused.
      server.close();
      if (process.platform !== 'win32') rmSync(address, { force: true });
    })();
    return stopped;
  };

  const build = async (request: Extract<DaemonRequest, { kind: 'build' }>, socket: Socket): Promise<void> => {
    if (socket.destroyed) return;
    if (toolStamp() !== stamp) {
      sendLast(socket, { decline: `${OUTDATED}; this build runs here.` });
      void stop('the installed cs-train changed');
      return;
    }
    builds++;
    const began = Date.now();
    status(`${stamped()} building in ${request.cwd}: cs-train ${request.argv.join(' ')}`);
    const code = await runFor(request, socket, home);
    status(`${stamped()} built in ${request.cwd}: cs-train ${request.argv.join(' ')} → exit ${code} in ${Date.now() - began} ms${socket.destroyed ? ' (the client had gone)' : ''}`);
    if (!socket.destroyed) sendLast(socket, { exit: code });
  };

  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(address, () => done());
    });
    if (process.platform !== 'win32') {
      chmodSync(address, 0o600);
      own = socketId();
    }
  } finally {
    unlock();
    // A `daemon stop` or `status` typed since the launch has waited for this: it now finds the socket.
    clearStarting(address, process.pid);
  }
  if (process.platform !== 'win32') {
    // Ended by a signal during a build (whose own handler exits at once, its output left whole), the
    // daemon still takes its socket away; only its own, should another daemon have taken the path.
    process.once('exit', () => {
      if (ownsAddress()) rmSync(address, { force: true });
    });
    // A daemon whose socket was removed (a cleaner of the temporary folder) or taken over (two daemons
    // started at the same moment: the second clears the path and listens there) can get no more
    // builds: it stops, rather than hold its memory until its idle time runs out.
    watch = setInterval(() => {
      if (!ownsAddress()) void stop('its socket was removed or taken over by another daemon');
    }, ADDRESS_CHECK_MS);
    watch.unref();
  }
  status(`${stamped()} build daemon of ${TOOL_ROOT} listening on ${address} (pid ${process.pid}); it stops after ${options.idleMinutes} idle minutes.`);
  armIdle();
  if (options.warm) {
    const warm = options.warm;
    warmed = 'loading';
    status(`${stamped()} loading the sources of \`cs-train ${warm.argv.join(' ')}\` in ${warm.cwd}`);
    // Queued like a build: a build handed over meanwhile waits for it, and then finds them loaded.
    queue = queue
      .then(async () => {
        const { warmUp } = await import('./warm.js');
        // Beside the socket, in the daemon's private folder (a Windows pipe has no folder: no exercise there).
        const scratch = process.platform === 'win32' ? undefined : besideSocket(address, 'exercise');
        const done = await warmUp(warm, scratch, () => waiting > 0);
        warmed = done.loaded;
        if (done.exercised !== undefined) status(`${stamped()} exercised the renderers (the starter curriculum built, edited and built again) in ${done.exercised} ms`);
      })
      .catch((error: unknown) => void (warmed = `loaded nothing (${(error as Error)?.message ?? String(error)})`))
      .finally(() => {
        status(`${stamped()} ${warmed}`);
        armIdle();
      });
  }
  const onSignal = () => void stop('signal').then(() => process.exit(0));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await new Promise<void>((done) => server.once('close', () => done()));
  await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

/**
 * Run one client's command as its own process would, with what this process shares (environment,
 * folder, umask, colours, output streams) switched to the client's for the time of the build.
 */
async function runFor(request: Extract<DaemonRequest, { kind: 'build' }>, socket: Socket, home: string): Promise<number> {
  const savedEnv = { ...process.env };
  setEnvironment(request.env);
  const savedUmask = process.umask(request.umask);
  useColors(request.colors);
  let gone = false;
  const onClose = () => (gone = true);
  socket.once('close', onClose);
  const withdraw = whenCancelled(() => gone);
  // CS_TRAIN_TIMINGS: the start-up is the client's, from its own start to this build.
  const ownStart = startedElsewhere(typeof request.started === 'number' && Number.isFinite(request.started) ? request.started : undefined);
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = writer(socket, 'out');
  process.stderr.write = writer(socket, 'err');
  process.exitCode = undefined;
  // What a command notes in module state for its closing messages starts empty, as in a new process.
  forgetCacheWriteFailure();
  try {
    process.chdir(request.cwd);
    await main(['node', 'cs-train', ...request.argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // main() reports every error itself; this is a folder that vanished before the build began.
    process.stderr.write(`cs-train: ${(error as Error).message}\n`);
    return 2;
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    withdraw();
    ownStart();
    socket.off('close', onClose);
    useColors(undefined);
    process.umask(savedUmask);
    setEnvironment(savedEnv);
    try {
      process.chdir(home);
    } catch {
      process.chdir(TOOL_ROOT);
    }
  }
}

/** Make this process's environment exactly `env` (in place: Node applies a changed TZ only so). */
function setEnvironment(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}

/** A replacement for a stream's `write` that sends what is written to the client. */
function writer(socket: Socket, stream: 'out' | 'err'): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, encodingOrDone?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!socket.destroyed) send(socket, stream === 'out' ? { out: text } : { err: text });
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof process.stdout.write;
}

/**
 * Make the socket's folder (private to this user) and clear a socket left by a daemon that died;
 * returns why the daemon cannot start, or a function that lets the next daemon start once this one
 * listens (a Windows pipe name cannot be taken twice, so only Unix sockets need the lock).
 */
async function prepareAddress(address: string): Promise<string | (() => void)> {
  if (process.platform === 'win32') return (await answers(address)) ? 'a build daemon of this installation is already running.' : () => {};
  const unfit = prepareDaemonFolder(address);
  if (unfit) return unfit;
  const unlock = await lockStart(besideSocket(address, 'lock'));
  if (!unlock) return `another build daemon of this installation has been starting for ${START_LOCK_WAIT_MS / 1000} seconds (\`cs-train daemon status\`).`;
  try {
    if (await answers(address)) {
      unlock();
      return 'a build daemon of this installation is already running (`cs-train daemon status`).';
    }
    rmSync(address, { force: true });
    emptyOwnLog(besideSocket(address, 'log'));
  } catch (error) {
    unlock();
    throw error;
  }
  return unlock;
}

/** Take the start lock at `lock`, waiting for a daemon that holds it; returns how to let it go, or undefined if it stayed taken. */
async function lockStart(lock: string): Promise<(() => void) | undefined> {
  const until = Date.now() + START_LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (staleLock(lock)) rmSync(lock, { force: true });
    else if (Date.now() >= until) return undefined;
    else await new Promise((done) => setTimeout(done, 25));
  }
}

/** Whether the start lock at `lock` was left by a daemon that died: its process is gone, or it is too old to be held. */
function staleLock(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs > START_LOCK_STALE_MS) return true;
    const pid = Number(readFileSync(lock, 'utf8'));
    // Written just after the lock was made: an empty one is being written now.
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  } catch {
    return false; // let go meanwhile
  }
}

/**
 * Empty the log a launcher opened for this daemon (spawn.ts; for appending, so that a daemon started
 * at the same moment that finds this one running adds its line instead of cutting this one's log),
 * now that this daemon is the one that runs. Only when its output goes to that very file.
 */
function emptyOwnLog(log: string): void {
  try {
    const out = fstatSync(1);
    const file = statSync(log);
    if (out.isFile() && out.ino === file.ino && out.dev === file.dev) truncateSync(log, 0);
  } catch {
    /* no such log: started by hand */
  }
}

/** Whether a daemon answers at `address`. */
function answers(address: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection(address);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

function stamped(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

export type { DaemonReply };
