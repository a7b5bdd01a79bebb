// A :::script paragraph as dialogue lines `Speaker: text`. The parser joins lines between CJK
// characters (a soft break there means no space), so the line breaks are taken back from the source.
import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SlideItem } from './deck-types.js';
import { collapse, cutToUnits } from './slide-text.js';

const SPEAKER = /^([^\s:：0-9][^:：]{0,15}?)\s*[:：](?!\/\/)\s*(.*)$/u;

/** Dialogue lines of one paragraph of a script block; a line without a speaker is narration. */
export function scriptLines(paragraph: Paragraph, source: string, max: number): SlideItem[] {
  const starts = lineStarts(source);
  const raw = paragraph.children.map((c) => lineText(c, source, starts)).join('');
  return raw
    .split('\n')
    .map((line) => collapse(line))
    .filter(Boolean)
    .map((line) => {
      const m = SPEAKER.exec(line);
      return m && m[2] ? { kind: 'line' as const, speaker: m[1]!.trim(), text: cutToUnits(m[2], max) } : { kind: 'line' as const, text: cutToUnits(line, max) };
    });
}

/** The text of an inline node with its line breaks: hard breaks, and soft breaks the parser joined. */
function lineText(node: PhrasingContent, source: string, starts: number[]): string {
  if (node.type === 'break') return '\n';
  if (node.type !== 'text' || !node.position) return toString(node, { includeImageAlt: false });
  const offset = (p: { line: number; column: number }) => (starts[p.line - 1] ?? source.length) + p.column - 1;
  const original = source.slice(offset(node.position.start), offset(node.position.end));
  const joined = (t: string) => t.replace(/\n[ \t]*/g, '');
  return joined(original) === joined(node.value) ? original : node.value;
}

/** Offsets where each line starts (node offsets are not file offsets: the front matter is blanked). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
