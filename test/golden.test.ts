// Golden files: the sample curriculum's build, compared byte for byte. Updating them is a deliberate
// command: `npm run golden:update` (then review the diff in git).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';
import { builtFiles, differingFromGolden, GOLDEN } from './helpers/fixtures.js';
import { walkFiles } from './helpers/tree.js';

const update = process.env.UPDATE_GOLDEN === '1';


describe('golden build of the sample curriculum', () => {
  it('matches test/golden/sample byte for byte', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', 'curricula', '-o', out, '--strict']);
    expect(r.stderr).toMatch(/Wrote \d+ files/);
    expect(r.status).toBe(0);
    const built = builtFiles(out);
    if (update) {
      rmSync(GOLDEN, { recursive: true, force: true });
      for (const f of built) {
        mkdirSync(dirname(join(GOLDEN, f)), { recursive: true });
        writeFileSync(join(GOLDEN, f), readFileSync(join(out, f)));
      }
    }
    const golden = walkFiles(GOLDEN);
    expect(built).toEqual(golden);
    expect(differingFromGolden(out, built)).toEqual([]);
  });
});
