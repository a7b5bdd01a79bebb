// `CS_TRAIN_TIMINGS=1`: how long each stage of a build took, on stderr, for profiling by hand.
import { performance } from 'node:perf_hooks';

/** When this command's process started, in `performance.now()` terms: 0, but for a build the daemon runs for a client. */
let processStarted = 0;

/** When the process of the command being run started (a `performance.now()` reading): the client's, in the build daemon. */
export function processStart(): number {
  return processStarted;
}

/**
 * For a build the daemon runs: the client process started at `timeOrigin` (its `performance.timeOrigin`),
 * or, unknown, now. Returns the function that puts this process's own start back.
 */
export function startedElsewhere(timeOrigin: number | undefined): () => void {
  processStarted = timeOrigin === undefined ? performance.now() : timeOrigin - performance.timeOrigin;
  return () => void (processStarted = 0);
}

/** Print the time since `since` (a `performance.now()` reading) for `stage`, when timings are asked for. */
export function reportTiming(stage: string, since: number, detail = ''): void {
  if (process.env.CS_TRAIN_TIMINGS) process.stderr.write(`timing ${stage}: ${Math.round(performance.now() - since)} ms${detail}\n`);
}
