// Session mdast → hast → HTML for the handbooks. Learner and trainer views are transforms of the one
// parsed tree; the format's container blocks become styled markup; the result is always sanitised.
import type { Element, Root as HastRoot } from 'hast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Definition, Root, RootContent, Text } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { classedParagraph, classedText, toDialogue } from './script-dialogue.js';
import { copyViewTree } from './view-tree.js';
import { walkTree } from './walk.js';

/** Words of the block headers, taken from the locale's labels. */
export interface BlockLabels {
  activity: string;
  script: string;
  tip: string;
  warning: string;
  homework: string;
  trainerNote: string;
  minutes: string;
  footnotes: string;
}

/** How one session body is turned into HTML. */
export interface SessionHtmlOptions {
  /** `learner` removes every :::trainer block from the tree. */
  view: 'learner' | 'trainer';
  /** Prefix of every id the body produces (heading ids, footnotes), unique within the page. */
  idPrefix: string;
  /** Added to every heading depth (`##` with 2 becomes `<h4>`), capped at 6. */
  headingShift: number;
  /** New URL for a link or image as written, or undefined to keep only its text. */
  resolveUrl(url: string, kind: 'link' | 'image'): string | undefined;
  labels: BlockLabels;
}

/** A copy of the tree without :::trainer blocks: what learners may see. */
export function learnerView(tree: Root): Root {
  return copyViewTree(tree, true, 0).root;
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'], section: ['dataFootnotes', 'className'] },
  clobber: [],
};

/** Render a session body to sanitised HTML; `tree` is left as it was. */
export function sessionToHtml(tree: Root, options: SessionHtmlOptions): string {
  const view = copyViewTree(tree, options.view === 'learner', options.headingShift);
  if (view.hasUrls) rewriteUrls(view.root, options.resolveUrl);
  // In document order, as a preorder walk meets them: an outer block is decorated before the blocks inside it.
  for (const block of view.blocks) decorateBlock(block, options.labels);
  const processor = unified()
    .use(remarkRehype, { clobberPrefix: `${options.idPrefix}note-`, footnoteLabel: options.labels.footnotes, footnoteLabelTagName: 'p', footnoteBackLabel: '↩' })
    .use(() => (view.hasTables ? alignToClass : undefined))
    .use(rehypeSanitize, schema)
    .use(() => (hast: HastRoot) => slugAndLabel(hast, options.idPrefix))
    .use(rehypeStringify);
  const hast = processor.runSync(view.root) as HastRoot;
  return processor.stringify(hast);
}

/** GFM column alignment becomes a class: the `align` attribute is obsolete HTML. */
function alignToClass(tree: HastRoot): void {
  walkTree(tree, 'element', (el: Element) => {
    const align = el.properties.align;
    if (typeof align !== 'string') return;
    delete el.properties.align;
    el.properties.className = [`align-${align}`];
  });
}

/**
 * Heading ids (rehype-slug with the prefix), then the footnote section's label id, which
 * mdast-util-to-hast fixes, made unique in the page. One walk finds both kinds of element;
 * rehype-slug then runs over the headings alone (the same elements in the same order, so the same
 * ids), which spares it a visit of every node.
 */
function slugAndLabel(tree: HastRoot, prefix: string): void {
  const headings: Element[] = [];
  const labelled: Element[] = [];
  findHeadings(tree, false, headings, labelled);
  rehypeSlug({ prefix })({ type: 'root', children: headings });
  for (const el of [...headings, ...labelled]) {
    if (el.properties.id === 'footnote-label') el.properties.id = `${prefix}footnote-label`;
    if (el.properties.ariaDescribedBy !== undefined) el.properties.ariaDescribedBy = [`${prefix}footnote-label`];
  }
}

/** Headings not inside another heading, and elements that name the footnote label, in document order. */
function findHeadings(node: HastRoot | Element, inHeading: boolean, headings: Element[], labelled: Element[]): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const heading = !inHeading && /^h[1-6]$/.test(child.tagName.toLowerCase());
    if (heading) headings.push(child);
    if (child.properties.id === 'footnote-label' || child.properties.ariaDescribedBy !== undefined) labelled.push(child);
    findHeadings(child, inHeading || heading, headings, labelled);
  }
}

function rewriteUrls(tree: Root, resolve: SessionHtmlOptions['resolveUrl']): void {
  const definitions = new Map<string, Definition>();
  walkTree(tree, 'definition', (d) => {
    definitions.set(d.identifier, d);
  });
  const dropped = new Set<string>();
  for (const [id, d] of definitions) {
    const url = resolve(d.url, 'link');
    if (url === undefined) dropped.add(id);
    else d.url = url;
  }
  walkTree(tree, (node, index, parent) => {
    if (!parent || index === undefined) return;
    let keep = true;
    let replacement: RootContent[] = [];
    if (node.type === 'link') {
      const url = resolve(node.url, 'link');
      if (url === undefined) (keep = false), (replacement = node.children);
      else node.url = url;
    } else if (node.type === 'image') {
      const url = resolve(node.url, 'image');
      if (url === undefined) (keep = false), (replacement = node.alt ? [{ type: 'text', value: node.alt }] : []);
      else node.url = url;
    } else if (node.type === 'linkReference' && dropped.has(node.identifier)) {
      (keep = false), (replacement = node.children);
    } else if (node.type === 'imageReference' && dropped.has(node.identifier)) {
      (keep = false), (replacement = node.alt ? [{ type: 'text', value: node.alt }] : []);
    }
    if (keep) return;
    parent.children.splice(index, 1, ...(replacement as never[]));
    return index;
  });
}

/** The label paragraph of `:::name[Label]`, removed from the children and returned as text. */
function takeLabel(node: ContainerDirective): string | undefined {
  const first = node.children[0];
  if (first?.type !== 'paragraph' || !(first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) return undefined;
  node.children.shift();
  return first.children.map((c) => ('value' in c ? c.value : '')).join('');
}

function decorateBlock(node: ContainerDirective, labels: BlockLabels): void {
  const attrs = node.attributes ?? {};
  const title = takeLabel(node) ?? attrs.title ?? undefined;
  const set = (hName: string, classes: string[]) => (node.data = { hName, hProperties: { className: classes } });
  const titled = (label: string): Text[] => [classedText(label, 'block-label'), ...(title ? [classedText(title, 'block-title')] : [])];
  switch (node.name) {
    case 'activity': {
      const minutes = attrs.minutes ? String(attrs.minutes).trim() : '';
      const parts = titled(labels.activity);
      if (minutes) parts.push(classedText(`${minutes} ${labels.minutes}`, 'block-time'));
      set('section', ['block', 'block-activity']);
      node.children.unshift(classedParagraph('block-head', parts));
      break;
    }
    case 'homework':
      set('section', ['block', 'block-homework']);
      node.children.unshift(classedParagraph('block-head', titled(labels.homework)));
      break;
    case 'tip':
    case 'warning':
      set('div', ['callout', `callout-${node.name}`]);
      node.children.unshift(classedParagraph('callout-head', titled(labels[node.name])));
      break;
    case 'trainer':
      set('div', ['trainer-note']);
      node.children.unshift(classedParagraph('trainer-head', titled(labels.trainerNote)));
      break;
    case 'script': {
      set('figure', ['script']);
      const caption = classedParagraph('script-head', titled(labels.script));
      caption.data = { hName: 'figcaption', hProperties: { className: ['script-head'] } };
      node.children = [caption, ...toDialogue(node.children)];
      break;
    }
    default:
      set('div', ['block', `block-${node.name}`]);
  }
}
