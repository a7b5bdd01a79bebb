// Starting the build daemon in the background: by `cs-train daemon start`, which waits until it
// answers, and by a build in an interactive terminal that found none running (client.ts), which
// does not wait. Shared by the bundle and by the small client, so it stays free of heavy imports.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { besideSocket, daemonAddress, daemonFolder, markStarting, prepareDaemonFolder, TOOL_ROOT } from './address.js';

/** Minutes without a build after which a daemon stops, unless `--idle-minutes` says otherwise. */
export const DEFAULT_IDLE_MINUTES = 60;

/** A build the daemon loads the sources of as soon as it listens, so that the first build handed to it is quick. */
export interface WarmUp {
  /** The build's command line after `cs-train`, e.g. ["build", "curricula", "-o", "site"]. */
  argv: string[];
  /** The folder it ran in. */
  cwd: string;
}

/** A daemon process launched in the background, and its log (none on Windows). */
export interface Launched {
  child: ChildProcess;
  log?: string;
}

/** Launch `cs-train daemon run` detached from this process; returns why it cannot start (a string) or what was launched. */
export function launchDaemon(idleMinutes: number, warm?: WarmUp): Launched | string {
  const address = daemonAddress();
  let log: string | undefined;
  let fd: number | 'ignore' = 'ignore';
  if (process.platform !== 'win32') {
    const unfit = prepareDaemonFolder(address);
    if (unfit) return unfit;
    log = besideSocket(address, 'log');
    // Appended to: the daemon empties it once it knows it is the one that runs (daemon.ts).
    fd = openSync(log, 'a', 0o600);
  }
  const args = [join(TOOL_ROOT, 'bin', 'cs-train.js'), 'daemon', 'run', '--idle-minutes', String(idleMinutes)];
  if (warm) args.push('--warm', JSON.stringify(warm));
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    cwd: process.platform === 'win32' ? TOOL_ROOT : dirname(address),
    // The daemon runs in its own folder: a relative CS_TRAIN_DAEMON_DIR is handed over as the folder it names here.
    env: { ...process.env, CS_TRAIN_NO_DAEMON: '1', ...(process.env.CS_TRAIN_DAEMON_DIR ? { CS_TRAIN_DAEMON_DIR: daemonFolder() } : {}) },
    windowsHide: true,
  });
  child.unref();
  if (typeof fd === 'number') closeSync(fd);
  if (child.pid !== undefined) markStarting(address, child.pid);
  return { child, log };
}
