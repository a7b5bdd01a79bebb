// cs-train runs on Node 20.19 and must keep working on Node 22 and 24, giving the same files and
// the same diagnostics there. CI (.ci/run) fetches those Node binaries from the npm registry
// (node-linux-<arch>) and names them in CS_TRAIN_OTHER_NODES (paths separated by ':'); without it,
// as on a machine that has only one Node, these tests are skipped.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';
import { builtFiles, differingFromGolden, expectedDiagnostics, GOLDEN, invalidCases, pickDiagnostics, type ExpectedDiagnostic } from './helpers/fixtures.js';
import { walkFiles } from './helpers/tree.js';

const nodes = (process.env.CS_TRAIN_OTHER_NODES ?? '').split(':').filter((p) => p !== '');

function version(node: string): string {
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

describe('a Node without a compile cache (Node 20)', () => {
  it.skipIf(typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function')('gets none from cs-train: nothing is written to the cache folder', () => {
    const caches = tempDir();
    expect(runCli(['check', 'curricula', '--no-daemon'], { env: { XDG_CACHE_HOME: caches } }).status).toBe(0);
    expect(readdirSync(caches)).toEqual([]);
  });
});

describe.skipIf(nodes.length === 0)('other Node.js versions (CS_TRAIN_OTHER_NODES)', () => {
  it('names Node 22 and Node 24', () => {
    expect(nodes.map((n) => version(n).split('.')[0]).sort()).toEqual(['v22', 'v24']);
  });

  for (const node of nodes) {
    const label = version(node);

    it(`${label}: builds the sample byte for byte as the golden files`, () => {
      const out = join(tempDir(), 'dist');
      const r = runCli(['build', 'curricula', '-o', out, '--strict', '--no-cache', '--no-daemon'], { node });
      expect(r.stderr).toMatch(/Wrote \d+ files/);
      expect(r.status).toBe(0);
      const built = builtFiles(out);
      expect(built).toEqual(walkFiles(GOLDEN));
      expect(differingFromGolden(out, built)).toEqual([]);
    });

    it(`${label}: keeps the tool's compiled code in the user's cache folder, made private, and in no folder others may write to`, () => {
      const caches = tempDir();
      const r = runCli(['check', 'curricula', '--no-daemon'], { node, env: { XDG_CACHE_HOME: caches } });
      expect(r.status).toBe(0);
      const folder = join(caches, 'cs-train', 'compile-cache');
      expect(walkFiles(folder).length).toBeGreaterThan(0);
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(join(caches, 'cs-train')).mode & 0o777).toBe(0o700);
      // A cs-train folder others may write to: nothing is read from it or written to it.
      const shared = tempDir();
      mkdirSync(join(shared, 'cs-train'));
      chmodSync(join(shared, 'cs-train'), 0o777);
      expect(runCli(['check', 'curricula', '--no-daemon'], { node, env: { XDG_CACHE_HOME: shared } }).status).toBe(0);
      expect(walkFiles(shared)).toEqual([]);
    });

    it(`${label}: reports every invalid fixture's expected diagnostics, with exit status 1`, () => {
      const wrong: string[] = [];
      for (const name of invalidCases) {
        const r = runCli(['check', join('test/fixtures/invalid', name), '--format', 'json', '--no-cache', '--no-daemon'], { node });
        const { expected, withMessage } = expectedDiagnostics(name);
        const reported = r.status === 1 && r.stderr === '' ? pickDiagnostics(JSON.parse(r.stdout) as ExpectedDiagnostic[], withMessage) : undefined;
        if (JSON.stringify(reported) !== JSON.stringify(pickDiagnostics(expected, withMessage))) wrong.push(`${name} (exit ${r.status}): ${r.stderr.slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
