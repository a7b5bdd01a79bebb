// The PPTX writer as it was before src/ wrote packages itself: pptxgenjs builds the deck, the
// normaliser fixes its dates and notes font and deflates every part. Kept as the oracle the new
// writer must match byte for byte (test/slides-pptx-oracle.test.ts); pptxgenjs is a dev dependency.
import type PptxModule from 'pptxgenjs';
import type { Deck, Slide, SlideItem } from '../../src/render/slides/deck-types.js';
import { columnShares, itemHeight, PPTX_BODY_PX, slideHeight, tableHeight } from '../../src/render/slides/paginate.js';
import { readZip, writeZip, type ZipEntry } from '../../src/render/slides/zip-package.js';
import { autoNumberStart, segments, tableFont } from '../../src/render/slides/write-pptx.js';

type PptxCtor = typeof PptxModule.default;
type PptxSlide = ReturnType<InstanceType<PptxCtor>['addSlide']>;
type TextRun = PptxModule.default.TextProps;

const W = 13.333;
const MARGIN = 0.6;
const BODY_BOTTOM = 6.9;
const PX = 1 / 96;
const GREY = '777777';

function fontFor(lang: string): string {
  return lang === 'zh-TW' ? 'Microsoft JhengHei' : lang === 'en' ? 'Calibri' : 'Microsoft YaHei';
}

/** The entries of the package pptxgenjs writes for a deck, after normalisation (before zipping). */
export async function pptxgenjsEntries(deck: Deck, noteLabel: string, date: string): Promise<ZipEntry[]> {
  const pptx = new (await loadPptxGenJS())();
  const font = fontFor(deck.lang);
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.header;
  pptx.author = deck.footer ?? '';
  pptx.subject = deck.header;
  pptx.theme = { headFontFace: font, bodyFontFace: font };
  const colon = deck.lang === 'en' ? ': ' : '：';
  const run = (text: string, options: TextRun['options'] = {}): TextRun => ({ text, options: { fontFace: font, lang: deck.lang, ...options } });
  for (const s of deck.slides) addSlide(pptx.addSlide(), s, deck, { run, font, colon, noteLabel });
  const bytes = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Uint8Array;
  return normalizeEntries(readZip(bytes), { date, font, lang: deck.lang });
}

/** The bytes the old writePptx gave for a deck. */
export async function writePptxWithPptxgenjs(deck: Deck, noteLabel: string, date: string): Promise<Uint8Array> {
  return writeZip(await pptxgenjsEntries(deck, noteLabel, date), date);
}

async function loadPptxGenJS(): Promise<PptxCtor> {
  const mod = (await import('pptxgenjs')).default as unknown as PptxCtor & { default?: PptxCtor };
  return mod.default ?? mod;
}

interface Style {
  run(text: string, options?: TextRun['options']): TextRun;
  font: string;
  colon: string;
  noteLabel: string;
}

function addSlide(slide: PptxSlide, s: Slide, deck: Deck, st: Style): void {
  const { run } = st;
  slide.addText([run(deck.header)], { x: 0.4, y: 0.12, w: 10, h: 0.35, fontSize: 11, color: GREY, fontFace: st.font });
  if (deck.footer) slide.addText([run(deck.footer)], { x: 0.4, y: 7.05, w: 10, h: 0.35, fontSize: 11, color: GREY, fontFace: st.font });
  slide.slideNumber = { x: W - 1.1, y: 7.05, w: 0.7, h: 0.35, fontFace: st.font, fontSize: 11, color: GREY, align: 'right' };
  const big = s.kind === 'day' || s.kind === 'session' || s.kind === 'break';
  const centre = s.kind === 'break';
  let y = big ? Math.max(0.8, (7.5 - slideHeight(s) * PX) / 2 - 0.2) : 0.55;
  const titleH = big ? 1.0 : 0.8;
  slide.addText([run(s.title, { bold: true })], {
    x: MARGIN, y, w: W - 2 * MARGIN, h: titleH, fontSize: big ? 34 : 28, color: '224466', valign: 'middle', align: centre ? 'center' : 'left', fit: 'shrink',
  });
  y += titleH + 0.05;
  if (s.meta.length) {
    const h = s.meta.length * 0.38;
    slide.addText(s.meta.map((m) => run(m, { breakLine: true })), { x: MARGIN, y, w: W - 2 * MARGIN, h, fontSize: 16, color: GREY, valign: 'top', align: centre ? 'center' : 'left' });
    y += h + 0.1;
  }
  for (const segment of segments(s.items)) {
    const first = segment[0]!;
    if (first.kind === 'row') {
      const rows = segment.filter((i): i is Extract<SlideItem, { kind: 'row' }> => i.kind === 'row');
      const head = first.header.map((h) => ({ text: h, options: { bold: true, fill: { color: 'EEF3F8' }, lang: deck.lang } }));
      const body = rows.map((r) => r.cells.map((c) => ({ text: c, options: { lang: deck.lang } })));
      const { fontSize, px } = tableFont(s);
      const h = tableHeight(rows, px) * PX;
      slide.addTable([head, ...body], {
        x: MARGIN, y, w: W - 2 * MARGIN, colW: columnShares(rows).map((f) => Math.round(f * (W - 2 * MARGIN) * 1000) / 1000), fontFace: st.font, fontSize, lang: deck.lang,
        border: { type: 'solid', pt: 0.75, color: 'BBBBBB' }, valign: 'middle', autoPage: false,
      } as PptxModule.default.TableProps);
      y += h + 0.15;
    } else {
      const h = Math.min(BODY_BOTTOM - y, segment.reduce((sum, i) => sum + itemHeight(i, PPTX_BODY_PX), 0) * PX + 0.1);
      slide.addText(segment.flatMap((i) => runsOf(i, st)), {
        x: MARGIN, y, w: W - 2 * MARGIN, h: Math.max(h, 0.4), fontSize: 20, color: '1F2328', valign: 'top', paraSpaceAfter: 4, fit: 'shrink',
      });
      y += h + 0.1;
    }
  }
  if (s.notes.length) slide.addNotes(`${st.noteLabel}\n${s.notes.join('\n\n')}`);
}

function runsOf(item: SlideItem, { run, colon }: Style): TextRun[] {
  switch (item.kind) {
    case 'bullet': {
      if (item.number === undefined) return [run(item.text, { bullet: true, indentLevel: item.level, breakLine: true })];
      const startAt = autoNumberStart(item.number);
      if (startAt === undefined) return [run(`${item.number}. ${item.text}`, { indentLevel: item.level, breakLine: true })];
      return [run(item.text, { bullet: { type: 'number', numberStartAt: startAt }, indentLevel: item.level, breakLine: true })];
    }
    case 'subheading':
      return [run(item.text, { bold: true, color: '4488CC', breakLine: true })];
    case 'text':
      return [run(item.text, { breakLine: true })];
    case 'callout':
      return [run(`${item.label}${colon}`, { bold: true, color: '9A6700' }), run(item.text, { breakLine: true })];
    case 'line':
      return item.speaker ? [run(`${item.speaker}${colon}`, { bold: true }), run(item.text, { breakLine: true })] : [run(item.text, { breakLine: true })];
    case 'row':
      return [];
  }
}

// The normaliser (formerly src/render/slides/normalize-pptx.ts): fixed dates, notes in the deck's font,
// one paragraph properties element per paragraph, content types only for parts the package holds.
interface NormalizeOptions {
  date: string;
  font: string;
  lang: string;
}

const NOTES_BODY = /<a:p><a:r><a:rPr lang="en-US" dirty="0"\/><a:t>([\s\S]*?)<\/a:t><\/a:r><a:endParaRPr lang="en-US" dirty="0"\/><\/a:p>/;

function normalizeEntries(entries: ZipEntry[], options: NormalizeOptions): ZipEntry[] {
  const stamp = `${options.date}T00:00:00Z`;
  return entries.map((entry) => {
    if (entry.name === 'docProps/core.xml') {
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`)) };
    }
    if (entry.name === '[Content_Types].xml') {
      // pptxgenjs lists slideMaster1…N (one per slide) but writes only slideMaster1.
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(/<Override PartName="\/ppt\/slideMasters\/slideMaster(\d+)\.xml"[^>]*\/>/g, (m, i: string) => (i === '1' ? m : ''))) };
    }
    if (/^ppt\/slides\/slide\d+\.xml$/.test(entry.name)) {
      // pptxgenjs writes an <a:pPr> before every run of a paragraph; the schema allows one, first.
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(/(<\/a:r>)<a:pPr[^>]*>.*?<\/a:pPr>/g, '$1')) };
    }
    if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(entry.name)) {
      return { ...entry, data: rewrite(entry.data, (xml) => xml.replace(NOTES_BODY, (_, body: string) => notesParagraphs(body, options))) };
    }
    return entry;
  });
}

function rewrite(data: Uint8Array, change: (xml: string) => string): Uint8Array {
  return Buffer.from(change(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')), 'utf8');
}

function notesParagraphs(body: string, { font, lang }: NormalizeOptions): string {
  const rPr = `<a:rPr lang="${lang}" dirty="0"><a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:rPr>`;
  return body
    .split(/\r?\n/)
    .map((line) => (line ? `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r></a:p>` : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`))
    .join('');
}

/** Code units per chunk in which JSZip encodes a file given as a string (its DataWorker's block size). */
const JSZIP_CHUNK = 16 * 1024;

/**
 * A part as pptxgenjs's JSZip stores it: the text is encoded to UTF-8 in chunks of 16,384 UTF-16
 * code units, so a character outside the BMP (an emoji, a CJK Extension B ideograph) that straddles
 * a chunk boundary is stored as two U+FFFD. The new writer encodes each part whole (correctly); the
 * comparison applies JSZip's defect to it before comparing with the oracle.
 */
export function withJszipChunking(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  if (text.length <= JSZIP_CHUNK) return data;
  const chunks: Buffer[] = [];
  for (let at = 0; at < text.length; at += JSZIP_CHUNK) chunks.push(Buffer.from(text.slice(at, at + JSZIP_CHUNK), 'utf8'));
  return Buffer.concat(chunks);
}

/**
 * Where two packages first differ: the entry and a short XML excerpt of each side; undefined when
 * the bytes are equal, or equal once JSZip's chunking defect (above) is applied to the new package.
 */
export function firstDifference(actual: Uint8Array, expected: Uint8Array, date: string): string | undefined {
  if (Buffer.from(actual).equals(Buffer.from(expected))) return undefined;
  const defect = writeZip(readZip(actual).map((entry) => (entry.dir ? entry : { ...entry, data: withJszipChunking(entry.data) })), date);
  if (Buffer.from(defect).equals(Buffer.from(expected))) return undefined;
  const a = readZip(actual);
  const e = readZip(expected);
  if (a.map((x) => x.name).join('\n') !== e.map((x) => x.name).join('\n')) {
    return `entries differ:\n  new: ${a.map((x) => x.name).join(', ')}\n  old: ${e.map((x) => x.name).join(', ')}`;
  }
  for (const [i, entry] of a.entries()) {
    const old = e[i]!;
    if (entry.dir === old.dir && Buffer.from(entry.data).equals(Buffer.from(old.data))) continue;
    const x = Buffer.from(entry.data).toString('utf8');
    const y = Buffer.from(old.data).toString('utf8');
    let at = 0;
    while (at < x.length && x[at] === y[at]) at++;
    const excerpt = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 80));
    return `${entry.name} differs at character ${at}:\n  new: ${excerpt(x)}\n  old: ${excerpt(y)}`;
  }
  return 'same entries, different zip bytes';
}
