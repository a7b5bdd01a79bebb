// The parse cache, seen from the command line: cached, uncached and worker-parsed builds write
// byte-identical output folders; corrupted entries are ignored and repaired; an edited session
// misses the cache while the others hit it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCurriculum } from '../bench/generate.mjs';
import { runCli, tempDir } from './helpers/cli.js';
import { snapshot } from './helpers/tree.js';

const SESSIONS = 30;


function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
}

/** Build and return the cache counters line printed with CS_TRAIN_CACHE_STATS. */
function build(source: string, out: string, extra: string[] = [], env: Record<string, string> = {}): string {
  const r = runCli(['build', source, '-o', out, ...extra], { env: { CS_TRAIN_CACHE_STATS: '1', ...env } });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.status).toBe(0);
  return /^cache .*$/m.exec(r.stderr)?.[0] ?? '';
}

describe('builds with and without the parse cache', () => {
  const root = tempDir('cs-train-cache-out-');
  let source = '';
  let edited = '';
  let reference = new Map<string, Buffer>();
  const cacheDir = join(root, 'gen', '.cs-train-cache');

  beforeAll(() => {
    const g = generateCurriculum(join(root, 'gen'), SESSIONS);
    source = g.sourceDir;
    edited = g.editable;
    // One session saved the Windows way: BOM and CRLF line ends.
    const crlf = join(source, 'modules', readdirSync(join(source, 'modules'))[0]!);
    const file = readdirSync(crlf).find((n) => n.endsWith('.md'))!;
    const text = readFileSync(join(crlf, file), 'utf8');
    writeFileSync(join(crlf, file), '\uFEFF' + text.replace(/\n/g, '\r\n'));
  });

  it('cold, warm, --no-cache and worker builds write the same bytes', () => {
    expect(build(source, join(root, 'cold'))).toMatch(new RegExp(`: 0 hits, 0 parsed in 0 workers, ${SESSIONS} stored, 0 corrupt; YAML files: 0 hits, [1-9]\\d* stored`));
    expect(existsSync(join(cacheDir, 'CACHEDIR.TAG'))).toBe(true);
    expect(build(source, join(root, 'warm'))).toMatch(new RegExp(`: ${SESSIONS} hits, 0 parsed in 0 workers, 0 stored, 0 corrupt; YAML files: [1-9]\\d* hits, 0 stored`));
    expect(build(source, join(root, 'off'), ['--no-cache'])).toMatch(/cache \(off\): 0 hits/);
    const other = join(root, 'other-cache');
    expect(build(source, join(root, 'pool'), ['--cache-dir', other], { CS_TRAIN_PARSE_WORKERS: '2' })).toMatch(new RegExp(`: ${SESSIONS} hits, ${SESSIONS} parsed in 2 workers`));
    expect(readdirSync(join(other, 'sessions')).length).toBeGreaterThan(0);
    reference = snapshot(join(root, 'cold'));
    expect(reference.size).toBeGreaterThan(10);
    for (const name of ['warm', 'off', 'pool']) expectSameFiles(reference, snapshot(join(root, name)));
  });

  it('ignores corrupted entries, builds the same output, and repairs them', () => {
    const entries = readdirSync(join(cacheDir, 'sessions')).flatMap((d) => readdirSync(join(cacheDir, 'sessions', d)).map((f) => join(cacheDir, 'sessions', d, f)));
    expect(entries.length).toBe(SESSIONS);
    const [truncated, altered, garbage] = entries;
    writeFileSync(truncated!, readFileSync(truncated!, 'utf8').slice(0, 200));
    writeFileSync(altered!, readFileSync(altered!, 'utf8').replace(/"line":\d+|\[(\d+),/, (m) => m.replace(/\d/, (d) => String((Number(d) + 1) % 10))));
    writeFileSync(garbage!, Buffer.from([0xff, 0x00, 0x7b, 0x0a]));
    expect(build(source, join(root, 'repaired'))).toMatch(new RegExp(`: ${SESSIONS - 3} hits, 0 parsed in 0 workers, 3 stored, 3 corrupt`));
    expectSameFiles(reference, snapshot(join(root, 'repaired')));
    for (const entry of [truncated!, altered!, garbage!]) expect(readFileSync(entry, 'utf8').startsWith(`cs-train-session 1 ${basename(entry)} `)).toBe(true);
  });

  it('misses only the edited session, and the output shows the edit', () => {
    const text = readFileSync(edited, 'utf8');
    writeFileSync(edited, text.replace(/^title: .*$/m, 'title: 缓存失效测试课'));
    expect(build(source, join(root, 'edited'))).toMatch(new RegExp(`: ${SESSIONS - 1} hits, 0 parsed in 0 workers, 1 stored, 0 corrupt`));
    const after = snapshot(join(root, 'edited'));
    expect(after.get('curriculum.json')?.toString('utf8')).toContain('缓存失效测试课');
    expect(reference.get('curriculum.json')?.toString('utf8')).not.toContain('缓存失效测试课');
  });
});
