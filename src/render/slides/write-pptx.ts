// A deck as an editable PowerPoint file (16:9): the same slides and speaker notes as the Marp deck,
// a CJK font face on every run of text. pptxgenjs is loaded only when slides are built.
import type PptxModule from 'pptxgenjs';
import type { Deck, Slide, SlideItem } from './deck-types.js';
import { columnShares, itemHeight, slideHeight, tableHeight } from './paginate.js';
import { normalizePptx } from './normalize-pptx.js';

type PptxCtor = typeof PptxModule.default;
type PptxSlide = ReturnType<InstanceType<PptxCtor>['addSlide']>;
type TextRun = PptxModule.default.TextProps;

/** The East Asian font of a deck language; PowerPoint and LibreOffice substitute when it is missing. */
export function pptxFontFor(lang: string): string {
  return lang === 'zh-TW' ? 'Microsoft JhengHei' : 'Microsoft YaHei';
}

const W = 13.333;
const MARGIN = 0.6;
const BODY_BOTTOM = 6.9;
/** Marp's 1280px slide is 13.333in wide: 96px to the inch. */
const PX = 1 / 96;
const GREY = '777777';

/** The bytes of a deck's .pptx, identical for identical input (`date` fixes every timestamp). */
export async function writePptx(deck: Deck, noteLabel: string, date: string): Promise<Uint8Array> {
  const pptx = new (await loadPptxGenJS())();
  const font = pptxFontFor(deck.lang);
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.header;
  // Not `company`: pptxgenjs writes it into docProps/app.xml without escaping.
  pptx.author = deck.footer ?? '';
  pptx.subject = deck.header;
  pptx.theme = { headFontFace: font, bodyFontFace: font };
  const colon = deck.lang === 'en' ? ': ' : '：';
  const run = (text: string, options: TextRun['options'] = {}): TextRun => ({ text, options: { fontFace: font, lang: deck.lang, ...options } });
  for (const s of deck.slides) addSlide(pptx.addSlide(), s, deck, { run, font, colon, noteLabel });
  // Stored, not deflated: the normaliser rewrites some parts and deflates every part once.
  const bytes = (await pptx.write({ outputType: 'nodebuffer', compression: false })) as Uint8Array;
  return normalizePptx(bytes, { date, font, lang: deck.lang });
}

/** The pptxgenjs class; its ESM build exports it as default, its typings as a CommonJS module. */
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
      const h = tableHeight(rows, s.kind === 'timetable' ? 20.8 : 22.1) * PX;
      slide.addTable([head, ...body], {
        x: MARGIN, y, w: W - 2 * MARGIN, colW: columnShares(rows).map((f) => Math.round(f * (W - 2 * MARGIN) * 1000) / 1000), fontFace: st.font, fontSize: s.kind === 'timetable' ? 14 : 16, lang: deck.lang,
        border: { type: 'solid', pt: 0.75, color: 'BBBBBB' }, valign: 'middle', autoPage: false,
      } as PptxModule.default.TableProps);
      y += h + 0.15;
    } else {
      const h = Math.min(BODY_BOTTOM - y, segment.reduce((sum, i) => sum + itemHeight(i), 0) * PX + 0.1);
      slide.addText(segment.flatMap((i) => runsOf(i, st)), {
        x: MARGIN, y, w: W - 2 * MARGIN, h: Math.max(h, 0.4), fontSize: 20, color: '1F2328', valign: 'top', paraSpaceAfter: 4, fit: 'shrink',
      });
      y += h + 0.1;
    }
  }
  if (s.notes.length) slide.addNotes(`${st.noteLabel}\n${s.notes.join('\n\n')}`);
}

/** Items split where a table starts or ends: text boxes and tables alternate. */
function segments(items: SlideItem[]): SlideItem[][] {
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

function runsOf(item: SlideItem, { run, colon }: Style): TextRun[] {
  switch (item.kind) {
    case 'bullet':
      return [run(item.text, { bullet: true, indentLevel: item.level, breakLine: true })];
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
