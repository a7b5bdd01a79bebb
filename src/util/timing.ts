// `CS_TRAIN_TIMINGS=1`: how long each stage of a build took, on stderr, for profiling by hand.
import { performance } from 'node:perf_hooks';

/** Print the time since `since` (a `performance.now()` reading) for `stage`, when timings are asked for. */
export function reportTiming(stage: string, since: number, detail = ''): void {
  if (process.env.CS_TRAIN_TIMINGS) process.stderr.write(`timing ${stage}: ${Math.round(performance.now() - since)} ms${detail}\n`);
}
