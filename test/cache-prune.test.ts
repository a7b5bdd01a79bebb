// The build cache drops entries no build uses any more, but only once enough have piled up, and never
// an entry the last full build used or a writer's temporary file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(pruneCache(dir, new Set([key(9)]), 5, true)).toBe(1);
    expect(existsSync(pdf)).toBe(false);
    expect(existsSync(printed)).toBe(true);
  });

  it('treats a missing or unreadable counter as zero', () => {
    const dir = tempDir('cs-train-prune-');
    writeFileSync(join(dir, 'stored-since-pruning'), 'garbage');
    expect(pruneCache(dir, new Set([key(1)]), 1)).toBe(0);
    expect(readFileSync(join(dir, 'stored-since-pruning'), 'utf8')).toBe('1\n');
  });
});
