// A deck as Marp Markdown: front matter (theme, pagination, header, footer, CJK fonts), one `---`
// separated slide per Slide, trainer notes as HTML comments (Marp's presenter notes).
import type { Deck, Slide, SlideItem } from './deck-types.js';
import { escapeInline, noteComment, yamlString } from './markdown-escape.js';
import { MARP_STYLE } from './marp-style.js';
import { timetableSize } from './paginate.js';

/** Marp classes of the slide kinds that are not plain content slides. */
const CLASS_OF: Partial<Record<Slide['kind'], string>> = { day: 'title', session: 'title', break: 'break' };

/** The Marp Markdown text of a deck. */
export function writeMarp(deck: Deck, noteLabel: string): string {
  const front = [
    '---',
    'marp: true',
    'theme: default',
    'size: 16:9',
    'paginate: true',
    `lang: ${deck.lang}`,
    `header: ${yamlString(deck.header)}`,
    ...(deck.footer ? [`footer: ${yamlString(deck.footer)}`] : []),
    'style: |',
    ...MARP_STYLE.split('\n').map((l) => `  ${l}`),
    '---',
  ].join('\n');
  const colon = deck.lang === 'en' ? ':' : '：';
  const slides = deck.slides.map((s) => writeSlide(s, noteLabel, colon));
  return `${front}\n\n${slides.join('\n\n---\n\n')}\n`;
}

function writeSlide(slide: Slide, noteLabel: string, colon: string): string {
  const parts: string[] = [];
  const cls = slide.kind === 'timetable' ? timetableSize(slide).marp : CLASS_OF[slide.kind];
  if (cls) parts.push(`<!-- _class: ${cls} -->`);
  const big = slide.kind === 'day' || slide.kind === 'session' || slide.kind === 'break';
  parts.push(`${big ? '#' : '##'} ${escapeInline(slide.title)}`);
  for (const m of slide.meta) parts.push(`*${escapeInline(m)}*`);
  parts.push(...groupItems(slide.items).map((g) => writeGroup(g, colon)));
  if (slide.notes.length) parts.push(noteComment(noteLabel, slide.notes));
  return parts.join('\n\n');
}

/** Consecutive bullets form one list, consecutive rows of one table one table. */
function groupItems(items: SlideItem[]): SlideItem[][] {
  const groups: SlideItem[][] = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const same = prev && prev.kind === item.kind && (item.kind === 'bullet' || (item.kind === 'row' && prev.kind === 'row' && prev.table === item.table));
    if (same && last) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function writeGroup(group: SlideItem[], colon: string): string {
  const first = group[0]!;
  switch (first.kind) {
    case 'bullet':
      return markdownList(group.filter((i): i is Bullet => i.kind === 'bullet')).join('\n');
    case 'row': {
      const cell = (t: string) => escapeInline(t) || ' ';
      const lines = [`| ${first.header.map(cell).join(' | ')} |`, `|${first.header.map(() => ' --- |').join('')}`];
      for (const r of group) if (r.kind === 'row') lines.push(`| ${r.cells.map(cell).join(' | ')} |`);
      return lines.join('\n');
    }
    case 'subheading':
      return `### ${escapeInline(first.text)}`;
    case 'callout':
      return `> **${escapeInline(first.label + colon)}** ${escapeInline(first.text)}`;
    case 'line':
      return first.speaker ? `**${escapeInline(first.speaker + colon)}** ${escapeInline(first.text)}` : escapeInline(first.text);
    case 'text':
      return escapeInline(first.text);
  }
}

type Bullet = Extract<SlideItem, { kind: 'bullet' }>;

/** The largest number CommonMark reads as a list item's number (nine digits). */
const MAX_LIST_NUMBER = 999_999_999;

/**
 * Bullets as Markdown list lines: an item with a number as an ordered list item (`3. text`, so
 * Marp renders `<ol start="3">`), any other as `- text`, each nested under the item before it at a
 * shallower level. The list starts at column `indent`; `underItem` says the line before it is a list
 * item's text, which a list starting at a number other than 1 may not interrupt.
 */
export function markdownList(items: Bullet[], indent = 0, underItem = false): string[] {
  const lines: string[] = [];
  // By level, for the latest item at that level since the last shallower one: where its text starts,
  // and its number (null: a bullet).
  const content: number[] = [];
  const numbers: (number | null)[] = [];
  let previous = underItem ? -1 : undefined;
  for (const item of items) {
    const level = item.level;
    content.length = Math.min(content.length, level + 1);
    numbers.length = Math.min(numbers.length, level + 1);
    let column = indent;
    for (let l = level - 1; l >= 0; l--) {
      if (content[l] !== undefined) {
        column = content[l]!;
        break;
      }
    }
    const pad = ' '.repeat(column);
    const ordered = item.number !== undefined && item.number <= MAX_LIST_NUMBER;
    const sibling = numbers[level];
    if (ordered && typeof sibling === 'number' && sibling + 1 !== item.number) {
      // A new ordered list right after another: CommonMark would go on numbering the first, so a
      // blank paragraph ends it.
      lines.push('', `${pad}&nbsp;`, '');
    } else if (ordered && item.number !== 1 && sibling === undefined && previous !== undefined && previous < level) {
      // Under its parent item's text, a list not starting at 1 would be read as more of that text.
      lines.push('');
    }
    const marker = ordered ? `${item.number}.` : '-';
    // A number too long for a list item stays in the text (escaped, so it starts no list either).
    const text = item.number !== undefined && !ordered ? `${item.number}. ${item.text}` : item.text;
    lines.push(`${pad}${marker} ${escapeInline(text)}`);
    content[level] = column + marker.length + 1;
    numbers[level] = ordered ? item.number! : null;
    previous = level;
  }
  return lines;
}
