// The PowerPoint decks as PowerPoint reads them (opened with jszip): 16:9, the same slides, titles
// and speaker notes as the model and the Marp deck, the locale's font on every run, fixed timestamps.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Slide } from '../src/render/slides/deck-types.js';
import { itemText } from '../src/render/slides/paginate.js';
import { writePptx } from '../src/render/slides/write-pptx.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { buildSlides, expectedSlides, openPptx, xmlTexts, type PptxContent } from './slides-helpers.js';

interface Deck {
  name: string;
  file: string;
  slides: Slide[];
  pptx: PptxContent;
}

const decks: Deck[] = [];

beforeAll(async () => {
  const sources = [fixture('valid/slides-edge'), fixture('valid/slides-en')];
  if (runCli(['check', 'curricula', '--strict']).status === 0) sources.push('curricula');
  for (const source of sources) {
    const build = buildSlides(source);
    const expected = await expectedSlides(source);
    for (const md of build.decks) {
      const file = join(build.out, md.replace(/\.md$/, '.pptx'));
      decks.push({ name: `${source} ${md}`, file, slides: expected.get(md)!, pptx: await openPptx(readFileSync(file)) });
    }
  }
}, 240_000);

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));

const runs = (xml: string) => [...xml.matchAll(/<a:r>([\s\S]*?)<\/a:r>/g)].map((m) => m[1]!);

describe('PPTX decks', () => {
  it('are 16:9 with one slide per slide of the Marp deck, titled alike, in order', () => {
    expect(decks.length).toBeGreaterThanOrEqual(4);
    for (const d of decks) {
      expect(d.pptx.presentation, d.name).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
      expect(d.pptx.slides.length, d.name).toBe(d.slides.length);
      d.slides.forEach((s, i) => {
        const texts = xmlTexts(d.pptx.slides[i]!);
        expect(texts.slice(1, 3), `${d.name} slide ${i + 1}: the title follows the header (and footer)`).toContain(s.title);
        for (const item of s.items) expect(texts.join('\n'), `${d.name} slide ${i + 1}`).toContain(itemText(item).split(' ').pop()!);
      });
    }
  });

  it('carry the trainer notes as speaker notes on the same slides', () => {
    for (const d of decks) {
      d.slides.forEach((s, i) => {
        const notes = d.pptx.notes[i] ? xmlTexts(d.pptx.notes[i]!).join('\n') : '';
        if (s.notes.length === 0) expect(notes, `${d.name} slide ${i + 1}`).not.toMatch(/[\p{Script=Han}a-z]/u);
        for (const n of s.notes) expect(notes, `${d.name} slide ${i + 1}`).toContain(n.split('\n')[0]!);
      });
    }
    const edge = decks.find((d) => d.name.endsWith('onboarding/slides/day-01.md'))!;
    expect(xmlTexts(edge.pptx.notes[3]!)).toEqual(['讲师提示', 'header: hacked paginate: false', '注释结束符 --> 也只是文字，<!-- 开头也一样。', '4']);
  });

  it('set the locale’s font face (CJK for Chinese, Latin for English) and the curriculum language on every run of text, notes included', () => {
    for (const d of decks) {
      const font = d.name.includes('slides-en') ? 'Calibri' : 'Microsoft YaHei';
      const all = [...d.pptx.slides, ...d.pptx.notes.filter((n): n is string => n !== undefined)];
      for (const xml of all) {
        for (const r of runs(xml)) {
          expect(r, d.name).toContain(`<a:ea typeface="${font}"`);
          expect(r, d.name).toContain(`<a:latin typeface="${font}"`);
          expect(r, d.name).toMatch(/lang="(zh-CN|en)"/);
        }
      }
    }
  });

  it('give each paragraph at most one <a:pPr>, before its runs, as the DrawingML schema requires (PowerPoint repairs a deck otherwise)', () => {
    let multiRun = 0;
    for (const d of decks) {
      d.pptx.slides.forEach((xml, i) => {
        for (const [, body] of xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)) {
          const props = body!.match(/<a:pPr[\s>]/g) ?? [];
          expect(props.length, `${d.name} slide ${i + 1}: ${body}`).toBeLessThanOrEqual(1);
          if (props.length) expect(body, `${d.name} slide ${i + 1}`).toMatch(/^<a:pPr[\s>]/);
          if ((body!.match(/<a:r>/g) ?? []).length > 1) multiRun++;
        }
      });
    }
    // Script lines (bold speaker, then text) and callouts (bold label, then text) are such paragraphs.
    expect(multiRun).toBeGreaterThan(0);
  });

  it('declare content types only for parts the package holds (PowerPoint repairs a package naming missing parts)', async () => {
    for (const d of decks) {
      const types = await d.pptx.zip.file('[Content_Types].xml')!.async('string');
      const named = [...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1]!);
      expect(named, d.name).toContain('ppt/slideMasters/slideMaster1.xml');
      expect(named.filter((part) => !d.pptx.zip.file(part)), d.name).toEqual([]);
    }
  });

  it('size a text box by the PPTX’s own 20pt glyphs: a point that wraps there gets the height of its two lines, so a table below it is not overlapped', async () => {
    // A paragraph of 43 CJK characters: one line at Marp's 26px (43 fit), two at the PPTX's 20pt (42 fit).
    const point = '在联络单上写清客户的原话诉求、已做过的处理和期望回复时间，抄送组长确认后再发给相关部门';
    expect([...point].length).toBe(43);
    const deck = {
      path: 'x/day-01', header: 'h', lang: 'zh-CN',
      slides: [{ kind: 'activity' as const, title: '填一张联络单', meta: [], notes: [], items: [
        { kind: 'text' as const, text: point },
        { kind: 'row' as const, table: 0, header: ['栏目', '要点'], cells: ['诉求', '客户原话'] },
      ] }],
    };
    const { slides } = await openPptx(await writePptx(deck, '讲师备注', '2027-03-01'));
    const boxes = [...slides[0]!.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).filter((sp) => sp.includes(point));
    expect(boxes).toHaveLength(1);
    const [, y, , h] = /<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(boxes[0]!)!.slice(1).map(Number);
    // Two lines of 20pt at single spacing (1.2 × 20pt) plus the box's 0.05in top and bottom insets, in EMU (914400 an inch).
    expect(h).toBeGreaterThanOrEqual(Math.round(((2 * 1.2 * 20) / 72 + 0.1) * 914400));
    const table = /<p:graphicFrame>[\s\S]*?<a:off x="\d+" y="(\d+)"\/>/.exec(slides[0]!)!;
    expect(Number(table[1])).toBeGreaterThanOrEqual(y! + h!);
  });

  it('set each timetable as large as its Marp twin: 18pt where the Marp deck says `timetable large`, 16pt for `medium`, 14pt else', () => {
    const PT = { 'timetable large': 1800, 'timetable medium': 1600, timetable: 1400 } as Record<string, number>;
    const seen = new Set<number>();
    for (const d of decks) {
      const classes = [...readFileSync(d.file.replace(/\.pptx$/, '.md'), 'utf8').matchAll(/<!-- _class: (timetable[a-z ]*) -->/g)].map((m) => m[1]!);
      const tables = d.slides.flatMap((s, i) => (s.kind === 'timetable' ? [d.pptx.slides[i]!] : []));
      expect(tables.length, d.name).toBe(classes.length);
      tables.forEach((xml, i) => {
        const frame = /<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/.exec(xml)![0];
        const sizes = new Set([...frame.matchAll(/<a:rPr[^>]* sz="(\d+)"/g)].map((m) => Number(m[1])));
        expect([...sizes], `${d.name} timetable ${i + 1}`).toEqual([PT[classes[i]!]]);
        seen.add(PT[classes[i]!]!);
      });
    }
    // The sample's days are short enough for the largest.
    expect(seen.has(1800)).toBe(true);
  });

  it('stamp the edition date, not the clock, into the package', async () => {
    const { zip } = decks[0]!.pptx;
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-01T00:00:00Z</dcterms:modified>');
    const dates = new Set(Object.values(zip.files).map((f) => f.date.toISOString()));
    expect(dates).toEqual(new Set(['2026-11-01T00:00:00.000Z']));
  });

  it.skipIf(!SOFFICE)('open in LibreOffice Impress, one page per slide, each with its title and meta lines', () => {
    const picked = decks.filter((d) => !d.name.startsWith('curricula')).concat(decks.filter((d) => d.name.startsWith('curricula')).slice(0, 1));
    const out = tempDir('cs-train-soffice-');
    const copies = picked.map((d, i) => {
      const copy = join(out, `deck-${i}.pptx`);
      execFileSync('cp', [d.file, copy]);
      return copy;
    });
    execFileSync(SOFFICE!, [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...copies], { stdio: 'ignore', timeout: 180_000 });
    picked.forEach((d, i) => {
      const pdf = join(out, `deck-${i}.pdf`);
      expect(existsSync(pdf), d.name).toBe(true);
      const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1];
      expect(Number(pages), d.name).toBe(d.slides.length);
      // pdftotext ends each page with a form feed: page i shows slide i's title and meta lines.
      const pageTexts = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f').map((t) => t.replace(/\s+/g, ''));
      d.slides.forEach((slide, j) => {
        for (const line of [slide.title, ...slide.meta]) expect(pageTexts[j], `${d.name} slide ${j + 1}`).toContain(line.replace(/\s+/g, ''));
      });
    });
  }, 240_000);
});
