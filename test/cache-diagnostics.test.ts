// The parse cache and the parse workers must not change what the load stage produces: for every
// fixture, the diagnostics (exact places) and each session's data and mdast are the same whether
// sessions are parsed on the main thread, read back from the cache, or parsed on worker threads.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { uncachedSessions } from '../src/cache/open-cache.js';
import { SessionCache } from '../src/cache/session-cache.js';
import { compileCurriculum, type CompileResult } from '../src/compile.js';
import { parseInWorkers } from '../src/load/parse-worker-pool.js';
import { fixture, ROOT, tempDir } from './helpers/cli.js';

const folders = ['valid', 'invalid', 'warnings'].flatMap((kind) =>
  readdirSync(fixture(kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${kind}/${d.name}`),
);

/** What must not depend on the cache: diagnostics and every session as loaded. */
function outcome(result: CompileResult) {
  const sessions = result.sources.modules.flatMap((m) => m.sessions.map((s) => ({ id: s.id, data: s.data, raw: s.ys?.data, mdast: s.mdast })));
  return { diagnostics: result.diagnostics.list(), sessions };
}

describe('cached and worker-parsed sessions load exactly like freshly parsed ones', () => {
  // One pool of workers parses the sessions of every fixture into one memory-only cache.
  const pooled = new SessionCache();
  beforeAll(async () => {
    const items = folders.flatMap((name) => uncachedSessions(fixture(name), pooled));
    for (const r of await parseInWorkers(items, 2, undefined)) pooled.accept(r);
    expect(pooled.stats.parsedInWorkers).toBeGreaterThan(20);
  });

  it('covers the fixtures', () => {
    expect(folders.length).toBeGreaterThan(20);
  });

  for (const name of folders) {
    it(name, () => {
      const dir = fixture(name);
      const expected = outcome(compileCurriculum(dir, ROOT));
      const cacheDir = tempDir('cs-train-cache-');

      const cold = new SessionCache(cacheDir);
      expect(outcome(compileCurriculum(dir, ROOT, cold))).toEqual(expected);
      const warm = new SessionCache(cacheDir);
      expect(outcome(compileCurriculum(dir, ROOT, warm))).toEqual(expected);
      const clean = cold.stats.hits + cold.stats.stored;
      expect(warm.stats.hits).toBe(clean);
      expect(warm.stats.stored).toBe(0);

      const hitsBefore = pooled.stats.hits;
      expect(outcome(compileCurriculum(dir, ROOT, pooled))).toEqual(expected);
      expect(pooled.stats.hits - hitsBefore).toBe(clean);
    });
  }

  it('point at the right place when a rule reports on a session read back from the cache', () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      'curriculum.yaml': 'title: T\ncompetencies:\n  communication: 沟通\n',
      'modules/m/module.yaml': 'title: 沟通\n',
      'modules/m/01-s.md': '---\ntitle: 倾听\nduration: 45m\ncompetencies:\n  - communication\n  - communcation\ntrainer: wang-fnag\n---\n\n正文。\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const cacheDir = tempDir('cs-train-cache-');
    compileCurriculum(dir, dir, new SessionCache(cacheDir));
    const warm = new SessionCache(cacheDir);
    const list = compileCurriculum(dir, dir, warm).diagnostics.list();
    expect(warm.stats.hits).toBe(1);
    expect(list).toEqual(compileCurriculum(dir, dir).diagnostics.list());
    expect(list.filter((d) => d.file === 'modules/m/01-s.md').map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['6:5 unknown-competency', '7:10 unknown-trainer']);
  });
});
