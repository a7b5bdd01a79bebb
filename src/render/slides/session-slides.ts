// Slides of one session body, built from its mdast: one slide per `##` section (points as
// bullets, paragraphs condensed to an outline), a slide per :::activity, :::script and :::homework,
// and :::trainer blocks as speaker notes on the slide where they stand.
import type { ContainerDirective } from 'mdast-util-directive';
import type { Nodes, RootContent } from 'mdast';
import type { Place } from '../../diagnostics/diagnostics.js';
import type { Labels } from '../../i18n/labels.js';
import type { Session } from '../../model/types.js';
import { newSlide, type Slide, type SlideItem } from './deck-types.js';
import { scriptLines } from './script-lines.js';
import { chunkText, condense, cutToUnits, plainText } from './slide-text.js';

/** Most units of a list point before it is condensed. */
export const POINT_MAX = 110;
/** Most units of a paragraph condensed to an outline point. */
export const OUTLINE_MAX = 80;

/** The 1-based place of a node in its file. */
export function placeOf(node: { position?: Nodes['position'] }): Place {
  const p = node.position;
  if (!p) return { line: 1, column: 1 };
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** The body slides of a session; notes standing before any content go to `titleSlide`. */
export function buildSessionSlides(session: Session, labels: Labels, source: string, titleSlide: Slide): Slide[] {
  const out: Slide[] = [];
  const ctx: Walk = { labels, source, file: session.file, tables: 0 };
  let section: Slide | undefined;
  let current = titleSlide;
  for (const node of session.mdast.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      section = newSlide('section', plainText(node), [], { file: session.file, place: placeOf(node) });
      out.push(section);
      current = section;
      continue;
    }
    if (node.type === 'containerDirective' && node.name === 'trainer') {
      current.notes.push(noteText(node));
      continue;
    }
    if (node.type === 'containerDirective' && (node.name === 'activity' || node.name === 'script' || node.name === 'homework')) {
      current = blockSlide(node, ctx);
      out.push(current);
      continue;
    }
    const notes: string[] = [];
    const items = outlineItems(node, 0, ctx, notes);
    if (items.length === 0 && notes.length === 0) continue;
    if (!section) {
      section = newSlide('section', session.title, [], { file: session.file, place: placeOf(node) });
      out.push(section);
    }
    section.items.push(...items);
    section.notes.push(...notes);
    current = section;
  }
  return out;
}

interface Walk {
  labels: Labels;
  source: string;
  file: string;
  /** Counter giving every table its own id, so adjacent tables stay apart. */
  tables: number;
}

/** Items of a section: lists as bullets, paragraphs condensed, small tables kept as rows. */
function outlineItems(node: RootContent, level: number, ctx: Walk, notes: string[]): SlideItem[] {
  switch (node.type) {
    case 'paragraph': {
      const text = plainText(node);
      return text ? [{ kind: 'bullet', text: condense(text, OUTLINE_MAX), level }] : [];
    }
    case 'heading':
      return [{ kind: 'subheading', text: cutToUnits(plainText(node), OUTLINE_MAX) }];
    case 'list':
      return listBullets(node, level, (text) => condense(text, POINT_MAX), (c, inner) => outlineItems(c, inner, ctx, notes));
    case 'blockquote':
      return node.children.flatMap((c) => outlineItems(c, level, ctx, notes));
    case 'table':
      return tableRows(node, ctx);
    case 'code':
      return node.value.split('\n').filter((l) => l.trim()).map((l) => ({ kind: 'text' as const, text: cutToUnits(l.trim(), OUTLINE_MAX) }));
    case 'containerDirective':
      return directiveItems(node, level, ctx, notes);
    default:
      return [];
  }
}

function directiveItems(node: ContainerDirective, level: number, ctx: Walk, notes: string[]): SlideItem[] {
  if (node.name === 'trainer') {
    notes.push(noteText(node));
    return [];
  }
  const body = node.children.filter((c) => !isLabel(c));
  if (node.name === 'tip' || node.name === 'warning') {
    const inner: string[] = [];
    const text = body.flatMap((c) => outlineItems(c, 0, ctx, inner)).map(lineText).filter(Boolean).join(' ');
    notes.push(...inner);
    return text ? [{ kind: 'callout', label: ctx.labels[node.name], text: condense(text, OUTLINE_MAX) }] : [];
  }
  return body.flatMap((c) => outlineItems(c, level, ctx, notes));
}

type ListNode = Extract<RootContent, { type: 'list' }>;
type ListItemNode = ListNode['children'][number];

/**
 * A list's items as bullets at `level`, each item's own text on one line (`shorten`ed) and an ordered
 * list's number kept apart from it, followed by its nested lists and blocks one level in (`nested`).
 */
function listBullets(list: ListNode, level: number, shorten: (text: string) => string, nested: (node: RootContent, level: number) => SlideItem[]): SlideItem[] {
  return list.children.flatMap((li, i) => {
    const own = li.children.filter((c) => c.type !== 'list' && c.type !== 'containerDirective');
    const text = own.map((c) => plainText(c)).filter(Boolean).join(' ');
    const inner = li.children.flatMap((c) => (c.type === 'list' || c.type === 'containerDirective' ? nested(c, Math.min(level + 1, 2)) : []));
    if (!text) return inner;
    const item: SlideItem = list.ordered ? { kind: 'bullet', text: shorten(text), level, number: (list.start ?? 1) + i } : { kind: 'bullet', text: shorten(text), level };
    return [item, ...inner];
  });
}

/** An item's words on one line, as a callout holds them: an ordered item with its number, a table row's cells. */
function lineText(item: SlideItem): string {
  if (item.kind === 'bullet') return item.number === undefined ? item.text : `${item.number}. ${item.text}`;
  if (item.kind === 'row') return item.cells.filter(Boolean).join(' | ');
  return item.text;
}

/** A slide of its own for an activity (title, minutes, instructions), a script or homework. */
function blockSlide(node: ContainerDirective, ctx: Walk): Slide {
  const { labels } = ctx;
  const label = node.children.find(isLabel);
  const title = node.attributes?.title || (label ? plainText(label) : '') || labels[node.name as 'activity' | 'script' | 'homework'];
  const kind = node.name as 'activity' | 'script' | 'homework';
  const parts = title === labels[kind] ? [] : [labels[kind]];
  if (kind === 'activity' && node.attributes?.minutes) parts.push(`${node.attributes.minutes} ${labels.minutes}`);
  const slide = newSlide(kind, cutToUnits(title, OUTLINE_MAX), parts.length ? [parts.join(' · ')] : [], { file: ctx.file, place: placeOf(node) });
  slide.outline = node.children.flatMap((c) => (isLabel(c) ? [] : wholeItems(c, 0, ctx)));
  for (const child of node.children) {
    if (isLabel(child)) continue;
    if (child.type === 'containerDirective' && child.name === 'trainer') slide.notes.push(noteText(child));
    else if (kind === 'script' && child.type === 'paragraph') slide.items.push(...scriptLines(child, ctx.source, POINT_MAX));
    else slide.items.push(...instructionItems(child, ctx, slide.notes));
  }
  return slide;
}

/** Instructions keep their words: paragraphs are split at sentence ends rather than condensed. */
function instructionItems(node: RootContent, ctx: Walk, notes: string[]): SlideItem[] {
  if (node.type === 'paragraph') return chunkText(plainText(node), POINT_MAX).map((text) => ({ kind: 'text' as const, text }));
  return outlineItems(node, 0, ctx, notes);
}

/**
 * A block's text for the trainer outline: every paragraph and list item whole on one line (ordered
 * items numbered, nested lists one level in), a table row per line, a tip or warning as a labelled
 * line; trainer notes are left to the notes.
 */
function wholeItems(node: RootContent, level: number, ctx: Walk): SlideItem[] {
  switch (node.type) {
    case 'list':
      return listBullets(node, level, (text) => text, (c, inner) => wholeItems(c, inner, ctx));
    case 'blockquote':
      return node.children.flatMap((c) => wholeItems(c, level, ctx));
    case 'table':
      return node.children.flatMap((row) => {
        const text = row.children.map((c) => plainText(c)).filter(Boolean).join(' | ');
        return text ? [{ kind: 'bullet' as const, text, level }] : [];
      });
    case 'containerDirective': {
      if (node.name === 'trainer') return [];
      const body = node.children.filter((c) => !isLabel(c));
      if (node.name !== 'tip' && node.name !== 'warning') return body.flatMap((c) => wholeItems(c, level, ctx));
      const text = body.flatMap((c) => wholeItems(c, 0, ctx)).map(lineText).join(' ');
      return text ? [{ kind: 'callout', label: ctx.labels[node.name], text }] : [];
    }
    case 'paragraph':
    case 'heading':
    case 'code': {
      const text = plainText(node);
      return text ? [{ kind: 'bullet', text, level }] : [];
    }
    default:
      return [];
  }
}

function tableRows(node: Extract<RootContent, { type: 'table' }>, ctx: Walk): SlideItem[] {
  const [head, ...body] = node.children;
  if (!head) return [];
  const table = ctx.tables++;
  const header = head.children.map((c) => cutToUnits(plainText(c), OUTLINE_MAX));
  return body.map((row) => ({ kind: 'row' as const, table, header, cells: header.map((_, i) => cutToUnits(plainText(row.children[i] ?? { type: 'tableCell', children: [] }), OUTLINE_MAX)) }));
}

/** The full text of a trainer block, one line per paragraph or list item. */
export function noteText(node: ContainerDirective): string {
  const lines: string[] = [];
  const walk = (n: RootContent): void => {
    if (n.type === 'list') n.children.forEach((li, i) => listItem(li, n.ordered ? `${(n.start ?? 1) + i}.` : '-'));
    else if (n.type === 'containerDirective' || n.type === 'blockquote') n.children.forEach(walk);
    else if (n.type === 'table') n.children.forEach((row) => lines.push(row.children.map((c) => plainText(c)).join(' | ')));
    else {
      const text = plainText(n);
      if (text) lines.push(text);
    }
  };
  // An ordered list keeps its numbers; a further paragraph of an item is indented under the first.
  const listItem = (li: ListItemNode, marker: string): void => {
    let lead = marker;
    for (const c of li.children) {
      if (c.type !== 'paragraph') {
        walk(c);
        continue;
      }
      lines.push(`${lead} ${plainText(c)}`);
      lead = ' '.repeat(marker.length);
    }
  };
  node.children.filter((c) => !isLabel(c)).forEach(walk);
  return lines.join('\n');
}

function isLabel(node: RootContent): boolean {
  return node.type === 'paragraph' && Boolean((node.data as { directiveLabel?: boolean } | undefined)?.directiveLabel);
}
