// `cs-train daemon start|stop|status|run`: a resident build process for leads who rebuild after every edit.
import { askDaemon } from '../daemon/client.js';
import { DEFAULT_IDLE_MINUTES, launchDaemon, type WarmUp } from '../daemon/spawn.js';
import type { DaemonStatus } from '../daemon/protocol.js';
import { EXIT, status, UsageError } from './common.js';

/** Options of `daemon`. */
export interface DaemonCliOptions {
  idleMinutes?: string;
  /** `daemon run` only, as launched after a build: that build as JSON (spawn.ts), to load its sources at once. */
  warm?: string;
}

/** Run `daemon ACTION` and return the exit status. */
export async function runDaemonCommand(action: string, options: DaemonCliOptions): Promise<number> {
  const idleMinutes = parseIdle(options.idleMinutes);
  switch (action) {
    case 'run':
      return (await import('../daemon/daemon.js')).runDaemon({ idleMinutes, warm: parseWarm(options.warm) });
    case 'start':
      return start(idleMinutes);
    case 'stop': {
      const replies = await askDaemon({ kind: 'stop' });
      if (replies === undefined) {
        status('No build daemon is running.');
        return EXIT.ok;
      }
      if (!replies.some((r) => 'stopped' in r)) {
        status('cs-train: the build daemon did not confirm that it stopped; `cs-train daemon status` tells whether it still runs.');
        return EXIT.usage;
      }
      status('Build daemon stopped.');
      return EXIT.ok;
    }
    case 'status': {
      const running = await currentStatus();
      if (!running) {
        status('No build daemon is running; `cs-train build` builds in its own process.');
        return EXIT.ok;
      }
      process.stdout.write(describe(running) + '\n');
      return EXIT.ok;
    }
    default:
      throw new UsageError(`Unknown daemon action "${action}"; use start, stop, status or run.`);
  }
}

async function currentStatus(waitForStarting = true): Promise<DaemonStatus | undefined> {
  const replies = await askDaemon({ kind: 'status' }, waitForStarting);
  for (const r of replies ?? []) {
    if ('status' in r) return r.status;
    // A daemon of an older build of cs-train (rebuilt or reinstalled since) stopped rather than answer.
    if ('decline' in r && r.decline) status(`cs-train: ${r.decline}`);
  }
  return undefined;
}

function describe(s: DaemonStatus): string {
  const warmed = s.warmed === undefined ? '' : s.warmed === 'loading' ? ' It is loading the sources of the build that started it.' : ` Started after a build, it ${s.warmed}.`;
  return `Build daemon running (pid ${s.pid}) since ${s.started.slice(0, 19).replace('T', ' ')} UTC: ${s.builds} ${s.builds === 1 ? 'build' : 'builds'} so far, ${Math.round(s.rss / 1048576)} MB of memory; it stops after ${s.idleMinutes} idle minutes.${warmed}`;
}

/** Start the daemon in the background and wait until it answers. */
async function start(idleMinutes: number): Promise<number> {
  const running = await currentStatus();
  if (running) {
    status(`A build daemon is already running. ${describe(running)}`);
    return EXIT.ok;
  }
  const launched = launchDaemon(idleMinutes);
  if (typeof launched === 'string') throw new UsageError(`The build daemon cannot start: ${launched}`);
  const { child, log } = launched;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (let waited = 0; waited < 15_000; waited += 50) {
    const up = await currentStatus(false);
    if (up) {
      status(`Build daemon started (pid ${up.pid}). While it runs, \`cs-train build\` (not with --pdf) and \`cs-train check\` hand their work to it; it stops after ${idleMinutes} idle minutes, or with \`cs-train daemon stop\`.${log ? ` Log: ${log}` : ''}`);
      return EXIT.ok;
    }
    if (exited !== undefined) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  // One that runs but never answered is stopped, rather than left to hold its socket for an hour.
  if (exited === undefined) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* it has just exited */
    }
  }
  status(`cs-train: the build daemon did not start${exited === undefined ? ' (it did not answer within 15 seconds, and was stopped)' : ''}${log ? `; see ${log}` : ''}.`);
  return EXIT.usage;
}

function parseIdle(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IDLE_MINUTES;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 10080) throw new UsageError(`--idle-minutes must be a number of minutes above 0 and at most 10080 (a week), not "${value}".`);
  return n;
}

/** The build named by `--warm`, when it is well formed (only a build that launched the daemon writes it). */
function parseWarm(value: string | undefined): WarmUp | undefined {
  if (value === undefined) return undefined;
  try {
    const warm = JSON.parse(value) as WarmUp;
    if (Array.isArray(warm.argv) && warm.argv.every((a) => typeof a === 'string') && typeof warm.cwd === 'string') return { argv: warm.argv, cwd: warm.cwd };
  } catch {
    /* not JSON */
  }
  throw new UsageError('--warm takes the build a daemon was launched after, as JSON; it is not meant to be typed.');
}
