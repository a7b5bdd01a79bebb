// Work a build must do but its user need not wait for: removing the previous output folder once the
// new one is in place, recording the new one's files, cleaning the cache. A build in its own process
// does it at once; the build daemon answers its client first and does it before its next build.

let held: (() => void)[] | undefined;

/** Do `work` now, or, in the daemon while a build is answered, right after the answer. */
export function whenAnswered(work: () => void): void {
  if (held) held.push(work);
  else work();
}

/** Hold work given to `whenAnswered` until the returned function runs it (errors in it are dropped: it is tidying). */
export function holdUntilAnswered(): () => void {
  const tasks: (() => void)[] = [];
  held = tasks;
  return () => {
    if (held === tasks) held = undefined;
    for (const task of tasks.splice(0)) {
      try {
        task();
      } catch {
        // The next build tidies what this could not.
      }
    }
  };
}
