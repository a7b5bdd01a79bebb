// Where the build daemon of this installation of cs-train listens, and how it tells that the
// installation changed under it. Shared by the daemon (inside the bundle) and by the small client
// that `bin/cs-train.js` runs before loading the bundle, so both must stay free of heavy imports.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processAlive } from '../util/process-alive.js';

/** The folder cs-train is installed in (this file sits in lib/daemon/ or, bundled, in lib/bundle/). */
export const TOOL_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A name of this user, for folder names (`uid` where there is one). */
function userTag(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined) return String(uid);
  try {
    return userInfo().username.replace(/[^A-Za-z0-9_-]/g, '_');
  } catch {
    return 'user';
  }
}

/**
 * The folder holding this user's daemon sockets: `CS_TRAIN_DAEMON_DIR`, else `cs-train-<uid>` in the
 * system's temporary folder (made private, 0700, by the daemon). One daemon per installation: its
 * socket is named by the installation's folder, so two checkouts of cs-train never share one.
 */
export function daemonFolder(env: NodeJS.ProcessEnv = process.env): string {
  // Absolute: the daemon runs in another folder than the command that starts it.
  return env.CS_TRAIN_DAEMON_DIR ? resolve(env.CS_TRAIN_DAEMON_DIR) : join(tmpdir(), `cs-train-${userTag()}`);
}

/** The address the daemon of this installation listens on: a Unix socket, or a named pipe on Windows. */
export function daemonAddress(env: NodeJS.ProcessEnv = process.env): string {
  const id = createHash('sha256').update(TOOL_ROOT).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\cs-train-${userTag()}-${id}${env.CS_TRAIN_DAEMON_DIR ? `-${createHash('sha256').update(daemonFolder(env)).digest('hex').slice(0, 8)}` : ''}`;
  return join(daemonFolder(env), `${id}.sock`);
}

/**
 * A file of the daemon whose Unix socket is `address`, beside it and named alike: its log (which the
 * launcher opens and the daemon empties), its start lock, the folder it exercises its renderers in.
 */
export function besideSocket(address: string, kind: 'log' | 'lock' | 'exercise'): string {
  return address.replace(/\.sock$/, `.${kind}`);
}

/**
 * How long a launched daemon counts as starting (its marker written, its socket not yet listening).
 * It loads the tool and may wait up to 5 seconds for another daemon's start lock (daemon.ts).
 */
export const STARTING_MS = 15_000;

/** The marker a launcher leaves beside the socket for the daemon process `pid` it launched, until that daemon listens or exits. */
function startingMarker(address: string, pid: number): string {
  return address.replace(/\.sock$/, `.starting.${pid}`);
}

/**
 * Note that daemon process `pid` was launched for `address` and does not listen yet, so that a
 * `daemon stop` or `daemon status` typed meanwhile waits for it rather than find none. Best effort.
 */
export function markStarting(address: string, pid: number): void {
  if (process.platform === 'win32') return; // a named pipe has no folder to leave a marker in
  try {
    writeFileSync(startingMarker(address, pid), '', { mode: 0o600 });
  } catch {
    /* without it, a stop typed in the next second may miss the daemon, as before */
  }
}

/** Remove the marker of daemon process `pid` (it listens now, or gave up), and those of launched daemons that died before they listened. */
export function clearStarting(address: string, pid: number): void {
  if (process.platform === 'win32') return;
  rmSync(startingMarker(address, pid), { force: true });
  for (const other of launchedPids(address)) if (!processAlive(other)) rmSync(startingMarker(address, other), { force: true });
}

/** Whether a daemon launched for `address` is still starting: its marker is recent and its process runs. */
export function daemonStarting(address: string): boolean {
  if (process.platform === 'win32') return false;
  return launchedPids(address).some((pid) => {
    try {
      return Date.now() - statSync(startingMarker(address, pid)).mtimeMs < STARTING_MS && processAlive(pid);
    } catch {
      return false; // it listens now
    }
  });
}

/** The processes whose starting markers lie beside the socket at `address`. */
function launchedPids(address: string): number[] {
  const prefix = basename(address).replace(/\.sock$/, '.starting.');
  try {
    return readdirSync(dirname(address))
      .filter((f) => f.startsWith(prefix))
      .map((f) => Number(f.slice(prefix.length)))
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return [];
  }
}

/**
 * A stamp of the compiled tool (the bundle's files, their sizes and modification times): a daemon
 * whose stamp no longer matches runs old code, and must not build.
 */
export function toolStamp(dir = join(TOOL_ROOT, 'lib', 'bundle')): string {
  const h = createHash('sha256');
  try {
    for (const name of readdirSync(dir).sort()) {
      const s = statSync(join(dir, name));
      h.update(`${name}\0${s.size}\0${s.mtimeMs}\n`);
    }
  } catch {
    h.update('missing');
  }
  return h.digest('hex');
}

/** The longest path a Unix socket may have (104 bytes with its terminating zero on macOS, 108 on Linux). */
const SOCKET_PATH_MAX = 103;

/** Why the daemon cannot listen at `address` (a Unix socket path longer than the system allows), or undefined. */
export function addressTooLong(address: string): string | undefined {
  if (process.platform === 'win32' || Buffer.byteLength(address) <= SOCKET_PATH_MAX) return undefined;
  return `the daemon's socket ${address} would be longer than a socket's path may be (${Buffer.byteLength(address)} bytes; at most ${SOCKET_PATH_MAX}); set CS_TRAIN_DAEMON_DIR to a folder with a shorter path.`;
}

/**
 * Make the folder of the socket at `address` (private to this user, 0700) and check that it is fit
 * for one: returns why the daemon cannot listen there, or undefined. Not for Windows' named pipes.
 */
export function prepareDaemonFolder(address: string): string | undefined {
  const tooLong = addressTooLong(address);
  if (tooLong) return tooLong;
  const folder = dirname(address);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return unsafeFolder(folder);
}

/** Why `folder` may not hold the daemon's socket (another user could reach or replace it), or undefined. */
export function unsafeFolder(folder: string): string | undefined {
  const problem = folderProblem(folder, 0o077);
  if (problem === 'unreadable') return `the daemon folder ${folder} cannot be read.`;
  if (problem === 'not a folder') return `${folder} is not a folder; remove it, or set CS_TRAIN_DAEMON_DIR to a folder of your own.`;
  if (problem === 'another user') return `the daemon folder ${folder} belongs to another user; set CS_TRAIN_DAEMON_DIR to a folder of your own.`;
  if (problem) return `the daemon folder ${folder} can be reached by other users (mode ${problem.mode.toString(8)}); make it private (chmod 700), or set CS_TRAIN_DAEMON_DIR to another folder.`;
  return undefined;
}

/**
 * What keeps `folder` from being a private folder of this user: it cannot be read, is no folder,
 * belongs to another user, or grants others any of the permission bits `others` (its mode then); else undefined.
 */
export function folderProblem(folder: string, others: number): 'unreadable' | 'not a folder' | 'another user' | { mode: number } | undefined {
  let s;
  try {
    s = lstatSync(folder);
  } catch {
    return 'unreadable';
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (!s.isDirectory()) return 'not a folder';
  if (uid !== undefined && s.uid !== uid) return 'another user';
  if ((s.mode & others) !== 0) return { mode: s.mode & 0o777 };
  return undefined;
}
