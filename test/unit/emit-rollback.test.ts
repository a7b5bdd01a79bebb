// A rebuild updates the output folder in place. When a rename is refused half-way through the commit
// (on Windows, a file held open by another program), every step taken is taken back: the output is
// the previous one, byte for byte, and nothing is left beside it.
import * as fs from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { differences, snapshot } from '../helpers/tree.js';

/** A file that may not be renamed (EBUSY), as Windows refuses to move a file held open by another program. */
let refuse: string | undefined;

vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    renameSync: (from: fs.PathLike, to: fs.PathLike) => {
      if (refuse !== undefined && String(from) === refuse) throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${String(from)}' -> '${String(to)}'`), { code: 'EBUSY', path: String(from) });
      real.renameSync(from, to);
    },
  };
});

const { OutputStage } = await import('../../src/emit/emit.js');

function emit(out: string, files: Record<string, string>): InstanceType<typeof OutputStage> {
  const stage = new OutputStage(out);
  for (const [path, contents] of Object.entries(files)) stage.write({ path, contents });
  return stage;
}

describe('a commit refused half-way', () => {
  it('takes every step back: the previous output stays whole, nothing is left beside it', () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    emit(out, { 'a.html': 'old a', 'gone/deep.html': 'gone', 'b.html': 'old b', 'same.html': 'same', 'z.html': 'old z' }).commit();
    const before = snapshot(out);
    // Stale files moved aside and a folder removed, a.html and b.html replaced, new/page.html moved in: then the old z.html is held open.
    const stage = emit(out, { 'a.html': 'new a', 'b.html': 'new b', 'new/page.html': 'new', 'same.html': 'same', 'z.html': 'new z' });
    refuse = join(out, 'z.html');
    try {
      expect(() => stage.commit()).toThrow(/Could not update the output folder .* \(EBUSY\); is a file in it open in another program/);
    } finally {
      refuse = undefined;
    }
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(readFileSync(join(out, 'gone/deep.html'), 'utf8')).toBe('gone');
    // Not even an empty folder made for a file moved in.
    expect(readdirSync(out).sort()).toEqual(['.cs-train-output', 'a.html', 'b.html', 'gone', 'same.html', 'z.html']);
    expect(readdirSync(dir)).toEqual(['dist']);
    // The next build commits as usual.
    emit(out, { 'a.html': 'new a', 'same.html': 'same' }).commit();
    expect(readdirSync(out).sort()).toEqual(['.cs-train-output', 'a.html', 'same.html']);
  });
});
