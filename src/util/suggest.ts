// "Did you mean …?" suggestions for misspelt ids and keys.

/** Levenshtein distance between two strings (by UTF-16 unit). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance that grows with the length of the word, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(word.length / 3));
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    const tail = candidate.split('/').pop() ?? candidate;
    const dTail = word.includes('/') ? Infinity : editDistance(word, tail) + 0.5;
    const score = Math.min(d, dTail);
    if (score < bestDistance || (score === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = score;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** " Did you mean "x"?" or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hit = closest(word, candidates);
  return hit ? ` Did you mean "${hit}"?` : '';
}
