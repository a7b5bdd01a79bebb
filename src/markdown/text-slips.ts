// Lines of a paragraph that were meant as Markdown structure but are read as text: items numbered or
// bulleted the way Chinese documents and word processors write them ("1、", "（1）", "①", "•"), whose
// lines print run together as one paragraph; headings with no space after their #s ("##接听步骤"),
// which print as text with the #s; and tables typed with full-width bars (｜), which print as one
// paragraph of bars and dashes. The rules warn at them.
import type { Paragraph } from 'mdast';

/**
 * A line start that marks an item but that Markdown does not read as a list marker: a number and
 * 、 or a full-width full stop, a number and "." or ")" followed by text rather than a space (not a
 * decimal such as 1.5), a number in brackets, a circled number, or a bullet character.
 */
const ITEM = /^[ \t]*(?:\d{1,3}(?:[、．]|[.)）](?=[^\s\d]))|[（(]\d{1,3}[)）]|[\u2460-\u2473]|[•●▪◆■○◇►])/;
/** A line that would be a heading but for the space after its #s. */
const BARE_HEADING = /^[ \t]{0,3}(#{1,6})(?=[^\s#])/;
/** A table's delimiter row typed with full-width bars: dashes (and colons) between ｜ only. */
const FULL_WIDTH_DELIMITER = /^[ \t]*｜?(?:[ \t]*:?-+:?[ \t]*｜)+(?:[ \t]*:?-+:?[ \t]*)?$/;
/** Any of them, on any line of a text. */
const ANY_SLIP = new RegExp(`${ITEM.source}|${BARE_HEADING.source}|｜`, 'm');

/** A heading written without the space after its #s: where, and the line as written. */
export interface BareHeading {
  line: number;
  column: number;
  written: string;
}

/** What is wrong with the lines of one paragraph. */
export interface ParagraphSlips {
  /** The item markers, when at least two of its lines start like items. */
  markers?: string[];
  headings: BareHeading[];
  /** Whether it is a table typed with full-width bars: a delimiter row of them, and a row above it. */
  fullWidthTable: boolean;
}

/** Whether any line of `text` may hold a slip: the paragraphs need looking at only then. */
export function mayHaveSlips(text: string): boolean {
  return ANY_SLIP.test(text);
}

/** The slips of a paragraph, read from the file's lines (`lines`): line breaks between CJK characters are gone from the tree. */
export function paragraphSlips(paragraph: Paragraph, lines: readonly string[]): ParagraphSlips {
  const slips: ParagraphSlips = { headings: [], fullWidthTable: false };
  const at = paragraph.position;
  if (!at) return slips;
  const markers: string[] = [];
  for (let n = at.start.line; n <= at.end.line; n++) {
    const offset = n === at.start.line ? at.start.column - 1 : 0;
    const line = (lines[n - 1] ?? '').slice(offset);
    const item = ITEM.exec(line);
    if (item) markers.push(item[0].trim());
    const heading = BARE_HEADING.exec(line);
    if (heading) slips.headings.push({ line: n, column: offset + heading[0].length - heading[1]!.length + 1, written: line.trim() });
    if (n > at.start.line && FULL_WIDTH_DELIMITER.test(line)) slips.fullWidthTable = true;
  }
  if (markers.length >= 2) slips.markers = markers;
  return slips;
}
