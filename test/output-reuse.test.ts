// A rebuild takes unchanged files over from the previous output: a file recorded (in the cache
// folder) as made from the same stored piece is linked without reading its entry, and any other file
// whose bytes are unchanged is linked after comparing them. A file changed in the output since, a
// damaged record or a changed piece is never taken over: the output always equals a fresh build.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OutputStage } from '../src/emit/emit.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

let source: string;
let cache: string;
let out: string;

/** Build into `out` with the shared cache; the counters of books and PPTX decks reused/rendered. */
function build(): { books: string; pptx: string } {
  const r = runCli(['build', source, '-o', out, '--cache-dir', cache], { env: { CS_TRAIN_CACHE_STATS: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const count = (kind: string) => new RegExp(`[:,] ${kind} (\\d+/\\d+)`).exec(r.stderr)?.[1] ?? '0/0';
  return { books: count('handbook-book'), pptx: count('slides-pptx') };
}

/** The output a build from nothing gives. */
function fresh(): Map<string, Buffer> {
  const dir = join(tempDir(), 'dist');
  expect(runCli(['build', source, '-o', dir, '--no-cache']).status).toBe(0);
  return snapshot(dir);
}

const ino = (path: string) => statSync(join(out, path)).ino;

/** Empty every entry of rendered pieces: only files taken over unread can then count as reused. */
function emptyOutputEntries(): void {
  const outputs = join(cache, 'outputs');
  for (const d of readdirSync(outputs)) for (const f of readdirSync(join(outputs, d))) writeFileSync(join(outputs, d, f), '');
}
const BOOK = 'roles/agent/handbook.html';

beforeAll(() => {
  source = join(tempDir(), 'curricula');
  cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
  cache = join(tempDir(), 'cache');
  out = join(tempDir(), 'dist');
  expect(build()).toEqual({ books: '0/4', pptx: '0/3' });
});

describe('files taken over from the previous output', () => {
  it('links every book and deck made from the same piece, without reading the cache', () => {
    const before = ino(BOOK);
    emptyOutputEntries();
    expect(build()).toEqual({ books: '4/0', pptx: '3/0' });
    expect(ino(BOOK)).toBe(before);
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('makes a file again when it was changed in the output folder since', () => {
    writeFileSync(join(out, BOOK), `${readFileSync(join(out, BOOK), 'utf8')}<!-- edited by hand -->`);
    expect(build().books).toMatch(/^3\/\d$/);
    expect(readFileSync(join(out, BOOK), 'utf8')).not.toContain('edited by hand');
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('makes a file again when it was changed in place with its size and modification time put back', () => {
    build();
    const path = join(out, BOOK);
    // touch -r keeps the nanoseconds, which utimes would round away.
    const times = join(tempDir(), 'times');
    expect(spawnSync('touch', ['-r', path, times]).status).toBe(0);
    const bytes = readFileSync(path);
    const at = bytes.indexOf('<title>') + 7;
    bytes[at] = bytes[at] === 0x58 ? 0x59 : 0x58; // one byte changed: same size, same inode
    const fd = openSync(path, 'r+');
    writeSync(fd, bytes, at, 1, at);
    closeSync(fd);
    expect(spawnSync('touch', ['-r', times, path]).status).toBe(0);
    const edited = ino(BOOK);
    build();
    expect(ino(BOOK)).not.toBe(edited);
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('ignores a damaged or foreign record', () => {
    const manifests = join(cache, 'output-manifests');
    const [file] = readdirSync(manifests);
    const record = JSON.parse(readFileSync(join(manifests, file!), 'utf8')) as { files: Record<string, [string, string]> };
    // Every file claims to hold another piece: nothing may be taken over unread.
    for (const entry of Object.values(record.files)) entry[0] = '0'.repeat(64);
    writeFileSync(join(manifests, file!), JSON.stringify(record));
    emptyOutputEntries();
    expect(build()).toMatchObject({ books: '0/4', pptx: '0/3' });
    expect(differences(snapshot(out), fresh())).toEqual([]);
    writeFileSync(join(manifests, file!), '{"format": "cs-train-output-manifest 1", "out"');
    emptyOutputEntries();
    expect(build()).toMatchObject({ books: '0/4', pptx: '0/3' });
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('writes the books that print an edited session and links the others', () => {
    const lead = ino('roles/lead/handbook.html');
    const welcome = join(source, 'modules/basics/01-welcome.md');
    writeFileSync(welcome, `${readFileSync(welcome, 'utf8')}\n补充：问候之后先确认来电目的。\n`);
    expect(build()).toMatchObject({ books: '2/2' });
    expect(ino('roles/lead/handbook.html')).toBe(lead);
    expect(readFileSync(join(out, BOOK), 'utf8')).toContain('补充：问候之后先确认来电目的。');
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });
});

describe('the staging folder', () => {
  it('takes a group of files over only when every one is recorded with the piece, and refuses a path twice', () => {
    const dir = join(tempDir(), 'dist');
    const cacheDir = join(tempDir(), 'cache');
    const first = new OutputStage(dir, cacheDir);
    first.write({ path: 'a.txt', contents: 'A' }, { key: 'k1', uses: ['u1'] });
    first.write({ path: 'b.txt', contents: 'B' }, { key: 'k1', uses: ['u1'] });
    first.write({ path: 'c.txt', contents: 'C' });
    first.commit();
    const second = new OutputStage(dir, cacheDir);
    expect(second.reuse(['a.txt', 'c.txt'], 'k1')).toBeUndefined();
    expect(second.reuse(['a.txt'], 'k2')).toBeUndefined();
    expect(second.reuse(['a.txt', 'b.txt'], 'k1')).toEqual({ paths: ['a.txt', 'b.txt'], uses: ['u1'] });
    expect(() => second.write({ path: 'a.txt', contents: 'again' })).toThrow(/same file a\.txt/);
    second.abort();
    // Files kept are never touched: after a stage that was given up, they are still taken over on their stamps.
    const retry = new OutputStage(dir, cacheDir);
    expect(retry.reuse(['a.txt', 'b.txt'], 'k1')).toEqual({ paths: ['a.txt', 'b.txt'], uses: ['u1'] });
    retry.write({ path: 'c.txt', contents: 'C' });
    retry.commit();
    expect({ reused: retry.reused, written: retry.written }).toEqual({ reused: 3, written: [] });
    const third = new OutputStage(dir, cacheDir);
    // Without paths: every file recorded as made from the piece.
    expect(third.reuse(['c.txt'], 'k1')).toBeUndefined();
    expect(third.reuse(undefined, 'k2')).toBeUndefined();
    expect(third.reuse(undefined, 'k1')).toEqual({ paths: ['a.txt', 'b.txt'], uses: ['u1'] });
    third.write({ path: 'c.txt', contents: 'C' });
    third.commit();
    expect(third.reused).toBe(3);
    expect(Object.fromEntries([...snapshot(dir)].filter(([p]) => !p.startsWith('.')).map(([p, b]) => [p, b.toString()]))).toEqual({ 'a.txt': 'A', 'b.txt': 'B', 'c.txt': 'C' });
  });
});
