// Cached sessions keep their trees undecoded: a rebuild from the cache takes what the rules, the
// model and the handbook need from each entry's facts, and decodes a tree only when a piece that shows
// the body is rendered again. A damaged entry is still a miss; an entry forged to match its checksum
// whose tree does not decode is parsed again from the text instead of failing the build.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCurriculum } from '../bench/generate.mjs';
import { crc32, encodeEntry, ENTRY_FORMAT, splitEntry } from '../src/cache/entry-codec.js';
import { entryPath, writeEntry } from '../src/cache/entry-files.js';
import { OutputCache } from '../src/cache/output-cache.js';
import { SessionCache } from '../src/cache/session-cache.js';
import { renderAll } from '../src/build.js';
import { compileCurriculum } from '../src/compile.js';
import { Diagnostics } from '../src/diagnostics/diagnostics.js';
import { cacheableParts, parseSessionText } from '../src/load/parse-session.js';
import { lineStartsOf } from '../src/load/source-text.js';
import { bodyFactsOf } from '../src/markdown/body-facts.js';
import { tempDir } from './helpers/cli.js';

const SESSIONS = 12;
const WITHOUT_SLIDES = ['schedule', 'trainers', 'handbook', 'assessments'];

/** Compile with `cache` (none: no cache at all) and render `only` those outputs, with output pieces cached in `memoDir`. */
async function build(source: string, cache: SessionCache | undefined, only: string[], memoDir?: string) {
  const { model, sources, diagnostics } = compileCurriculum(source, source, cache);
  const afterLoad = cache?.stats.treesDecoded ?? 0;
  const files = await renderAll(model, diagnostics, { outDir: join(source, '..', 'dist'), only, pdf: false, memo: new OutputCache(memoDir) });
  return { model, sources, diagnostics: diagnostics.list(), afterLoad, files: new Map(files.map((f) => [f.path, f.contents])) };
}

function sessionEntries(cacheDir: string): string[] {
  const dir = join(cacheDir, 'sessions');
  return readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
}

describe('trees of cached sessions', () => {
  const root = tempDir('cs-train-lazy-');
  const cacheDir = join(root, 'cache');
  let source = '';
  let reference: Awaited<ReturnType<typeof build>>;

  beforeAll(async () => {
    source = generateCurriculum(join(root, 'gen'), SESSIONS).sourceDir;
    reference = await build(source, undefined, WITHOUT_SLIDES);
    const cold = new SessionCache(cacheDir);
    await build(source, cold, WITHOUT_SLIDES, cacheDir);
    expect(cold.stats.stored).toBe(SESSIONS);
  });

  it('are never decoded by a rebuild that does not build slides, which writes the same bytes', async () => {
    const warm = new SessionCache(cacheDir);
    const rebuilt = await build(source, warm, WITHOUT_SLIDES, cacheDir);
    expect(warm.stats.hits).toBe(SESSIONS);
    expect(warm.stats.treesDecoded).toBe(0);
    expect(rebuilt.diagnostics).toEqual(reference.diagnostics);
    expect([...rebuilt.files.keys()]).toEqual([...reference.files.keys()]);
    for (const [path, contents] of reference.files) expect(rebuilt.files.get(path), path).toEqual(contents);
  });

  it('carry facts equal to those of a fresh parse, and decode on each use to the fresh tree, which is not kept', async () => {
    const warm = new SessionCache(cacheDir);
    const { model, afterLoad } = await build(source, warm, ['slides']);
    expect(afterLoad).toBe(0);
    // Slides show every body, so the decks (none cached yet) decode every tree.
    expect(warm.stats.treesDecoded).toBe(SESSIONS);
    for (const session of model.sessions.values()) {
      const fresh = reference.model.sessions.get(session.id)!;
      expect(session.facts, session.id).toEqual(fresh.facts);
      expect(session.mdast, session.id).toEqual(fresh.mdast);
      expect(bodyFactsOf(session.mdast, readFileSync(join(source, session.file), 'utf8')), session.id).toEqual(session.facts);
      // Each read decodes afresh: two reads give equal trees, not the same one.
      expect(session.mdast).not.toBe(session.mdast);
    }
    // Per session: the slides' read, then four reads above.
    expect(warm.stats.treesDecoded).toBe(5 * SESSIONS);
  });

  it('treat an entry whose tree is damaged as a miss, parse the session again and store it again', async () => {
    const [damaged] = sessionEntries(cacheDir);
    const bytes = readFileSync(damaged!);
    const treeStart = bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;
    expect(bytes.subarray(treeStart, treeStart + 14).toString()).toBe('{"type":"root"');
    bytes[treeStart + 3] = 'T'.charCodeAt(0);
    writeFileSync(damaged!, bytes);
    const warm = new SessionCache(cacheDir);
    const rebuilt = await build(source, warm, WITHOUT_SLIDES, cacheDir);
    expect(warm.stats).toMatchObject({ hits: SESSIONS - 1, corrupt: 1, stored: 1, treesDecoded: 0 });
    expect(rebuilt.files).toEqual(reference.files);
    expect(readFileSync(damaged!).subarray(treeStart, treeStart + 14).toString()).toBe('{"type":"root"');
  });

  it('parse a session again when a forged entry passes the checksum but its tree does not decode', async () => {
    const [forged] = sessionEntries(cacheDir);
    const text = readFileSync(forged!, 'utf8');
    const [header, head] = text.split('\n');
    const body = `${head}\n{"type":"root","children":[{"type":"text","position":[1]}]}`;
    const [magic, , key] = header!.split(' ');
    writeFileSync(forged!, `${magic} ${ENTRY_FORMAT} ${key} ${crc32!(body).toString(16)}\n${body}`);
    const warm = new SessionCache(cacheDir);
    const { model, diagnostics } = await build(source, warm, ['slides']);
    expect(diagnostics).toEqual(reference.diagnostics);
    expect(warm.stats).toMatchObject({ hits: SESSIONS, corrupt: 1, treesDecoded: SESSIONS - 1 });
    for (const session of model.sessions.values()) expect(session.mdast, session.id).toEqual(reference.model.sessions.get(session.id)!.mdast);
  });
});

describe('entries from parse workers', () => {
  const root = tempDir('cs-train-fresh-');
  const text = '---\ntitle: 倾听\nduration: 45min\n---\n\n## 要点\n\n- 复述客户的诉求\n- 确认后再回答\n';
  const parse = () => parseSessionText({ abs: '', path: 's.md', text, lineStarts: lineStartsOf(text) }, new Diagnostics());
  const entryOf = (key: string) => new TextEncoder().encode(encodeEntry(key, cacheableParts(parse(), true)!).entry);

  it('give only the head line of an entry the worker wrote, whose tree is read from the cache folder on each use', () => {
    const dir = join(root, 'written');
    const cache = new SessionCache(dir);
    const key = cache.keyOf('content-1');
    const entry = entryOf(key);
    expect(writeEntry(dir, key, entry)).toBe(true);
    cache.accept({ key, head: splitEntry(key, entry)!.head });
    const parts = cache.get(key, () => parse().mdast)!;
    expect(parts.mdast).toEqual(parse().mdast);
    expect(parts.mdast).not.toBe(parts.mdast);
    expect(cache.stats).toMatchObject({ hits: 1, parsedInWorkers: 1, treesDecoded: 3, corrupt: 0 });
    // The bytes were not kept: with the file gone, the tree is parsed again from the text, once.
    rmSync(entryPath(dir, key));
    expect(parts.mdast).toEqual(parse().mdast);
    expect(parts.mdast).toBe(parts.mdast);
    expect(cache.stats).toMatchObject({ treesDecoded: 3, corrupt: 1 });
  });

  it('give the whole entry the worker could not write, whose tree is decoded from memory', () => {
    const cache = new SessionCache(undefined);
    const key = cache.keyOf('content-2');
    cache.accept({ key, entry: entryOf(key) });
    const parts = cache.get(key, () => {
      throw new Error('not parsed again');
    })!;
    expect(parts.mdast).toEqual(parse().mdast);
    expect(cache.stats).toMatchObject({ hits: 1, treesDecoded: 1, corrupt: 0 });
  });
});
