// A deck as an editable PowerPoint file (16:9): the same slides and speaker notes as the Marp deck,
// a CJK font face on every run of text. The layout is decided here; pptx-parts.ts writes the
// package part by part (the bytes pptxgenjs 4 gave, which test/slides-pptx-oracle.test.ts checks).
import type { Deck, Slide, SlideItem } from './deck-types.js';
import { BODY_PX, columnShares, itemHeight, PPTX_BODY_PX, slideHeight, tableHeight, timetableSize } from './paginate.js';
import { pptxEntries } from './pptx-parts.js';
import type { SlideShapes, TableFrame, TextBox } from './pptx-slide-xml.js';
import type { TextRun } from './pptx-text-xml.js';
import { writeZip, type ZipBase } from './zip-package.js';

const W = 13.333;
const MARGIN = 0.6;
const BODY_BOTTOM = 6.9;
/** Marp's 1280px slide is 13.333in wide: 96px to the inch. */
const PX = 1 / 96;
const GREY = '777777';

/**
 * The bytes of a deck's .pptx, identical for identical input (`date` fixes every timestamp), whether
 * or not `base` gives the previous build's file to take unchanged deflated parts from.
 */
export async function writePptx(deck: Deck, noteLabel: string, date: string, base?: ZipBase): Promise<Uint8Array> {
  const font = pptxFont(deck.lang);
  const colon = deck.lang === 'en' ? ': ' : '：';
  const slides = deck.slides.map((s) => slideShapes(s, deck, colon, noteLabel));
  // Not a company: pptxgenjs wrote its own name there, and so does pptx-parts.ts.
  const entries = pptxEntries({ title: deck.header, subject: deck.header, author: deck.footer ?? '', lang: deck.lang, font, slides }, date);
  return writeZip(entries, date, base);
}

/**
 * The face of every run of a deck: a Traditional or Simplified Chinese face for a Chinese deck (its
 * Latin letters included), Office's own Latin face for an English one, whose quotes and dashes a
 * Chinese face would set full-width.
 */
export function pptxFont(lang: string): string {
  return lang === 'zh-TW' ? 'Microsoft JhengHei' : lang === 'en' ? 'Calibri' : 'Microsoft YaHei';
}

function slideShapes(s: Slide, deck: Deck, colon: string, noteLabel: string): SlideShapes {
  const shapes: (TextBox | TableFrame)[] = [];
  const text = (box: Omit<TextBox, 'kind'>) => shapes.push({ kind: 'text', ...box });
  text({ x: 0.4, y: 0.12, w: 10, h: 0.35, fontSize: 11, color: GREY, runs: [{ text: deck.header }] });
  if (deck.footer) text({ x: 0.4, y: 7.05, w: 10, h: 0.35, fontSize: 11, color: GREY, runs: [{ text: deck.footer }] });
  const big = s.kind === 'day' || s.kind === 'session' || s.kind === 'break';
  const align = s.kind === 'break' ? 'center' : 'left';
  let y = big ? Math.max(0.8, (7.5 - slideHeight(s) * PX) / 2 - 0.2) : 0.55;
  const titleH = big ? 1.0 : 0.8;
  text({ x: MARGIN, y, w: W - 2 * MARGIN, h: titleH, fontSize: big ? 34 : 28, color: '224466', valign: 'middle', align, fit: true, runs: [{ text: s.title, bold: true }] });
  y += titleH + 0.05;
  if (s.meta.length) {
    const h = s.meta.length * 0.38;
    text({ x: MARGIN, y, w: W - 2 * MARGIN, h, fontSize: 16, color: GREY, valign: 'top', align, runs: s.meta.map((m) => ({ text: m, breakLine: true })) });
    y += h + 0.1;
  }
  for (const segment of segments(s.items)) {
    const first = segment[0]!;
    if (first.kind === 'row') {
      const rows = segment.filter((i): i is Extract<SlideItem, { kind: 'row' }> => i.kind === 'row');
      const colW = columnShares(rows).map((f) => Math.round(f * (W - 2 * MARGIN) * 1000) / 1000);
      const { fontSize, px } = tableFont(s);
      shapes.push({ kind: 'table', x: MARGIN, y, w: W - 2 * MARGIN, colW, fontSize, header: first.header, rows: rows.map((r) => r.cells) });
      y += tableHeight(rows, px) * PX + 0.15;
    } else {
      const h = Math.min(BODY_BOTTOM - y, segment.reduce((sum, i) => sum + itemHeight(i, PPTX_BODY_PX), 0) * PX + 0.1);
      const runs = segment.flatMap((i) => runsOf(i, colon));
      text({ x: MARGIN, y, w: W - 2 * MARGIN, h: Math.max(h, 0.4), fontSize: 20, color: '1F2328', valign: 'top', paraSpaceAfter: 4, fit: true, runs });
      y += h + 0.1;
    }
  }
  return { shapes, notes: s.notes.length ? `${noteLabel}\n${s.notes.join('\n\n')}` : undefined };
}

/**
 * A table's size on a slide: its PPTX points, and the px of the Marp deck's size its height is
 * estimated at (a timetable as large as it fits, other tables 16pt against Marp's 0.85em).
 */
export function tableFont(s: Slide): { fontSize: number; px: number } {
  if (s.kind !== 'timetable') return { fontSize: 16, px: 22.1 };
  const size = timetableSize(s);
  return { fontSize: size.pt, px: BODY_PX * size.scale };
}

/** Items split where a table starts or ends: text boxes and tables alternate (also the oracle's layout in test/helpers/pptxgenjs-oracle.ts). */
export function segments(items: SlideItem[]): SlideItem[][] {
  const out: SlideItem[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    const together = prev && (prev.kind === 'row') === (item.kind === 'row') && (item.kind !== 'row' || (prev.kind === 'row' && prev.table === item.table));
    if (together && last) last.push(item);
    else out.push([item]);
  }
  return out;
}

/** The largest number PowerPoint's automatic numbering can start at (`a:buAutoNum startAt`). */
const MAX_START_AT = 32_767;

/**
 * Where the automatic numbering of an ordered list's item starts: at the item's own number, so that
 * it shows that number wherever the list was split or interrupted (also the oracle's numbering in
 * test/helpers/pptxgenjs-oracle.ts). Undefined for a number it cannot show (0, or above 32,767):
 * that item keeps its number as text, `0. ` before the words, in an unbulleted paragraph.
 */
export function autoNumberStart(number: number): number | undefined {
  return number >= 1 && number <= MAX_START_AT ? number : undefined;
}

function runsOf(item: SlideItem, colon: string): TextRun[] {
  switch (item.kind) {
    case 'bullet': {
      if (item.number === undefined) return [{ text: item.text, bullet: true, indentLevel: item.level, breakLine: true }];
      const startAt = autoNumberStart(item.number);
      if (startAt === undefined) return [{ text: `${item.number}. ${item.text}`, indentLevel: item.level, breakLine: true }];
      return [{ text: item.text, bullet: { startAt }, indentLevel: item.level, breakLine: true }];
    }
    case 'subheading':
      return [{ text: item.text, bold: true, color: '4488CC', breakLine: true }];
    case 'text':
      return [{ text: item.text, breakLine: true }];
    case 'callout':
      return [{ text: `${item.label}${colon}`, bold: true, color: '9A6700' }, { text: item.text, breakLine: true }];
    case 'line':
      return item.speaker ? [{ text: `${item.speaker}${colon}`, bold: true }, { text: item.text, breakLine: true }] : [{ text: item.text, breakLine: true }];
    case 'row':
      return [];
  }
}
