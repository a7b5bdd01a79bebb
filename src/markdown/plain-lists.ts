// Numbered items written the way Chinese documents number them ("1、", "（1）", "①", "1.问候" with no
// space), one per line: Markdown reads them as one paragraph and prints the lines run together, so
// the rules warn where a lead meant a list.
import type { Paragraph } from 'mdast';

/**
 * A line start that numbers an item but that Markdown does not read as a list marker: a number and
 * 、 or a full-width full stop, a number and "." or ")" followed by text rather than a space (not a
 * decimal such as 1.5), a number in brackets, or a circled number.
 */
const MARKER = /^[ \t]*(?:\d{1,3}(?:[、．]|[.)）](?=[^\s\d]))|[（(]\d{1,3}[)）]|[\u2460-\u2473])/;

/** Whether a paragraph's text starts like a numbered item (cheap: its first text only). */
export function startsNumbered(paragraph: Paragraph): boolean {
  const first = paragraph.children[0];
  return first?.type === 'text' && MARKER.test(first.value);
}

/**
 * The markers of a paragraph when at least two of its lines start like numbered items; else
 * undefined. Read from the file's lines (`lines`), since line breaks between CJK characters are
 * gone from the tree.
 */
export function plainListMarkers(paragraph: Paragraph, lines: readonly string[]): string[] | undefined {
  const at = paragraph.position;
  if (!at) return undefined;
  const markers = lines
    .slice(at.start.line - 1, at.end.line)
    .map((line, i) => MARKER.exec(i === 0 ? line.slice(at.start.column - 1) : line)?.[0].trim())
    .filter((marker) => marker !== undefined);
  return markers.length >= 2 ? markers : undefined;
}
