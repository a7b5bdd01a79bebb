// Returns garbage to the system between the stages of a build. V8 grows its heap well past what a
// build keeps alive (a rebuild of 4,000 sessions peaked at 570 MB RSS with under 300 MB live),
// because it collects lazily. A full collection at a stage boundary, only when the heap has grown by
// more than GROWTH since the last one, keeps the peak near the live size for a few tenths of a second.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Heap growth (bytes) that makes a collection worth its time. */
const GROWTH = 96 * 1024 * 1024;

let collect: (() => void) | null | undefined;
let live = 0;

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
