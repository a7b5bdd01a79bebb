// A deck written again takes the deflated bytes of its unchanged parts from the previous build's file,
// verified part by part: whatever the previous file holds (the same deck, another deck, garbage, a
// forged entry), the bytes equal those of a deck written from nothing. Across builds the previous
// file is only used when the output folder's record, of this very build of the tool, vouches for it.
import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OutputStage } from '../src/emit/emit.js';
import { newSlide, type Deck, type Slide } from '../src/render/slides/deck-types.js';
import { writePptx } from '../src/render/slides/write-pptx.js';
import { readZip, writeZip, type PartTally } from '../src/render/slides/zip-package.js';
import { LiveBuilder } from '../src/serve/live-builder.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

const DATE = '2026-11-01';
const NOTE = '讲师提示';

/** A slide large enough (several KB of XML) that only the previous file, not the in-process memo of small parts, can spare its deflate. */
function slide(deck: number, i: number, word = '倾听'): Slide {
  const s = newSlide(i === 0 ? 'session' : 'section', `第${deck}课 第${i + 1}页`, ['09:00–10:30']);
  for (let b = 0; b < 10; b++) s.items.push({ kind: 'bullet', level: b % 2, text: `要点 ${deck}.${i}.${b}：先${word}，再复述客户的诉求，最后确认解决方案是否满意。` });
  s.notes.push(`讲师提示 ${deck}.${i}：请学员两人一组练习，每组三分钟。`.repeat(40));
  return s;
}

function deck(n: number, slides = 6, changed?: { slide: number; word: string }): Deck {
  const list = Array.from({ length: slides }, (_, i) => slide(n, i, changed?.slide === i ? changed.word : undefined));
  return { path: `programs/p/slides/day-${n}`, header: `入职培训 · 第${n}天`, footer: '客服中心', lang: 'zh-CN', slides: list };
}

const tally = (): PartTally => ({ reused: 0, deflated: 0 });

/** Parts of `next` that `previous` holds under the same name with the same contents: the most that may be reused. */
function sameParts(previous: Uint8Array, next: Uint8Array): number {
  const before = new Map(readZip(previous).map((e) => [e.name, Buffer.from(e.data)]));
  return readZip(next).filter((e) => !e.dir && e.data.length > 0 && before.get(e.name)?.equals(e.data)).length;
}

/** The bytes of `d` written from nothing, and written with `previous` as the base (with its counters). */
async function both(d: Deck, previous: Uint8Array): Promise<{ fresh: Buffer; based: Buffer; parts: PartTally }> {
  const fresh = Buffer.from(await writePptx(d, NOTE, DATE));
  const parts = tally();
  const based = Buffer.from(await writePptx(d, NOTE, DATE, { previous, tally: parts }));
  expect(based.equals(fresh)).toBe(true);
  return { fresh, based, parts };
}

/** Offsets of the local and central records of entry `name` in a zip written by writeZip. */
function recordsOf(zip: Buffer, name: string): { local: number; central: number } {
  const end = zip.length - 22;
  let at = zip.readUInt32LE(end + 16);
  for (;;) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) return { local: zip.readUInt32LE(at + 42), central: at };
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}

describe('writePptx with the previous file', () => {
  let base: Buffer;
  beforeAll(async () => {
    base = Buffer.from(await writePptx(deck(1), NOTE, DATE));
    // The slides really are beyond the memo of small parts.
    expect(readZip(base).find((e) => e.name === 'ppt/slides/slide2.xml')!.data.length).toBeGreaterThan(4096);
    expect(readZip(base).find((e) => e.name === 'ppt/notesSlides/notesSlide2.xml')!.data.length).toBeGreaterThan(4096);
  });

  it('gives the same bytes for the same deck, reusing every large part', async () => {
    const { fresh, based, parts } = await both(deck(1), base);
    expect(based.equals(fresh)).toBe(true);
    expect(based.equals(base)).toBe(true);
    expect(parts.deflated).toBe(0);
    expect(parts.reused).toBeGreaterThanOrEqual(12); // 6 slides and 6 notes at least
    expect(parts.reused).toBeLessThanOrEqual(sameParts(base, based));
  });

  it('deflates only the changed slide when one slide’s text changed', async () => {
    const { fresh, based, parts } = await both(deck(1, 6, { slide: 3, word: '共情' }), base);
    expect(based.equals(fresh)).toBe(true);
    expect(based.equals(base)).toBe(false);
    expect(parts.deflated).toBe(1);
    expect(parts.reused).toBeGreaterThanOrEqual(11);
    expect(parts.reused).toBeLessThanOrEqual(sameParts(base, based));
    const zip = await JSZip.loadAsync(based, { checkCRC32: true });
    expect(await zip.file('ppt/slides/slide4.xml')!.async('string')).toContain('先共情');
  });

  it('gives the same bytes when a slide was added or removed', async () => {
    for (const count of [7, 5]) {
      const { fresh, based, parts } = await both(deck(1, count), base);
      expect(based.equals(fresh), `${count} slides`).toBe(true);
      expect(parts.reused).toBeGreaterThanOrEqual(10); // 5 slides and 5 notes at least
      expect(parts.reused).toBeLessThanOrEqual(sameParts(base, based));
    }
  });

  it('gives the same bytes from another deck entirely, deflating every slide and note again', async () => {
    const { based, parts } = await both(deck(2), base);
    expect(parts.deflated).toBeGreaterThanOrEqual(12);
    // Only what the two decks share (theme, masters) may be reused.
    expect(parts.reused).toBeLessThanOrEqual(sameParts(base, based));
  });

  it('ignores a previous file that is garbage, truncated or empty', async () => {
    const noise = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256));
    const endless = Buffer.concat([base.subarray(0, base.length - 22), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18, 0xff)]);
    for (const previous of [noise, base.subarray(0, base.length >> 1), base.subarray(0, base.length - 1), base.subarray(200), endless, new Uint8Array(0)]) {
      const { fresh, based, parts } = await both(deck(1, 6, { slide: 2, word: '道歉' }), previous);
      expect(based.equals(fresh)).toBe(true);
      expect(parts.reused).toBe(0);
    }
  });

  it('never reuses an entry whose headers match but whose data inflates to other bytes', async () => {
    const name = 'ppt/slides/slide2.xml';
    const real = readZip(base).find((e) => e.name === name)!.data;
    // Same length, one character changed; headers claim the real part's size and CRC-32.
    const other = Buffer.from(real);
    other[other.indexOf('倾听')] ^= 1;
    const forgedEntries = readZip(base).map((e) => (e.name === name ? { ...e, data: other } : e));
    const forged = Buffer.from(writeZip(forgedEntries, DATE));
    const { local, central } = recordsOf(forged, name);
    forged.writeUInt32LE(crc32(real), local + 14);
    forged.writeUInt32LE(crc32(real), central + 16);
    expect(forged.readUInt32LE(local + 22)).toBe(real.length);
    const { fresh, based, parts } = await both(deck(1), forged);
    expect(based.equals(fresh)).toBe(true);
    expect(parts.deflated).toBe(1);
    // Nor one that inflates to the part followed by bytes the deflate stream does not use.
    const padded = Buffer.from(writeZip(readZip(base).map((e) => (e.name === name ? { ...e, data: Buffer.from('x') } : e)), DATE));
    const tail = deflateRawSync(real);
    const spliced = spliceEntry(padded, name, Buffer.concat([tail, Buffer.from('trailing')]), crc32(real), real.length);
    const again = await both(deck(1), spliced);
    expect(again.based.equals(again.fresh)).toBe(true);
    expect(again.parts.deflated).toBe(1);
  });

  it('deflates a part the previous file stored (method 0), as a build from nothing does', async () => {
    const zip = await JSZip.loadAsync(base);
    const stored = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'STORE' }));
    const { fresh, based, parts } = await both(deck(1), stored);
    expect(based.equals(fresh)).toBe(true);
    expect(parts.reused).toBe(0);
  });
});

/** `zip` with the data of entry `name` replaced by `data` (deflated), its headers claiming `crc` and `size`. */
function spliceEntry(zip: Buffer, name: string, data: Buffer, crc: number, size: number): Buffer {
  const entries = readZip(zip);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  for (const e of entries) {
    const { local, central: c } = recordsOf(zip, e.name);
    const nameLength = zip.readUInt16LE(local + 26);
    const start = local + 30 + nameLength;
    const own = e.name === name;
    const body = own ? data : zip.subarray(start, start + zip.readUInt32LE(local + 18));
    const head = Buffer.from(zip.subarray(local, start));
    const record = Buffer.from(zip.subarray(c, c + 46 + nameLength));
    if (own) {
      head.writeUInt16LE(8, 8);
      record.writeUInt16LE(8, 10);
      for (const [buf, at] of [[head, 14], [record, 16]] as const) {
        buf.writeUInt32LE(crc, at);
        buf.writeUInt32LE(body.length, at + 4);
        buf.writeUInt32LE(size, at + 8);
      }
    }
    record.writeUInt32LE(parts.reduce((s, p) => s + p.length, 0), 42);
    parts.push(head, body);
    central.push(record);
  }
  const offset = parts.reduce((s, p) => s + p.length, 0);
  const tail = Buffer.alloc(22);
  tail.writeUInt32LE(0x06054b50, 0);
  tail.writeUInt16LE(entries.length, 8);
  tail.writeUInt16LE(entries.length, 10);
  tail.writeUInt32LE(central.reduce((s, r) => s + r.length, 0), 12);
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, tail]);
}

describe('the previous file of a staged output', () => {
  it('is given only when recorded by this build of the tool and unchanged since', () => {
    const dir = join(tempDir(), 'dist');
    const cacheDir = join(tempDir(), 'cache');
    const first = new OutputStage(dir, cacheDir);
    first.write({ path: 'a.bin', contents: 'AAA' }, { key: 'k1', uses: [] });
    first.write({ path: 'b.bin', contents: 'BBB' }, { key: 'k2', uses: [] });
    first.write({ path: 'c.bin', contents: 'CCC' });
    first.commit();
    const second = new OutputStage(dir, cacheDir);
    expect(Buffer.from(second.previous('a.bin')!).toString()).toBe('AAA');
    expect(second.previous('c.bin')).toBeUndefined(); // not recorded
    expect(second.previous('missing.bin')).toBeUndefined();
    second.abort();
    const uncached = new OutputStage(dir);
    expect(uncached.previous('a.bin')).toBeUndefined(); // no cache folder, no record
    uncached.abort();
    utimesSync(join(dir, 'a.bin'), new Date(2030, 0, 1), new Date(2030, 0, 1));
    writeFileSync(join(dir, 'b.bin'), 'XYZ');
    const third = new OutputStage(dir, cacheDir);
    expect(third.previous('a.bin')).toBeUndefined();
    expect(third.previous('b.bin')).toBeUndefined();
    third.abort();
  });
});

describe('a rebuild after a one-session edit', () => {
  let source: string;
  let cache: string;
  let out: string;
  const session = () => join(source, 'modules/basics/01-welcome.md');
  const edit = (line: string) => writeFileSync(session(), `${readFileSync(session(), 'utf8')}\n${line}\n`);

  /** Build with the cache; the counters of the slides line. */
  function build(): { written: number; based: number; reused: number; deflated: number } {
    const r = runCli(['build', source, '-o', out, '--cache-dir', cache], { env: { CS_TRAIN_CACHE_STATS: '1' } });
    expect(r.status, r.stderr).toBe(0);
    const m = /slides pptx: (\d+) written, (\d+) with a previous file; parts: (\d+) reused, (\d+) deflated/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const [written, based, reused, deflated] = m!.slice(1).map(Number) as [number, number, number, number];
    return { written, based, reused, deflated };
  }
  const expectFresh = () => {
    const dir = join(tempDir(), 'dist');
    expect(runCli(['build', source, '-o', dir, '--no-cache']).status).toBe(0);
    expect(differences(snapshot(out), snapshot(dir))).toEqual([]);
  };

  beforeAll(() => {
    source = join(tempDir(), 'curricula');
    cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
    cache = join(tempDir(), 'cache');
    out = join(tempDir(), 'dist');
    // A cold build reads no previous file.
    expect(build()).toMatchObject({ written: 3, based: 0, reused: 0 });
  });

  it('reuses the unchanged parts of the edited day’s deck and equals a build from nothing', () => {
    edit('补充：问候之后先确认来电目的，再记录客户编号。');
    const n = build();
    expect(n).toMatchObject({ written: 1, based: 1 });
    expect(n.reused).toBeGreaterThan(10);
    expect(n.deflated).toBeGreaterThanOrEqual(1);
    expect(n.deflated).toBeLessThan(n.reused);
    expectFresh();
  });

  it('ignores a record written by another build of the tool', () => {
    const manifests = join(cache, 'output-manifests');
    const [file] = readdirSync(manifests);
    const record = JSON.parse(readFileSync(join(manifests, file!), 'utf8')) as { tool: string };
    expect(record.tool).toMatch(/^[0-9a-f]{64}$/);
    record.tool = '0'.repeat(64);
    writeFileSync(join(manifests, file!), JSON.stringify(record));
    edit('补充：结束通话前复述一次客户的诉求。');
    expect(build()).toMatchObject({ written: 1, based: 0, reused: 0 });
    expectFresh();
  });
});

describe('serve', () => {
  const saved = { epoch: process.env.SOURCE_DATE_EPOCH, stats: process.env.CS_TRAIN_CACHE_STATS };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [name, value] of [['SOURCE_DATE_EPOCH', saved.epoch], ['CS_TRAIN_CACHE_STATS', saved.stats]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('rebuilds an edited day’s deck from its previous file in the second pass', async () => {
    process.env.SOURCE_DATE_EPOCH = '1793491200';
    process.env.CS_TRAIN_CACHE_STATS = '1';
    const root = tempDir('cs-train-serve-reuse-');
    const source = join(root, 'curricula');
    const site = join(root, 'site');
    cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: never[]) => {
      if (String(chunk).startsWith('slides pptx:')) lines.push(String(chunk).trim());
      else return write(chunk, ...rest);
      return true;
    });
    const builder = new LiveBuilder({ sourceDir: source, outDir: site, cacheDir: join(root, 'cache') }, () => undefined, 0);
    await builder.run();
    const file = join(source, 'modules/basics/01-welcome.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n补充：问候之后先确认来电目的。\n`);
    await builder.run();
    await builder.stop();
    expect(lines[0]).toMatch(/^slides pptx: 3 written, 0 with a previous file; parts: 0 reused/);
    expect(lines.at(-1)).toMatch(/^slides pptx: 1 written, 1 with a previous file; parts: [1-9]\d+ reused, [1-9]\d* deflated$/);
    const fresh = join(tempDir(), 'dist');
    expect(runCli(['build', source, '-o', fresh, '--no-cache']).status).toBe(0);
    expect(differences(snapshot(fresh), snapshot(site))).toEqual([]);
  });
});
