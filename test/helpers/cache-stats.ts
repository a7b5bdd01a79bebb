// The output cache's counters as `CS_TRAIN_CACHE_STATS=1` prints them, summed over chosen kinds of piece.

/** [reused, rendered] of the pieces of `kinds` in a build's stderr. */
export function kindCounts(stderr: string, kinds: readonly string[]): [reused: number, rendered: number] {
  let reused = 0;
  let rendered = 0;
  for (const kind of kinds) {
    const m = new RegExp(`[:,] ${kind} (\\d+)/(\\d+)`).exec(stderr);
    reused += Number(m?.[1] ?? 0);
    rendered += Number(m?.[2] ?? 0);
  }
  return [reused, rendered];
}
