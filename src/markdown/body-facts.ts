// What the rules, the model and the handbook read from a session body, as small plain data computed
// once from the tree: kept in the cache entry beside the tree, so a build that finds every session in
// the cache never has to decode a tree unless a piece that shows the body is rendered again.
import type { ContainerDirective } from 'mdast-util-directive';
import type { Node } from 'unist';
import type { Root } from 'mdast';
import { isRecord } from '../util/is-record.js';
import { mayHaveSlips, paragraphSlips } from './text-slips.js';
import { indexTree } from './tree-index.js';

/** A node's place in the file: [line, column, endLine, endColumn], as in its mdast position. */
export type Span = [line: number, column: number, endLine: number, endColumn: number];

/** A container block (:::name), nested ones included. */
export interface BlockFact {
  name: string;
  at?: Span;
  /** The `minutes` attribute as written (null when the attribute has no value). */
  minutes?: string | null;
  /** The `title` attribute, when it has a value. */
  title?: string;
  /** Of an :::activity: the text of its label (`:::activity[label]`), when it has one. */
  label?: string;
  /** The names of every attribute written in `{…}`, when there is any. */
  attributes?: string[];
}

/** A link, image or link definition. */
export interface UrlFact {
  type: 'link' | 'image' | 'definition';
  url: string;
  at?: Span;
}

/** A raw HTML node. */
export interface HtmlFact {
  value: string;
  at?: Span;
}

/** A paragraph whose lines are items numbered or bulleted in a way Markdown does not read as a list ("1、", "（1）", "•"). */
export interface PlainListFact {
  markers: string[];
  at?: Span;
}

/** A paragraph that is a table typed with full-width bars (｜). */
export interface FullWidthTableFact {
  at?: Span;
}

/** A line of a paragraph written as a heading without the space after its #s ("##接听步骤"). */
export interface BareHeadingFact {
  written: string;
  at: Span;
}

/** The facts of one body, each list in document order (preorder), as `indexTree` finds the nodes. */
export interface BodyFacts {
  blocks: BlockFact[];
  urls: UrlFact[];
  html: HtmlFact[];
  plainLists: PlainListFact[];
  bareHeadings: BareHeadingFact[];
  fullWidthTables: FullWidthTableFact[];
}

/** The facts of a parsed tree (`text`: the file it was parsed from): the one place where they are taken from a tree. */
export function bodyFactsOf(tree: Root, text: string): BodyFacts {
  const index = indexTree(tree);
  const plainLists: PlainListFact[] = [];
  const bareHeadings: BareHeadingFact[] = [];
  const fullWidthTables: FullWidthTableFact[] = [];
  if (mayHaveSlips(text)) {
    const lines = text.split('\n');
    for (const paragraph of index.paragraphs) {
      const slips = paragraphSlips(paragraph, lines);
      if (slips.markers) plainLists.push(withSpan<PlainListFact>({ markers: slips.markers }, paragraph));
      for (const h of slips.headings) bareHeadings.push({ written: h.written, at: [h.line, h.column, h.line, h.column + h.written.length] });
      if (slips.fullWidthTable) fullWidthTables.push(withSpan<FullWidthTableFact>({}, paragraph));
    }
  }
  return {
    blocks: index.blocks.map(blockFact),
    urls: index.urls.map((node) => withSpan<UrlFact>({ type: node.type, url: node.url }, node)),
    html: index.html.map((node) => withSpan<HtmlFact>({ value: node.value }, node)),
    plainLists,
    bareHeadings,
    fullWidthTables,
  };
}

function blockFact(node: ContainerDirective): BlockFact {
  const fact = withSpan<BlockFact>({ name: node.name }, node);
  const attrs = node.attributes ?? {};
  if (attrs.minutes !== undefined) fact.minutes = attrs.minutes;
  if (typeof attrs.title === 'string') fact.title = attrs.title;
  const names = Object.keys(attrs);
  if (names.length > 0) fact.attributes = names;
  const first = node.children[0];
  if (node.name === 'activity' && first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
    fact.label = first.children.map((c) => ('value' in c ? c.value : '')).join('');
  }
  return fact;
}

function withSpan<T extends { at?: Span }>(fact: T, node: Node): T {
  const p = node.position;
  if (p) fact.at = [p.start.line, p.start.column, p.end.line, p.end.column];
  return fact;
}

/** Whether `value` (read back from a cache entry) has the shape of BodyFacts, so no consumer can trip on it. */
export function isBodyFacts(value: unknown): value is BodyFacts {
  if (!isRecord(value) || !Array.isArray(value.blocks) || !Array.isArray(value.urls) || !Array.isArray(value.html) || !Array.isArray(value.plainLists) || !Array.isArray(value.bareHeadings) || !Array.isArray(value.fullWidthTables)) return false;
  const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
  const block = (b: unknown) =>
    isRecord(b) && typeof b.name === 'string' && isSpan(b.at) && (b.minutes === null || optional(b.minutes, 'string')) && optional(b.title, 'string') && optional(b.label, 'string') &&
    (b.attributes === undefined || (Array.isArray(b.attributes) && b.attributes.every((a) => typeof a === 'string')));
  const url = (u: unknown) => isRecord(u) && (u.type === 'link' || u.type === 'image' || u.type === 'definition') && typeof u.url === 'string' && isSpan(u.at);
  const html = (h: unknown) => isRecord(h) && typeof h.value === 'string' && isSpan(h.at);
  const plainList = (l: unknown) => isRecord(l) && Array.isArray(l.markers) && l.markers.every((m) => typeof m === 'string') && isSpan(l.at);
  const bareHeading = (h: unknown) => isRecord(h) && typeof h.written === 'string' && h.at !== undefined && isSpan(h.at);
  const fullWidthTable = (t: unknown) => isRecord(t) && isSpan(t.at);
  return (
    value.blocks.every(block) && value.urls.every(url) && value.html.every(html) && value.plainLists.every(plainList) && value.bareHeadings.every(bareHeading) &&
    value.fullWidthTables.every(fullWidthTable)
  );
}

function isSpan(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 4 && value.every((n) => Number.isInteger(n)));
}
