// Plain text out of mdast, and the measures used to condense it: CJK-width units, sentences,
// first-sentence outlines. Nothing is ever added to the text except a closing ellipsis when cut.
import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { displayWidth } from './text-width.js';

/** The text of a node on one line, whitespace collapsed. */
export function plainText(node: Nodes): string {
  return collapse(toString(node, { includeImageAlt: false }));
}

/** Collapse runs of whitespace to single spaces and trim. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Display width in CJK units: a CJK character is 1, a Latin letter or digit ½. */
export function units(text: string): number {
  return displayWidth(text) / 2;
}

const SENTENCE_END = /[。！？；!?;]+[”’」』）)]*|\.(?=\s|$)[”’)]*/gu;

/** The text split after each sentence end (。！？; . followed by a space), pieces trimmed. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    const piece = text.slice(last, end).trim();
    if (piece) out.push(piece);
    last = end;
  }
  const rest = text.slice(last).trim();
  if (rest) out.push(rest);
  return out;
}

/** Cut text to at most `max` units, ending with an ellipsis when anything was dropped. */
export function cutToUnits(text: string, max: number): string {
  if (units(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (units(out + ch) > max - 1) break;
    out += ch;
  }
  return withEllipsis(out);
}

/**
 * The text ended by an ellipsis that marks a cut: a comma, semicolon, colon or enumeration comma
 * before it goes (`评价另一方…`, not `评价另一方；…`); the ellipsis stands for what followed it.
 */
function withEllipsis(text: string): string {
  return `${text.trimEnd().replace(/[，,；;：:、]+$/u, '').trimEnd()}…`;
}

/**
 * A paragraph condensed to an outline point: its first sentence (and the next one while the point
 * stays short), cut at `max` units. The words are the author's; only an ellipsis marks a cut.
 */
export function condense(text: string, max: number): string {
  const parts = sentences(text);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length && units(out) < max / 4 && units(out + parts[i]!) <= max; i++) out += joiner(out) + parts[i];
  const cut = cutToUnits(out, max);
  return cut === out && out !== text.trim() && !/[。！？.!?…]$/u.test(out) ? withEllipsis(out) : cut;
}

/** Text broken into chunks of whole sentences, each at most `max` units (a longer sentence is cut). */
export function chunkText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const s of sentences(text)) {
    const piece = cutToUnits(s, max);
    if (current && units(current + piece) > max) {
      chunks.push(current);
      current = '';
    }
    current += joiner(current) + piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** A space between two pieces unless the first ends in CJK (where no space is written). */
function joiner(before: string): string {
  if (!before) return '';
  return /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]$/u.test(before) ? '' : ' ';
}
