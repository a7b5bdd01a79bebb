// Texts of the output cache (a session's HTML in the handbooks) are kept in memory for the build that
// made them: until their last reader when the caller knows how many there are, else until forgotten.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputCache } from '../src/cache/output-cache.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';

/** Remove every stored piece, so that only what the cache holds in memory is left. */
function dropStored(dir: string): void {
  const outputs = join(dir, 'outputs');
  for (const d of readdirSync(outputs)) rmSync(join(outputs, d), { recursive: true });
}

describe('texts of the output cache', () => {
  it('are kept in memory until their last reader, then read from the cache folder', () => {
    const dir = tempDir('cs-train-texts-');
    const memo = new OutputCache(dir);
    let made = 0;
    const produce = () => `<p>${++made}</p>`;
    expect(memo.text('k', 'a', produce, 3)).toBe('<p>1</p>');
    dropStored(dir);
    expect(memo.text('k', 'a', produce, 3)).toBe('<p>1</p>');
    expect(memo.text('k', 'a', produce, 3)).toBe('<p>1</p>');
    // The third reader was the last: nothing is kept, and the stored piece is gone.
    expect(memo.text('k', 'a', produce, 3)).toBe('<p>2</p>');
    expect(made).toBe(2);
  });

  it('are kept until forgotten when the number of readers is not known', () => {
    const dir = tempDir('cs-train-texts-');
    const memo = new OutputCache(dir);
    let made = 0;
    const produce = () => `<p>${++made}</p>`;
    memo.text('k', 'b', produce);
    dropStored(dir);
    for (let i = 0; i < 5; i++) expect(memo.text('k', 'b', produce)).toBe('<p>1</p>');
    memo.forgetTexts();
    expect(memo.text('k', 'b', produce)).toBe('<p>2</p>');
  });

  it('give each session body shared by several roles to every book without converting or reading it twice', () => {
    const dir = tempDir('cs-train-texts-');
    const r = runCli(['build', join(ROOT, 'curricula'), '-o', join(dir, 'dist'), '--cache-dir', join(dir, 'cache'), '--only', 'handbook'], { env: { CS_TRAIN_CACHE_STATS: '1' } });
    expect(r.status).toBe(0);
    // 54 sessions printed in both editions; the onboarding programme's are in two roles' books.
    expect(r.stderr).toMatch(/handbook-session-html 0\/108\b/);
  });
});
