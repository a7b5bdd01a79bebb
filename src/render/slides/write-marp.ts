// A deck as Marp Markdown: front matter (theme, pagination, header, footer, CJK fonts), one `---`
// separated slide per Slide, trainer notes as HTML comments (Marp's presenter notes).
import type { Deck, Slide, SlideItem } from './deck-types.js';
import { escapeInline, noteComment, yamlString } from './markdown-escape.js';
import { MARP_STYLE } from './marp-style.js';

/** Marp classes of the slide kinds that are not plain content slides. */
const CLASS_OF: Partial<Record<Slide['kind'], string>> = { day: 'title', session: 'title', break: 'break', timetable: 'timetable' };

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
  const cls = CLASS_OF[slide.kind];
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
      return group.map((i) => `${'  '.repeat(i.kind === 'bullet' ? i.level : 0)}- ${escapeInline(i.kind === 'bullet' ? i.text : '')}`).join('\n');
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
