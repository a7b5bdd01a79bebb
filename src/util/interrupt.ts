// Work to finish when a build is stopped (Ctrl-C, a CI runner's SIGTERM) before the process exits:
// a browser that is still starting or printing must be stopped before its folders can be removed.

const cleanups = new Set<() => Promise<void> | void>();

/** Run `cleanup` if the build is stopped; returns the function that withdraws it. */
export function onInterrupt(cleanup: () => Promise<void> | void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/** Run every registered cleanup, for at most `limitMs` in all (a second Ctrl-C ends the process at once). */
export async function runInterruptCleanups(limitMs = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((done) => (timer = setTimeout(done, limitMs)));
  await Promise.race([Promise.allSettled([...cleanups].map(async (cleanup) => cleanup())), limit]);
  clearTimeout(timer);
}

let cancelledCheck: () => boolean = () => false;

/**
 * For a build the daemon runs: `check` tells whether the client that asked for it has gone (its
 * user pressed Ctrl-C), in which case the build writes nothing. Returns the function that withdraws it.
 */
export function whenCancelled(check: () => boolean): () => void {
  cancelledCheck = check;
  return () => void (cancelledCheck = () => false);
}

/** Whether the build in progress was asked for by a client that has gone. */
export function buildCancelled(): boolean {
  return cancelledCheck();
}
