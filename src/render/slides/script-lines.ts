// A :::script paragraph as dialogue lines `Speaker: text`. The parser joins lines between CJK
// characters (a soft break there means no space), so the line breaks are taken back from the source.
import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SlideItem } from './deck-types.js';
import { collapse, cutToUnits } from './slide-text.js';

const SPEAKER = /^([^\s:：0-9][^:：]{0,15}?)\s*[:：](?!\/\/)\s*(.*)$/u;

/** Dialogue lines of one paragraph of a script block; a line without a speaker is narration. */
export function scriptLines(paragraph: Paragraph, source: string, max: number): SlideItem[] {
  const raw = paragraph.children.map((c) => lineText(c, source)).join('');
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
function lineText(node: PhrasingContent, source: string): string {
  if (node.type === 'break') return '\n';
  if (node.type !== 'text') return toString(node, { includeImageAlt: false });
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return node.value;
  const original = source.slice(start, end);
  const joined = (t: string) => t.replace(/\n[ \t]*/g, '');
  return joined(original) === joined(node.value) ? original : node.value;
}
