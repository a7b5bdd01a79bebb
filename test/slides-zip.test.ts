// The PPTX package writer: each part deflated once, fixed dates, entries in order, the same bytes
// whatever thread wrote the deck; and what zip readers (jszip, here; LibreOffice in slides-pptx) see.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { newSlide, type Deck } from '../src/render/slides/deck-types.js';
import { PptxWriters } from '../src/render/slides/pptx-writers.js';
import { writePptx } from '../src/render/slides/write-pptx.js';
import { readZip, writeZip, type ZipEntry } from '../src/render/slides/zip-package.js';
import { ROOT } from './helpers/cli.js';

const text = (s: string) => new TextEncoder().encode(s);

function deck(n: number): Deck {
  const slides = Array.from({ length: 6 }, (_, i) => {
    const s = newSlide(i === 0 ? 'session' : 'section', `第${n}课 第${i + 1}页`, ['09:00–10:30']);
    s.items.push({ kind: 'bullet', level: 0, text: `要点 ${n}.${i}：先倾听，再复述客户的诉求。` });
    s.items.push({ kind: 'row', table: 0, header: ['步骤', '话术'], cells: [`${i + 1}`, '您好，请问有什么可以帮您？'] });
    if (i % 2 === 0) s.notes.push(`讲师提示 ${n}.${i}\n第二行 <不是标签> & 符号`);
    return s;
  });
  return { path: `programs/p/slides/day-${n}`, header: `入职培训 · 第${n}天`, footer: '客服中心', lang: 'zh-CN', slides };
}

describe('writeZip and readZip', () => {
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: text('<Types>'.repeat(200)), dir: false },
    { name: 'ppt/', data: new Uint8Array(0), dir: true },
    { name: 'ppt/empty.xml', data: new Uint8Array(0), dir: false },
    { name: 'ppt/noise.bin', data: Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919 + (i >> 3) * 104729) % 251), dir: false },
    { name: 'ppt/名字.xml', data: text('中文内容'.repeat(50)), dir: false },
  ];

  it('round-trips entries in order and is read by jszip with the date, contents and CRCs intact', async () => {
    const bytes = writeZip(entries, '2026-11-01');
    expect(readZip(bytes).map((e) => [e.name, Buffer.from(e.data).toString('hex'), e.dir])).toEqual(entries.map((e) => [e.name, Buffer.from(e.data).toString('hex'), e.dir]));
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name));
    for (const e of entries) {
      const f = zip.files[e.name]!;
      expect(f.date.toISOString()).toBe('2026-11-01T00:00:00.000Z');
      expect(f.dir).toBe(e.dir);
      if (!e.dir) expect(Buffer.from(await f.async('uint8array')).equals(Buffer.from(e.data))).toBe(true);
    }
    expect(bytes.length).toBeLessThan(entries.reduce((s, e) => s + e.data.length, 0));
  });

  it('gives the same bytes for the same entries and date, other bytes for another date', () => {
    const a = Buffer.from(writeZip(entries, '2026-11-01'));
    expect(a.equals(Buffer.from(writeZip(entries, '2026-11-01')))).toBe(true);
    expect(a.equals(Buffer.from(writeZip(entries, '2026-11-02')))).toBe(false);
  });
});

describe('writePptx', () => {
  it('deflates every part once and gives the same bytes twice', async () => {
    const a = Buffer.from(await writePptx(deck(1), '讲师提示', '2026-11-01'));
    const b = Buffer.from(await writePptx(deck(1), '讲师提示', '2026-11-01'));
    expect(a.equals(b)).toBe(true);
    const zip = await JSZip.loadAsync(a, { checkCRC32: true });
    const notes = await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string');
    expect(notes).toContain('<a:t>讲师提示</a:t>');
    expect(notes).toContain('<a:ea typeface="Microsoft YaHei"/>');
    const slide = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(slide).toContain('第1课 第1页');
    // Deflated, not stored: the XML parts compress well.
    const raw = readZip(a).reduce((s, e) => s + e.data.length, 0);
    expect(a.length).toBeLessThan(raw / 3);
  });
});

describe('PptxWriters', () => {
  const saved = process.env.CS_TRAIN_RENDER_WORKERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.CS_TRAIN_RENDER_WORKERS;
    else process.env.CS_TRAIN_RENDER_WORKERS = saved;
  });

  async function writeAll(workers: string, count = 5): Promise<{ bytes: Buffer[]; writers: PptxWriters }> {
    process.env.CS_TRAIN_RENDER_WORKERS = workers;
    const writers = new PptxWriters();
    const requests = Array.from({ length: count }, (_, i) => writers.request({ deck: deck(i + 1), noteLabel: '讲师提示', date: '2026-11-01' }));
    await writers.finish();
    const bytes = await Promise.all(requests);
    return { bytes: bytes.map((b) => Buffer.from(b)), writers };
  }

  it('writes the same decks in the same order on two worker threads as on this thread', async () => {
    expect(existsSync(join(ROOT, 'lib/render/slides/pptx-worker.js')), 'run `npm run build:tool` first').toBe(true);
    const here = await writeAll('0');
    expect(here.writers.workers).toBe(0);
    const there = await writeAll('2');
    expect(there.writers.workers).toBe(2);
    expect(there.writers.fromWorkers).toBe(5);
    expect(there.bytes.map((b, i) => b.equals(here.bytes[i]!))).toEqual([true, true, true, true, true]);
    expect(new Set(here.bytes.map((b) => b.toString('base64'))).size).toBe(5);
  }, 60_000);

  it('hands each worker several decks at a time and still answers every request with its own deck', async () => {
    // More decks than the two workers hold at once (16 each): some wait in the queue, and answers come back in any order across workers.
    const here = await writeAll('0', 40);
    const there = await writeAll('2', 40);
    expect(there.writers.fromWorkers).toBe(40);
    expect(there.bytes.map((b, i) => b.equals(here.bytes[i]!)).every(Boolean)).toBe(true);
    expect(new Set(there.bytes.map((b) => b.toString('base64'))).size).toBe(40);
  }, 60_000);
});
