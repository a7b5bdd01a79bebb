// Returns garbage to the system between the stages of a build. V8 grows its heap well past what a
// build keeps alive (a rebuild of 4,000 sessions peaked at 570 MB RSS with under 300 MB live),
// because it collects lazily. A full collection at a stage boundary, only when the heap has grown by
// more than GROWTH since the last one, keeps the peak near the live size for a few tenths of a second;
// between those, `limitHeapGrowth` keeps V8 from letting the heaps grow to several times their live size.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far (percent) V8 lets a heap grow past what survived its last full collection before the next
 * one. V8 picks a factor of up to 4 on a machine with gigabytes free, so a build's main thread went
 * from 75 MB live to 150 MB of heap before collecting; at 4,000 sessions a cold build peaked at
 * 365-440 MB from one run to the next. 50 % held it at 365-385 MB, for about 3 % more time.
 */
const HEAP_GROWING_PERCENT = 50;

/** Heap growth (bytes) that makes a collection worth its time. */
const GROWTH = 96 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let live = 0;

/**
 * Cap the heap growth of this process's V8 heaps (the flag is process-wide: worker threads started
 * afterwards have it too). Call once, at start-up, before the work.
 */
export function limitHeapGrowth(): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // A V8 without the flag collects as it always does.
  }
}

/** Collect garbage now if the heap grew by more than GROWTH since the last collection here. */
export function releaseMemory(): void {
  if (getHeapStatistics().used_heap_size - live < GROWTH) return;
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
  live = getHeapStatistics().used_heap_size;
}
