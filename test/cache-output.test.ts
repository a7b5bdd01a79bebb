// The parse cache, seen from the command line: cached, uncached and worker-parsed builds write
// byte-identical output folders; corrupted entries are ignored and repaired; an edited session
// misses the cache while the others hit it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCurriculum } from '../bench/generate.mjs';
import { ENTRY_FORMAT } from '../src/cache/entry-codec.js';
import { runCli, tempDir } from './helpers/cli.js';
import { snapshot } from './helpers/tree.js';

const SESSIONS = 30;


function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true);
}

/** Build and return the counters printed with CS_TRAIN_CACHE_STATS: the parse cache's line, then the output cache's. */
function build(source: string, out: string, extra: string[] = [], env: Record<string, string> = {}): string {
  const r = runCli(['build', source, '-o', out, ...extra], { env: { CS_TRAIN_CACHE_STATS: '1', ...env } });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.status).toBe(0);
  return [/^cache .*$/m.exec(r.stderr)?.[0] ?? '', /^output cache .*$/m.exec(r.stderr)?.[0] ?? ''].join('\n');
}

/** Reused and rendered pieces from the output cache's counters line. */
function pieces(counters: string): { reused: number; rendered: number } {
  const m = /^output cache .*: (\d+) reused, (\d+) rendered/m.exec(counters);
  expect(m, counters).not.toBeNull();
  return { reused: Number(m![1]), rendered: Number(m![2]) };
}

/** Every entry file of a cache area. */
function entries(cacheDir: string, area: string): string[] {
  const dir = join(cacheDir, area);
  return existsSync(dir) ? readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).filter((f) => /^[0-9a-f]{64}$/.test(f)).map((f) => join(dir, d, f))) : [];
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
    const cold = build(source, join(root, 'cold'));
    expect(pieces(cold).rendered).toBeGreaterThan(SESSIONS);
    expect(pieces(cold).reused).toBe(0);
    expect(cold).toMatch(new RegExp(`: 0 hits, 0 parsed in 0 workers, ${SESSIONS} stored, 0 corrupt; YAML files: 0 hits, [1-9]\\d* stored`));
    expect(existsSync(join(cacheDir, 'CACHEDIR.TAG'))).toBe(true);
    const warm = build(source, join(root, 'warm'));
    expect(warm).toMatch(new RegExp(`: ${SESSIONS} hits, 0 parsed in 0 workers, 0 stored, 0 corrupt; YAML files: [1-9]\\d* hits, 0 stored`));
    // Nothing is rendered again; whole pages and decks are reused without asking for their parts.
    expect(pieces(warm).rendered).toBe(0);
    expect(pieces(warm).reused).toBeGreaterThan(0);
    expect(pieces(warm).reused).toBeLessThanOrEqual(pieces(cold).rendered);
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
    for (const entry of [truncated!, altered!, garbage!]) expect(readFileSync(entry, 'utf8').startsWith(`cs-train-session ${ENTRY_FORMAT} ${basename(entry)} `)).toBe(true);
  });

  it('misses only the edited session, and the output shows the edit', () => {
    const text = readFileSync(edited, 'utf8');
    writeFileSync(edited, text.replace(/^title: .*$/m, 'title: 缓存失效测试课'));
    expect(build(source, join(root, 'edited'))).toMatch(new RegExp(`: ${SESSIONS - 1} hits, 0 parsed in 0 workers, 1 stored, 0 corrupt`));
    const after = snapshot(join(root, 'edited'));
    expect(after.get('curriculum.json')?.toString('utf8')).toContain('缓存失效测试课');
    expect(reference.get('curriculum.json')?.toString('utf8')).not.toContain('缓存失效测试课');
    // What the edit touched was rendered again, the rest reused: the same bytes as a build from nothing.
    build(source, join(root, 'edited-fresh'), ['--no-cache']);
    expectSameFiles(snapshot(join(root, 'edited-fresh')), after);
  });

  it('renders a piece again when its cache entry is damaged', () => {
    // Only entries the current sources use: a build that clean-ups first drops the others.
    writeFileSync(join(cacheDir, 'stored-since-pruning'), '100000\n');
    const full = pieces(build(source, join(root, 'damaged'), ['--cache-dir', join(root, 'damage-cache')]));
    const outputs = entries(join(root, 'damage-cache'), 'outputs');
    expect(outputs.length).toBe(full.rendered);
    expect(outputs.length).toBeGreaterThan(SESSIONS);
    // Cut short, one bit flipped, or emptied: each entry is rendered again, and nothing else.
    outputs.forEach((entry, i) => {
      const bytes = readFileSync(entry);
      if (i % 3 === 0) writeFileSync(entry, bytes.subarray(0, 40));
      else if (i % 3 === 1) writeFileSync(entry, Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes.at(-1)! ^ 1])]));
      else writeFileSync(entry, '');
    });
    // Into a new folder: the files of the previous output would be taken over without reading an entry.
    const counters = build(source, join(root, 'damaged-again'), ['--cache-dir', join(root, 'damage-cache')]);
    expect(pieces(counters)).toEqual({ reused: 0, rendered: full.rendered });
    expectSameFiles(snapshot(join(root, 'edited')), snapshot(join(root, 'damaged-again')));
  });

  it('drops the entries no build uses once enough have piled up, and still builds the same bytes', () => {
    const count = (dir: string) => ['sessions', 'yaml', 'outputs'].reduce((n, area) => n + entries(dir, area).length, 0);
    const text = readFileSync(edited, 'utf8');
    for (let i = 0; i < 3; i++) {
      writeFileSync(edited, text.replace(/^title: .*$/m, `title: 第${i}次修改`));
      build(source, join(root, 'pruned'));
    }
    writeFileSync(edited, text);
    // As if many edits had been stored since the last clean-up: the next full build prunes.
    writeFileSync(join(cacheDir, 'stored-since-pruning'), '100000\n');
    const stale = count(cacheDir);
    build(source, join(root, 'pruned'));
    const fresh = join(root, 'fresh-cache');
    build(source, join(root, 'fresh'), ['--cache-dir', fresh]);
    expect(count(cacheDir)).toBe(count(fresh));
    expect(count(cacheDir)).toBeLessThan(stale);
    expect(readFileSync(join(cacheDir, 'stored-since-pruning'), 'utf8')).toBe('0\n');
    expectSameFiles(snapshot(join(root, 'edited')), snapshot(join(root, 'pruned')));
    // A partial build does not know every piece a complete build needs: it keeps those the last
    // complete build used, and drops only what the edits it rendered left behind.
    const kept = ['sessions', 'yaml', 'outputs'].flatMap((area) => entries(cacheDir, area));
    for (let i = 0; i < 3; i++) {
      writeFileSync(edited, text.replace(/^title: .*$/m, `title: 部分构建第${i}次修改`));
      build(source, join(root, 'partial'), ['--only', 'handbook']);
    }
    writeFileSync(edited, text);
    writeFileSync(join(cacheDir, 'stored-since-pruning'), '100000\n');
    build(source, join(root, 'partial'), ['--only', 'handbook']);
    const after = new Set(['sessions', 'yaml', 'outputs'].flatMap((area) => entries(cacheDir, area)));
    expect(kept.filter((entry) => !after.has(entry))).toEqual([]);
    // What is left is what a complete build and then this partial build store in a new cache folder.
    build(source, join(root, 'partial'), ['--only', 'handbook', '--cache-dir', fresh]);
    expect(after.size).toBe(count(fresh));
    expect(readFileSync(join(cacheDir, 'stored-since-pruning'), 'utf8')).toBe('0\n');
  });
});
