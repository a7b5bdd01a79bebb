// The PPTX writer's deflate (src/render/slides/deflate.ts, adapted from fflate to keep its work arrays
// between calls) must give fflate's bytes exactly: decks written before and after, on any thread,
// are the same files. Compared with fflate itself on text, binary, repetitive and random inputs of
// every size class, called in an order that leaves the kept arrays dirty, and on the parts of a real deck.
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflateRaw } from '../src/render/slides/deflate.js';
import { newSlide, type Deck } from '../src/render/slides/deck-types.js';
import { writePptx } from '../src/render/slides/write-pptx.js';
import { readZip } from '../src/render/slides/zip-package.js';

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encode = (s: string) => new TextEncoder().encode(s);

function inputs(): [string, Uint8Array][] {
  const next = random(20261123);
  const out: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', new Uint8Array([65])],
    ['two bytes', new Uint8Array([65, 66])],
    ['three equal bytes', new Uint8Array([7, 7, 7])],
    ['zeros, 100 KB', new Uint8Array(100_000)],
    ['one byte repeated, 70 KB', new Uint8Array(70_000).fill(0x61)],
  ];
  const phrases = ['<a:p><a:r><a:rPr lang="zh-CN"/><a:t>', '先倾听，再复述客户的诉求。', '</a:t></a:r></a:p>', '投诉处理', ' & ', '<p:sp>', '质检评分 95 分'];
  for (const size of [10, 100, 1_000, 2_900, 3_000, 7_001, 20_000, 65_536, 163_000, 300_000]) {
    const random8 = new Uint8Array(size);
    for (let i = 0; i < size; i++) random8[i] = Math.floor(next() * 256);
    out.push([`random bytes, ${size}`, random8]);
    const small = new Uint8Array(size);
    for (let i = 0; i < size; i++) small[i] = 97 + Math.floor(next() * 4);
    out.push([`four letters, ${size}`, small]);
    let xml = '';
    while (xml.length < size) xml += phrases[Math.floor(next() * phrases.length)]!;
    out.push([`slide-like XML, ${size}`, encode(xml)]);
  }
  return out;
}

describe('deflateRaw', () => {
  it('gives the bytes of fflate deflateSync at level 6, whatever was deflated before', () => {
    const all = inputs();
    // Forwards, then backwards: every input follows both a larger and a smaller one.
    for (const [name, data] of [...all, ...all.slice().reverse()]) {
      const ours = deflateRaw(data);
      expect(Buffer.from(ours).equals(Buffer.from(deflateSync(data, { level: 6 }))), name).toBe(true);
      expect(Buffer.from(inflateSync(ours)).equals(Buffer.from(data)), name).toBe(true);
    }
  });

  it('gives fflate\'s bytes over a long run of small, similar parts (as a deck\'s slides are)', () => {
    const next = random(7);
    const words = ['客户', '投诉', '<a:t>', '</a:t>', '倾听', 'ab', 'ba', 'abc', '质检', ' ', '\n', '95'];
    for (let n = 0; n < 400; n++) {
      let text = '';
      const size = 20 + Math.floor(next() * 6000);
      while (text.length < size) text += words[Math.floor(next() * words.length)]!;
      const data = encode(text);
      expect(Buffer.from(deflateRaw(data)).equals(Buffer.from(deflateSync(data, { level: 6 }))), `part ${n}`).toBe(true);
    }
  });

  it('returns bytes of its own, not a view of its work buffer', () => {
    const first = deflateRaw(encode('客服中心'.repeat(500)));
    const copy = Buffer.from(first);
    deflateRaw(encode('another part entirely'.repeat(300)));
    expect(Buffer.from(first).equals(copy)).toBe(true);
    expect(first.byteOffset).toBe(0);
    expect(first.buffer.byteLength).toBe(first.byteLength);
  });

  it('deflates every part of a written deck as fflate does', async () => {
    const slides = Array.from({ length: 12 }, (_, i) => {
      const s = newSlide(i === 0 ? 'session' : 'section', `第${i + 1}页 处理客户投诉`, ['09:00–10:30']);
      for (let j = 0; j < 5; j++) s.items.push({ kind: 'bullet', level: j % 2, text: `要点 ${i}.${j}：先倾听，再复述客户的诉求，最后确认解决方案。` });
      s.notes.push(`讲师提示 ${i}：请学员两人一组练习。`);
      return s;
    });
    const deck: Deck = { path: 'programs/p/slides/day-1', header: '入职培训 · 第1天', footer: '客服中心', lang: 'zh-CN', slides };
    const parts = readZip(await writePptx(deck, '讲师备注', '2027-03-01')).filter((e) => !e.dir && e.data.length > 0);
    expect(parts.length).toBeGreaterThan(20);
    for (const part of parts) expect(Buffer.from(deflateRaw(part.data)).equals(Buffer.from(deflateSync(part.data, { level: 6 }))), part.name).toBe(true);
  });
});
