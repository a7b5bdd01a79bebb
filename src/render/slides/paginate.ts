// Splits a slide that is too full to read onto continuation slides. Heights are estimated from the
// deck's Marp style (marp-style.ts: 1280×720, 26px text); docs/slides.md lists the limits.
import type { Slide, SlideItem } from './deck-types.js';
import { units } from './slide-text.js';

/** How much one slide may hold. */
export interface SlideLimits {
  /** Most points: bullets, paragraphs, dialogue lines, callouts. */
  items: number;
  /** Most table rows. */
  rows: number;
  /** Most text, in CJK-width units (a CJK character 1, a Latin letter ½). */
  units: number;
  /** Most estimated height of title and content, in px of the 1280×720 slide (the content box is 600px). */
  height: number;
}

/** Limits of every slide. */
export const SLIDE_LIMITS: SlideLimits = { items: 7, rows: 10, units: 240, height: 560 };

/** The Marp deck's body text, px of the 1280×720 slide. */
export const BODY_PX = 26;
const BODY = BODY_PX;
const WIDTH = 1136;
const BIG_KINDS = new Set<Slide['kind']>(['day', 'session', 'break']);

/** Lines of `text` in a box `width` px wide at `size` px per CJK character. */
function wrap(text: string, width: number, size: number): number {
  return Math.max(1, Math.ceil(units(text) / Math.floor(width / size)));
}

/** The PPTX deck's body text, 20pt, as px of the 1280×720 slide (96 to the inch): a little wider than Marp's 26px. */
export const PPTX_BODY_PX = (20 * 96) / 72;

/**
 * Estimated height in px of an item that is not a table row. `glyph` is the width of a CJK character
 * where the item is set (Marp's 26px by default; the PPTX deck's is wider, so its lines wrap sooner).
 */
export function itemHeight(item: SlideItem, glyph = BODY): number {
  const line = BODY * 1.5;
  switch (item.kind) {
    case 'bullet':
      return wrap(item.text, WIDTH - 52 * (item.level + 1), glyph) * line + 6;
    case 'subheading':
      return wrap(item.text, WIDTH, glyph) * BODY * 1.25 + 19;
    case 'text':
      return wrap(item.text, WIDTH, glyph) * line + 11;
    case 'callout':
      return wrap(`${item.label}：${item.text}`, WIDTH - 48, glyph) * line + 22;
    case 'line':
      return wrap(`${item.speaker ?? ''}：${item.text}`, WIDTH, glyph) * line + 11;
    case 'row':
      return tableHeight([item], BODY * 0.85);
  }
}

/** Each column's share of a table's width, in proportion to its longest cell (header included). */
export function columnShares(rows: Extract<SlideItem, { kind: 'row' }>[]): number[] {
  const first = rows[0];
  if (!first) return [];
  const all = [first.header, ...rows.map((r) => r.cells)];
  const widest = first.header.map((_, c) => Math.max(2, ...all.map((r) => units(r[c] ?? ''))));
  const total = widest.reduce((s, w) => s + w, 0);
  return widest.map((w) => w / total);
}

/** Estimated height of a table: columns share the width in proportion to their longest cell. */
export function tableHeight(rows: Extract<SlideItem, { kind: 'row' }>[], size: number): number {
  const first = rows[0];
  if (!first) return 0;
  const all = [first.header, ...rows.map((r) => r.cells)];
  const shares = columnShares(rows);
  const total = first.header.reduce((s, _, c) => s + Math.max(2, ...all.map((r) => units(r[c] ?? ''))), 0);
  const room = WIDTH - first.header.length * size * 1.2;
  const widths = shares.map((f) => (total * size <= room ? (f * total + 1) * size : Math.max(size * 2, room * f)));
  const rowHeight = (cells: string[]) => Math.max(...cells.map((c, i) => wrap(c, widths[i]!, size))) * size * 1.5 + size * 0.3 + 1;
  return all.reduce((s, r) => s + rowHeight(r), 0) + 11;
}

/**
 * Sizes of a timetable's text, largest first, as shares of the body text: a day of a few items is
 * set as large as the body, a full one smaller (docs/slides.md). `marp` is the deck's class,
 * `pt` the PPTX deck's size.
 */
export const TIMETABLE_SIZES = [
  { scale: 1, marp: 'timetable large', pt: 18 },
  { scale: 0.9, marp: 'timetable medium', pt: 16 },
  { scale: 0.8, marp: 'timetable', pt: 14 },
] as const;

export type TimetableSize = (typeof TIMETABLE_SIZES)[number];

/** The largest size at which a timetable slide (already paginated) stays within the slide's height. */
export function timetableSize(slide: Slide): TimetableSize {
  return TIMETABLE_SIZES.find((t) => slideHeight(slide, t.scale) <= SLIDE_LIMITS.height) ?? TIMETABLE_SIZES[TIMETABLE_SIZES.length - 1]!;
}

/** Estimated height of a slide's title, meta lines and items; a timetable's text at `timetableScale` of the body's. */
export function slideHeight(slide: Slide, timetableScale = 0.8): number {
  const big = BIG_KINDS.has(slide.kind);
  const titleSize = BODY * (big ? 1.6 : 1.3);
  let h = wrap(slide.title, WIDTH, titleSize) * titleSize * 1.25 + titleSize * 0.7 + 1;
  h += slide.meta.reduce((s, m) => s + wrap(m, WIDTH, BODY * 0.8) * BODY * 1.5 + 11, 0);
  const tableSize = BODY * (slide.kind === 'timetable' ? timetableScale : 0.85);
  for (let i = 0; i < slide.items.length; i++) {
    const item = slide.items[i]!;
    if (item.kind !== 'row') {
      h += itemHeight(item);
      continue;
    }
    const rows = [];
    for (; i < slide.items.length; i++) {
      const r = slide.items[i]!;
      if (r.kind !== 'row' || r.table !== item.table) break;
      rows.push(r);
    }
    i--;
    h += tableHeight(rows, tableSize);
  }
  return h;
}

/** Text on a slide, in CJK-width units. */
export function slideUnits(slide: Slide): number {
  return slide.items.reduce((s, i) => s + units(itemText(i)), 0);
}

/** The words of an item, for measuring and for tests. */
export function itemText(item: SlideItem): string {
  switch (item.kind) {
    case 'row':
      return item.cells.join(' ');
    case 'line':
      return item.speaker ? `${item.speaker} ${item.text}` : item.text;
    case 'callout':
      return `${item.label} ${item.text}`;
    default:
      return item.text;
  }
}

/** How full a slide is, for messages. */
export function slideLoad(slide: Slide): { points: number; rows: number; units: number; height: number } {
  const rows = slide.items.filter((i) => i.kind === 'row').length;
  const points = slide.items.filter((i) => i.kind !== 'row' && i.kind !== 'subheading').length;
  return { points, rows, units: Math.round(slideUnits(slide)), height: Math.round(slideHeight(slide)) };
}

/** Whether a slide keeps within the limits; a timetable, read at a glance for its times, is not held to the text limit. */
function fits(slide: Slide, limits: SlideLimits): boolean {
  const load = slideLoad(slide);
  const text = slide.kind === 'timetable' || load.units <= limits.units;
  return load.points <= limits.items && load.rows <= limits.rows && text && load.height <= limits.height;
}

/**
 * The slide as one or more pages: items move on whole to a next slide titled `<title><continued>`.
 * Notes stay on the first page.
 */
export function paginate(slide: Slide, continued: string, limits: SlideLimits = SLIDE_LIMITS): Slide[] {
  if (fits(slide, limits)) return [slide];
  const pages: Slide[] = [];
  let page: Slide = { ...slide, items: [] };
  for (const item of slide.items) {
    const trial = { ...page, items: [...page.items, item] };
    if (page.items.length > 0 && !fits(trial, limits)) {
      pages.push(page);
      page = { ...slide, title: `${slide.title}${continued}`, items: [item], notes: [] };
    } else {
      page = trial;
    }
  }
  pages.push(page);
  return pages;
}
