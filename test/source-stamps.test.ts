// The stamp record lets a rebuild skip reading and hashing the source files it knows unchanged. It
// must never miss an edit: one that keeps the size and restores the modification time, one saved by
// renaming a new file over the old, one made within the timestamp granularity of the previous load,
// deleted and added files. A damaged record is ignored; a diagnostic in a file that was not read
// again still points at the exact line and column; builds with and without the cache write the same bytes.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCurriculum } from '../bench/generate.mjs';
import { crc32 } from '../src/cache/entry-codec.js';
import { snapshotPath } from '../src/cache/load-snapshot.js';
import { SessionCache } from '../src/cache/session-cache.js';
import { stampRecordPath } from '../src/cache/source-stamps.js';
import { compileCurriculum } from '../src/compile.js';
import { DeferredSourceText } from '../src/load/source-text.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { snapshot } from './helpers/tree.js';

/** A whole second well in the past: restoring it with utimes gives back exactly the same nanoseconds. */
const PAST = Math.floor(Date.now() / 1000) - 3600;

/** Wait until files written now are older than the racy margin (2 s) before the next load starts. */
const settle = () => new Promise((done) => setTimeout(done, 2300));

/** Load `source` with the cache in `cacheDir` as a build does, and keep the stamps for the next load. */
function load(source: string, cacheDir: string) {
  const cache = new SessionCache(cacheDir, source);
  const result = compileCurriculum(source, source, cache);
  cache.saveLoadState();
  const sessions = new Map(result.sources.modules.flatMap((m) => m.sessions.map((s) => [s.slug, s])));
  const diagnostics = result.diagnostics.list();
  return { cache, sessions, diagnostics, result, counts: cache.stamps!.counts };
}

/** Whether a session's text was read in its load (a file known unchanged is not, unless something needed it). */
function wasRead(session: { src: unknown }): boolean {
  return !(session.src instanceof DeferredSourceText) || session.src.loaded;
}

/** The diagnostics of a load without any cache. */
function uncached(source: string) {
  return compileCurriculum(source, source).diagnostics.list();
}

function setPast(path: string): void {
  utimesSync(path, PAST, PAST);
}

/** Replace `from` by `to` in a file, keeping its size and restoring its modification time. */
function editKeepingStamp(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
  setPast(path);
}

/** The stamp record as stored: its start time, and each file's stamp and content key by path. */
function readRecord(file: string): { started: string; files: Record<string, string> } {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
  const files: Record<string, string> = {};
  for (const line of lines.filter(Boolean)) {
    const quote = line.indexOf(' "');
    files[JSON.parse(line.slice(quote + 1)) as string] = line.slice(0, quote);
  }
  return { started: header!.split(' ')[2]!, files };
}

/** Write a record as the tool writes it, checksum included (so only its content says whether to trust it). */
function writeRecord(file: string, started: string, files: Record<string, string>): void {
  const body = Object.entries(files)
    .map(([path, stamp]) => `${stamp} ${JSON.stringify(path)}\n`)
    .join('');
  writeFileSync(file, `cs-train-stamps 2 ${started} ${crc32!(body).toString(16)}\n${body}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sessionFile(title: string, extra = ''): string {
  return `---\ntitle: ${title}\nduration: 45m\ntrainer: wang-fang\ncompetencies: [communication]\n---\n\n正文第一段。${extra}\n`;
}

describe('source stamps', () => {
  const root = tempDir('cs-train-stamps-');
  const source = join(root, 'src');
  const cacheDir = join(root, 'cache');
  const mod = join(source, 'modules', 'communication');
  const file = (name: string) => join(mod, name);
  const record = stampRecordPath(cacheDir, source);
  let sourceFiles = 0;

  beforeAll(async () => {
    cpSync(fixture('valid/minimal'), source, { recursive: true });
    writeFileSync(file('03-warned.md'), sessionFile('有警告的课', '\n\n讲师:wang-fnag。[点这里](javascript:alert(1))\n').replace('trainer: wang-fang', 'trainer: wang-fnag'));
    writeFileSync(file('04-removed.md'), sessionFile('将被删除的课'));
    const moduleYaml = file('module.yaml');
    writeFileSync(moduleYaml, readFileSync(moduleYaml, 'utf8').replace('phone-etiquette]', 'phone-etiquette, warned, removed]'));
    // Scheduled, so that the only warnings are those in the warned session.
    const program = join(source, 'programs/onboarding.yaml');
    writeFileSync(program, `${readFileSync(program, 'utf8')}  - title: 补充课程\n    sessions: [communication/warned, communication/removed]\n`);
    const all = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? all(join(dir, d.name)) : [join(dir, d.name)]));
    for (const path of all(source)) setPast(path);
    sourceFiles = all(source).length;
    // A load trusts only stamps older than the margin before the load that recorded them.
    await settle();
    const first = load(source, cacheDir);
    expect(first.counts).toEqual({ trusted: 0, read: sourceFiles });
  }, 20_000);

  it('trusts unchanged files: a rebuild reads none of them, yet every diagnostic has its exact place', () => {
    const again = load(source, cacheDir);
    expect(again.counts).toEqual({ trusted: sourceFiles, read: 0 });
    expect(again.diagnostics).toEqual(uncached(source));
    // The warnings point into a file that was not read at the start of the load: its text was read
    // for them, and only for them; the other sessions' texts were never read.
    const warned = again.diagnostics.filter((d) => d.file === 'modules/communication/03-warned.md').map((d) => `${d.line}:${d.column} ${d.rule}`);
    expect(warned).toEqual(['4:10 unknown-trainer', '10:14 unsafe-html']);
    expect(wasRead(again.sessions.get('warned')!)).toBe(true);
    for (const slug of ['active-listening', 'phone-etiquette', 'removed']) expect(wasRead(again.sessions.get(slug)!), slug).toBe(false);
    // Front matter and facts came from the load snapshot; no tree was decoded.
    expect(again.cache.stats).toMatchObject({ hits: 4, stored: 0, corrupt: 0, treesDecoded: 0 });
  });

  it('sees edits that keep size and mtime (in place: ctime changes; by rename: inode too), deleted and added files', async () => {
    editKeepingStamp(file('01-active-listening.md'), '有效倾听与反馈', '有效倾听与回应');
    const replaced = readFileSync(file('02-phone-etiquette.md'), 'utf8');
    const title = /^title: (.*)$/m.exec(replaced)![1]!;
    const newTitle = `${title.slice(0, -1)}新`;
    expect(Buffer.byteLength(newTitle)).toBe(Buffer.byteLength(title));
    const before = statSync(file('02-phone-etiquette.md'));
    writeFileSync(file('02.tmp'), replaced.replace(title, newTitle));
    setPast(file('02.tmp'));
    renameSync(file('02.tmp'), file('02-phone-etiquette.md'));
    const after = statSync(file('02-phone-etiquette.md'));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(after.ino).not.toBe(before.ino);
    rmSync(file('04-removed.md'));
    writeFileSync(file('05-added.md'), sessionFile('新增的课'));
    // Older than the racy margin when the next load starts: only the stamps themselves can tell.
    await settle();
    const next = load(source, cacheDir);
    expect(next.sessions.get('active-listening')!.data!.title).toBe('有效倾听与回应');
    expect(next.sessions.get('phone-etiquette')!.data!.title).toBe(newTitle);
    expect(next.sessions.has('removed')).toBe(false);
    expect(next.sessions.get('added')!.data!.title).toBe('新增的课');
    expect(next.counts).toEqual({ trusted: sourceFiles - 3, read: 3 });
    expect(next.diagnostics).toEqual(uncached(source));
    expect(next.diagnostics.map((d) => d.rule)).toContain('unknown-session');
    expect(Object.keys(readRecord(record).files).filter((p) => p.endsWith('.md')).map((p) => p.split('/').pop()).sort()).toEqual([
      '01-active-listening.md',
      '02-phone-etiquette.md',
      '03-warned.md',
      '05-added.md',
    ]);
  }, 20_000);

  it('does not trust a stamp recorded within the racy margin of its load: an edit in the same timestamp tick is seen', () => {
    const path = file('01-active-listening.md');
    const recorded = readFileSync(path, 'utf8');
    editKeepingStamp(path, '有效倾听与回应', '有效倾听与复述');
    // As on a file system with coarse timestamps: the record claims the file's current stamp for
    // the text before the edit, written by a load that started within the margin of that stamp.
    const { started, files } = readRecord(record);
    const stats = statSync(path, { bigint: true });
    const forged = { ...files, [path]: `${stats.dev} ${stats.ino} ${stats.size} ${stats.mtimeNs} ${stats.ctimeNs} ${sha256(recorded)}` };
    writeRecord(record, String(stats.ctimeNs + 1_000_000_000n), forged);
    const racy = load(source, cacheDir);
    expect(racy.sessions.get('active-listening')!.data!.title).toBe('有效倾听与复述');
    expect(racy.counts.read).toBe(1);
    // The control: the same claim from a load that started well after the stamp is trusted, and the
    // text before the edit is what that load sees. The racy rule is what protects the edit above.
    writeRecord(record, String(stats.ctimeNs + 10_000_000_000n), forged);
    expect(load(source, cacheDir).sessions.get('active-listening')!.data!.title).toBe('有效倾听与回应');
    writeRecord(record, started, files);
  });

  it('ignores a damaged, truncated or foreign record and reads every file', async () => {
    await settle();
    const good = readFileSync(record, 'utf8');
    const digit = good.indexOf(' ', good.indexOf('\n') + 1) + 1;
    const damaged = [
      good.slice(0, digit) + String((Number(good[digit]) + 1) % 10) + good.slice(digit + 1),
      good.slice(0, good.length - 40),
      good.replace('cs-train-stamps 2', 'cs-train-stamps 9'),
      'not a record\n{}',
      '',
    ];
    for (const text of damaged) {
      writeFileSync(record, text);
      const fresh = load(source, cacheDir);
      expect(fresh.counts).toEqual({ trusted: 0, read: sourceFiles });
      expect(fresh.diagnostics).toEqual(uncached(source));
      expect(fresh.sessions.get('active-listening')!.data!.title).toBe('有效倾听与复述');
    }
    // The record written by that load is sound again.
    expect(load(source, cacheDir).counts).toEqual({ trusted: sourceFiles, read: 0 });
  }, 20_000);

  it('reads the entries themselves when the load snapshot is damaged, with the same result', () => {
    const file = snapshotPath(cacheDir, source);
    const bytes = Buffer.from(readFileSync(file, 'utf8').replace('"title":"新增的课"', '"title":"新增的题"'));
    expect(bytes.equals(readFileSync(file))).toBe(false);
    writeFileSync(file, bytes);
    const loaded = load(source, cacheDir);
    expect(loaded.sessions.get('added')!.data!.title).toBe('新增的课');
    expect(loaded.cache.stats).toMatchObject({ hits: 4, stored: 0, corrupt: 0 });
    expect(loaded.diagnostics).toEqual(uncached(source));
    // That load wrote a sound snapshot again.
    expect(readFileSync(file).equals(bytes)).toBe(false);
    expect(load(source, cacheDir).cache.stats).toMatchObject({ hits: 4, stored: 0, corrupt: 0 });
  });

  it('reports a file changed during the build after it was found unchanged, without crashing', () => {
    const loaded = load(source, cacheDir);
    const session = loaded.sessions.get('added')!;
    expect(wasRead(session)).toBe(false);
    writeFileSync(file('05-added.md'), sessionFile('加载后才改的课'));
    expect(loaded.result.diagnostics.text(session.src.path)).toContain('加载后才改的课');
    expect(loaded.result.diagnostics.list().filter((d) => d.rule === 'source-changed').map((d) => d.file)).toEqual(['modules/communication/05-added.md']);
    expect(session.mdast.type).toBe('root');
  });
});

describe('builds with the stamp record', () => {
  it('write the same bytes as builds without any cache, after edits and with nothing changed', async () => {
    const root = tempDir('cs-train-stamps-cli-');
    const { sourceDir, editable } = generateCurriculum(join(root, 'gen'), 12);
    const cacheDir = join(root, 'cache');
    await settle();
    const build = (out: string, extra: string[] = []) => {
      const r = runCli(['build', sourceDir, '-o', join(root, out), '--cache-dir', cacheDir, ...extra], { env: { CS_TRAIN_CACHE_STATS: '1' } });
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.status).toBe(0);
      return /^cache .*$/m.exec(r.stderr)?.[0] ?? '';
    };
    build('cold');
    await settle();
    const text = readFileSync(editable, 'utf8');
    const stats = statSync(editable);
    writeFileSync(editable, text.replace(/^title: (.*)$/m, (_, t: string) => `title: ${[...t].reverse().join('')}`));
    utimesSync(editable, stats.atime, stats.mtime);
    await settle();
    expect(build('edited')).toMatch(/source files: \d+ known unchanged by their stamps, 1 read; model built$/);
    expect(build('unchanged')).toMatch(/source files: \d+ known unchanged by their stamps, 0 read; model built$/);
    build('uncached', ['--no-cache']);
    const reference = snapshot(join(root, 'uncached'));
    expect(reference.size).toBeGreaterThan(20);
    for (const name of ['edited', 'unchanged']) {
      const built = snapshot(join(root, name));
      expect([...built.keys()]).toEqual([...reference.keys()]);
      for (const [path, bytes] of reference) expect(built.get(path)?.equals(bytes), `${name}/${path}`).toBe(true);
    }
  }, 120_000);
});
