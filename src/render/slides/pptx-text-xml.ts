// Text as DrawingML, byte for byte as pptxgenjs 4 writes it (its genXmlTextBody, ported for the
// options our decks use): runs split at line breaks and grouped into paragraphs, paragraph
// properties before the first run of each paragraph, run properties with the deck's font, XML escaping.
// Unlike pptxgenjs, a paragraph of several runs (a script line's bold speaker and its text, a
// callout's label and its text) gets one `<a:pPr>`, not one per run: DrawingML allows a single
// `<a:pPr>` at the start of `<a:p>`, and PowerPoint offers to repair a deck with more.

/** English Metric Units to the inch. */
export const EMU = 914400;
/** pptxgenjs ends the first line of every part (and some other lines) with CRLF. */
export const CRLF = '\r\n';
/** A bullet's hanging indent: pptxgenjs's 27 points in EMU. */
const BULLET_MARGIN = 27 * 12700;
const BULLET_CHAR = '&#x2022;';

/** Text escaped for XML exactly as pptxgenjs escapes it (quotes and apostrophes included). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A length in EMU as pptxgenjs reads a number: inches below 100, EMU from 100 on. */
export function emu(size: number): number {
  if (size < 100) return Math.round(EMU * size);
  return size >= 100 ? size : 0;
}

/** pptxgenjs's inch2Emu: numbers above 100 are taken to be EMU already. */
export function inchToEmu(inches: number): number {
  return inches > 100 ? inches : Math.round(EMU * inches);
}

/** A run of text and the options of it pptxgenjs reads. */
export interface TextRun {
  text: string;
  bold?: boolean;
  /** RRGGBB; the body's colour when unset. */
  color?: string;
  /** A bullet (`true`), or a paragraph PowerPoint numbers itself (1., 2., …) from `startAt` (1 to 32,767). */
  bullet?: boolean | { startAt: number };
  indentLevel?: number;
  /** The paragraph ends after this run. */
  breakLine?: boolean;
}

/** What every run of a text body inherits from its text box or table cell. */
export interface TextStyle {
  lang: string;
  font: string;
  fontSize: number;
  color?: string;
  align?: 'left' | 'center';
  paraSpaceAfter?: number;
}

/** A piece of a run between line breaks; the pieces of one run share its options. */
interface Piece {
  text: string;
  run: TextRun;
}

/** The paragraphs of a text body; `endPara` closes each (`<a:endParaRPr …>`). */
export function paragraphsXml(runs: readonly TextRun[], style: TextStyle, endPara: string): string {
  let xml = '';
  for (const line of paragraphs(pieces(runs), style)) {
    xml += '<a:p>';
    line.forEach(({ text, run }, i) => {
      xml += (i === 0 ? paragraphProps(run, style) : '') + runXml(text, run, style);
    });
    xml += `${endPara}</a:p>`;
  }
  return xml || '<a:p><a:endParaRPr/></a:p>';
}

/** Line breaks (any `\r*\n`) split a run into pieces, each ending its paragraph, unless the run ends with one. */
function pieces(runs: readonly TextRun[]): Piece[] {
  const out: Piece[] = [];
  for (const r of runs) {
    const run = { ...r };
    const text = r.text.replace(/\r*\n/g, CRLF);
    if (text.includes(CRLF) && !/\n$/.test(text)) {
      for (const line of text.split(CRLF)) {
        run.breakLine = true;
        out.push({ text: line, run });
      }
    } else out.push({ text, run });
  }
  return out;
}

/** Pieces grouped into paragraphs: after a line break, and (in boxes without alignment) before a bullet. */
function paragraphs(all: Piece[], style: TextStyle): Piece[][] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  all.forEach((piece, i) => {
    // With alignment, only a change of a run's own alignment would start a paragraph; runs have none.
    if (line.length > 0 && !style.align && piece.run.bullet) {
      lines.push(line);
      line = [];
      piece.run.breakLine = false;
    }
    line.push(piece);
    if (piece.run.breakLine && i + 1 < all.length) {
      lines.push(line);
      line = [];
    }
    if (i + 1 === all.length) lines.push(line);
  });
  return lines;
}

function paragraphProps(run: TextRun, style: TextStyle): string {
  const level = run.indentLevel && run.indentLevel > 0 ? run.indentLevel : 0;
  let xml = '<a:pPr';
  if (style.align === 'left') xml += ' algn="l"';
  else if (style.align === 'center') xml += ' algn="ctr"';
  if (level) xml += ` lvl="${level}"`;
  const after = style.paraSpaceAfter && style.paraSpaceAfter > 0 ? `<a:spcAft><a:spcPts val="${Math.round(style.paraSpaceAfter * 100)}"/></a:spcAft>` : '';
  if (run.bullet) {
    xml += ` marL="${level ? BULLET_MARGIN + BULLET_MARGIN * level : BULLET_MARGIN}" indent="-${BULLET_MARGIN}">`;
    const marker = run.bullet === true ? `<a:buChar char="${BULLET_CHAR}"/>` : `<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="${run.bullet.startAt}"/>`;
    return `${xml}${after}<a:buSzPct val="100000"/>${marker}</a:pPr>`;
  }
  return `${xml} indent="0" marL="0">${after}<a:buNone/></a:pPr>`;
}

function runXml(text: string, run: TextRun, style: TextStyle): string {
  if (!text) return '';
  const color = run.color || style.color;
  let xml = `<a:rPr lang="${style.lang || 'en-US'}"${style.lang ? ' altLang="en-US"' : ''}`;
  if (style.fontSize) xml += ` sz="${Math.round(style.fontSize * 100)}"`;
  if (run.bold) xml += ' b="1"';
  xml += ' dirty="0">';
  if (color) xml += `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
  const f = style.font;
  xml += `<a:latin typeface="${f}" pitchFamily="34" charset="0"/><a:ea typeface="${f}" pitchFamily="34" charset="-122"/><a:cs typeface="${f}" pitchFamily="34" charset="-120"/>`;
  return `<a:r>${xml}</a:rPr><a:t>${escapeXml(text)}</a:t></a:r>`;
}
