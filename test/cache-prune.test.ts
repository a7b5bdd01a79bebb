// The build cache drops entries no build uses any more, but only once enough have piled up, and never
// an entry the last complete build used or a writer's temporary file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneCache } from '../src/cache/prune-cache.js';
import { tempDir } from './helpers/cli.js';

const key = (n: number) => n.toString(16).padStart(64, '0');

function entry(dir: string, area: string, name: string): string {
  const path = join(dir, area, name.slice(0, 2), name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'x');
  return path;
}

describe('pruneCache', () => {
  it('counts stored entries and prunes only when they may outnumber the used ones', () => {
    const dir = tempDir('cs-train-prune-');
    const used = new Set([key(1), key(2), key(3)]);
    const kept = [entry(dir, 'sessions', key(1)), entry(dir, 'yaml', key(2)), entry(dir, 'outputs', key(3))];
    const stale = [entry(dir, 'sessions', key(4)), entry(dir, 'outputs', key(5))];
    const temporary = entry(dir, 'outputs', `${key(6)}.123-0-1.tmp`);

    expect(pruneCache(dir, used, 2)).toBe(0);
    expect(readFileSync(join(dir, 'stored-since-pruning'), 'utf8')).toBe('2\n');
    expect(pruneCache(dir, used, 1)).toBe(0);
    for (const p of [...kept, ...stale]) expect(existsSync(p)).toBe(true);

    expect(pruneCache(dir, used, 1)).toBe(2);
    for (const p of kept) expect(existsSync(p)).toBe(true);
    for (const p of stale) expect(existsSync(p)).toBe(false);
    expect(existsSync(temporary)).toBe(true);
    expect(readFileSync(join(dir, 'stored-since-pruning'), 'utf8')).toBe('0\n');
  });

  it('leaves printed PDFs to builds that print them: a build without --pdf does not know their keys', () => {
    const dir = tempDir('cs-train-prune-');
    const pdf = entry(dir, 'pdfs', key(7));
    const stale = entry(dir, 'outputs', key(8));
    expect(pruneCache(dir, new Set([key(1)]), 5)).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(pdf)).toBe(true);
    const printed = entry(dir, 'pdfs', key(9));
    expect(pruneCache(dir, new Set([key(9)]), 5, { complete: true, pdfs: true })).toBe(1);
    expect(existsSync(pdf)).toBe(false);
    expect(existsSync(printed)).toBe(true);
  });

  it('lets a partial build drop what neither it nor the last complete build used', () => {
    const dir = tempDir('cs-train-prune-');
    const partial = { complete: false, pdfs: false };
    // With no complete build yet, a partial build keeps what it used.
    const early = entry(dir, 'outputs', key(1));
    expect(pruneCache(dir, new Set([key(2)]), 5, partial)).toBe(1);
    expect(existsSync(early)).toBe(false);
    // A complete build records its keys; it used 10 to 13.
    const complete = [10, 11, 12, 13].map((n) => entry(dir, n % 2 ? 'outputs' : 'sessions', key(n)));
    expect(pruneCache(dir, new Set([10, 11, 12, 13].map(key)), 0)).toBe(0);
    // Edits rendered by partial builds (`--role`, `serve --only`): 20 superseded by 21, then by 22.
    const superseded = [entry(dir, 'outputs', key(20)), entry(dir, 'outputs', key(21))];
    const latest = entry(dir, 'outputs', key(22));
    // Not yet: 2 stored since, and the build keeps 5 keys (its 2 and the complete build's 4, one shared).
    expect(pruneCache(dir, new Set([key(10), key(22)]), 2, partial)).toBe(0);
    expect(pruneCache(dir, new Set([key(10), key(22)]), 4, partial)).toBe(2);
    for (const p of superseded) expect(existsSync(p)).toBe(false);
    for (const p of [...complete, latest]) expect(existsSync(p)).toBe(true);
  });

  it('lets a partial build that printed PDFs drop printed PDFs that neither it nor the last complete printing build used', () => {
    const dir = tempDir('cs-train-prune-');
    const printed = [entry(dir, 'pdfs', key(1)), entry(dir, 'pdfs', key(2))];
    expect(pruneCache(dir, new Set([key(1), key(2)]), 0, { complete: true, pdfs: true })).toBe(0);
    // A complete build without --pdf records its keys, but they are not those of the printed PDFs.
    expect(pruneCache(dir, new Set([key(3)]), 0, { complete: true, pdfs: false })).toBe(0);
    const old = entry(dir, 'pdfs', key(4));
    const latest = entry(dir, 'pdfs', key(5));
    // `build --pdf --role agent` after edits: its book 5 replaced 4; the other books' 1 and 2 stay.
    expect(pruneCache(dir, new Set([key(3), key(5)]), 10, { complete: false, pdfs: true })).toBe(1);
    expect(existsSync(old)).toBe(false);
    for (const p of [...printed, latest]) expect(existsSync(p)).toBe(true);
    // A partial build without --pdf leaves printed PDFs alone.
    expect(pruneCache(dir, new Set([key(3)]), 10, { complete: false, pdfs: false })).toBe(0);
    for (const p of [...printed, latest]) expect(existsSync(p)).toBe(true);
  });

  it('judges printed PDFs at every build that prints, though builds without --pdf reset the count of the other entries', () => {
    // `serve` (or `build` without --pdf) prunes after its edits and resets the count; `build --pdf`
    // after each edit stores only its new PDFs, a handful against thousands of keys: counted with
    // the other entries, every PDF ever printed stayed in the cache.
    const dir = tempDir('cs-train-prune-');
    const pages = Array.from({ length: 200 }, (_, i) => key(i + 1));
    const counts: number[] = [];
    for (let round = 0; round < 20; round++) {
      const book = key(1000 + round);
      entry(dir, 'pdfs', book);
      pruneCache(dir, new Set([...pages, book]), 1, { complete: true, pdfs: true });
      pruneCache(dir, new Set(pages), 100, { complete: false, pdfs: false });
      counts.push(readdirSync(join(dir, 'pdfs')).flatMap((bucket) => readdirSync(join(dir, 'pdfs', bucket))).length);
    }
    // The book printed last is kept, and at most as many stale ones as kept ones.
    expect(existsSync(join(dir, 'pdfs', key(1019).slice(0, 2), key(1019)))).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
  });

  it('drops the records of output folders that no longer exist when it prunes', () => {
    const dir = tempDir('cs-train-prune-');
    const kept = tempDir('cs-train-out-');
    const record = (name: string, out: string) => {
      mkdirSync(join(dir, 'output-manifests'), { recursive: true });
      const file = join(dir, 'output-manifests', `${name.repeat(32)}.json`);
      writeFileSync(file, JSON.stringify({ format: 'cs-train-output-manifest 3', tool: 'x', out, taken: '1', files: {}, uses: {} }));
      return file;
    };
    const live = record('a', kept);
    const gone = record('b', join(kept, 'removed "quoted" folder'));
    const writing = join(dir, 'output-manifests', `${'c'.repeat(32)}.json.123.tmp`);
    writeFileSync(writing, '{');
    // Not when nothing is pruned: reading the records is part of a clean-up.
    expect(pruneCache(dir, new Set([key(1)]), 0)).toBe(0);
    expect(existsSync(gone)).toBe(true);
    expect(pruneCache(dir, new Set([key(1)]), 5)).toBe(1);
    expect([existsSync(live), existsSync(gone), existsSync(writing)]).toEqual([true, false, true]);
  });

  it('treats a missing or unreadable counter as zero', () => {
    const dir = tempDir('cs-train-prune-');
    writeFileSync(join(dir, 'stored-since-pruning'), 'garbage');
    expect(pruneCache(dir, new Set([key(1)]), 1)).toBe(0);
    expect(readFileSync(join(dir, 'stored-since-pruning'), 'utf8')).toBe('1\n');
  });
});
