// Session mdast → hast → HTML for the handbooks. Learner and trainer views are transforms of the one
// parsed tree; the format's container blocks become styled markup; the result is always sanitised.
import type { Element, Root as HastRoot } from 'hast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Definition, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

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
  /** The session file's text: restores the line breaks of :::script lines joined as CJK soft breaks. */
  source?: string;
}

/** A copy of the tree without :::trainer blocks: what learners may see. */
export function learnerView(tree: Root): Root {
  const copy = structuredClone(tree);
  visit(copy, 'containerDirective', (node, index, parent) => {
    if (node.name !== 'trainer' || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  return copy;
}

const schema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className'], section: ['dataFootnotes', 'className'] },
  clobber: [],
};

/** Render a session body to sanitised HTML. */
export function sessionToHtml(tree: Root, options: SessionHtmlOptions): string {
  const mdast = options.view === 'learner' ? learnerView(tree) : structuredClone(tree);
  if (options.source) restoreScriptLines(mdast, options.source);
  rewriteUrls(mdast, options.resolveUrl);
  visit(mdast, 'heading', (h) => {
    h.depth = Math.min(6, h.depth + options.headingShift) as typeof h.depth;
  });
  visit(mdast, 'containerDirective', (node) => decorateBlock(node, options.labels));
  const processor = unified()
    .use(remarkRehype, { clobberPrefix: `${options.idPrefix}note-`, footnoteLabel: options.labels.footnotes, footnoteLabelTagName: 'p', footnoteBackLabel: '↩' })
    .use(() => alignToClass)
    .use(rehypeSanitize, schema)
    .use(rehypeSlug, { prefix: options.idPrefix })
    .use(() => (tree: HastRoot) => prefixFootnoteLabel(tree, options.idPrefix))
    .use(rehypeStringify);
  const hast = processor.runSync(mdast) as HastRoot;
  return processor.stringify(hast);
}

/** GFM column alignment becomes a class: the `align` attribute is obsolete HTML. */
function alignToClass(tree: HastRoot): void {
  visit(tree, 'element', (el: Element) => {
    const align = el.properties.align;
    if (typeof align !== 'string') return;
    delete el.properties.align;
    el.properties.className = [`align-${align}`];
  });
}

/** The footnote section's label id is fixed by mdast-util-to-hast; make it unique in the page. */
function prefixFootnoteLabel(tree: HastRoot, prefix: string): void {
  visit(tree, 'element', (el: Element) => {
    if (el.properties.id === 'footnote-label') el.properties.id = `${prefix}footnote-label`;
    if (el.properties.ariaDescribedBy !== undefined) el.properties.ariaDescribedBy = [`${prefix}footnote-label`];
  });
}

function rewriteUrls(tree: Root, resolve: SessionHtmlOptions['resolveUrl']): void {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (d) => {
    definitions.set(d.identifier, d);
  });
  const dropped = new Set<string>();
  for (const [id, d] of definitions) {
    const url = resolve(d.url, 'link');
    if (url === undefined) dropped.add(id);
    else d.url = url;
  }
  visit(tree, (node, index, parent) => {
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
    return [SKIP, index];
  });
}

const CJK_BREAK = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef])\n[ \t]*(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef])/gu;

/** Script lines are lines: put back the breaks the CJK soft-break join removed, where the source proves it. */
function restoreScriptLines(tree: Root, source: string): void {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (p: { line: number; column: number }) => (lineStarts[p.line - 1] ?? NaN) + p.column - 1;
  visit(tree, 'containerDirective', (node) => {
    if (node.name !== 'script') return;
    visit(node, 'text', (t: Text) => {
      if (!t.position || t.position.start.line === t.position.end.line) return;
      const original = source.slice(offset(t.position.start), offset(t.position.end)).replace(/\r\n?/g, '\n');
      if (original !== t.value && original.replace(CJK_BREAK, '$1') === t.value) t.value = original.replace(/\n[ \t]+/g, '\n');
    });
  });
}

function text(value: string, className: string, tag = 'span'): Text {
  return { type: 'text', value, data: { hName: tag, hProperties: { className: [className] } } } as Text;
}

function head(className: string, parts: Text[]): Paragraph {
  return { type: 'paragraph', children: parts, data: { hName: 'p', hProperties: { className: className.split(' ') } } };
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
  const titled = (label: string): Text[] => [text(label, 'block-label'), ...(title ? [text(title, 'block-title')] : [])];
  switch (node.name) {
    case 'activity': {
      const minutes = attrs.minutes ? String(attrs.minutes).trim() : '';
      const parts = titled(labels.activity);
      if (minutes) parts.push(text(`${minutes} ${labels.minutes}`, 'block-time'));
      set('section', ['block', 'block-activity']);
      node.children.unshift(head('block-head', parts));
      break;
    }
    case 'homework':
      set('section', ['block', 'block-homework']);
      node.children.unshift(head('block-head', titled(labels.homework)));
      break;
    case 'tip':
    case 'warning':
      set('div', ['callout', `callout-${node.name}`]);
      node.children.unshift(head('callout-head', titled(labels[node.name])));
      break;
    case 'trainer':
      set('div', ['trainer-note']);
      node.children.unshift(head('trainer-head', titled(labels.trainerNote)));
      break;
    case 'script': {
      set('figure', ['script']);
      const caption = head('script-head', titled(labels.script));
      caption.data = { hName: 'figcaption', hProperties: { className: ['script-head'] } };
      node.children = [caption, ...toDialogue(node.children)];
      break;
    }
    default:
      set('div', ['block', `block-${node.name}`]);
  }
}

const CUSTOMER = /客户|顾客|客戶|顧客|用户|用戶|来电|來電|买家|買家|customer|caller|client|buyer/i;
const SPEAKER = /^[ \t]*([^\s:：0-9][^:：\n]{0,15}?)[ \t]*[:：](?!\/\/)[ \t]*/;

/**
 * Who sits where: customers on side a; the first other speaker (the agent) on side b; anyone else
 * on side c. Without a customer, the first two speakers take sides a and b.
 */
function assignSides(children: ContainerDirective['children']): Map<string, string[]> {
  const names: string[] = [];
  for (const child of children) {
    if (child.type !== 'paragraph') continue;
    for (const line of splitLines(child.children)) {
      const first = line[0];
      const name = first?.type === 'text' ? SPEAKER.exec(first.value)?.[1]?.trim() : undefined;
      if (name && !names.includes(name)) names.push(name);
    }
  }
  const customers = names.filter((n) => CUSTOMER.test(n));
  const others = names.filter((n) => !customers.includes(n));
  const sides = new Map<string, string[]>();
  for (const n of customers) sides.set(n, ['side-a', 'is-customer']);
  const order = customers.length ? ['side-b'] : ['side-a', 'side-b'];
  others.forEach((n, i) => sides.set(n, [order[i] ?? 'side-c', ...(customers.length && i === 0 ? ['is-agent'] : [])]));
  return sides;
}

/** Paragraph lines `Speaker: text` become dialogue lines; lines without a speaker continue the previous one. */
function toDialogue(children: ContainerDirective['children']): ContainerDirective['children'] {
  const sides = assignSides(children);
  const out: ContainerDirective['children'] = [];
  let group: Paragraph[] | undefined;
  let utterance: { children: PhrasingContent[] } | undefined;
  for (const child of children) {
    if (child.type !== 'paragraph') {
      out.push(child);
      group = undefined;
      utterance = undefined;
      continue;
    }
    if (!group) {
      group = [];
      out.push({ type: 'blockquote', children: group, data: { hName: 'div', hProperties: { className: ['dialogue'] } } });
    }
    for (const line of splitLines(child.children)) {
      const first = line[0];
      const m = first?.type === 'text' ? SPEAKER.exec(first.value) : null;
      if (m && first?.type === 'text') {
        const name = m[1]!.trim();
        const rest = [{ type: 'text', value: first.value.slice(m[0].length) }, ...line.slice(1)] as PhrasingContent[];
        const span = { type: 'emphasis', children: rest, data: { hName: 'span', hProperties: { className: ['utterance'] } } };
        utterance = span;
        group.push(head(['line', ...(sides.get(name) ?? ['side-c'])].join(' '), [text(name, 'speaker'), span as never]));
      } else if (utterance) {
        utterance.children.push({ type: 'break' }, ...line);
      } else {
        group.push(head('line narration', line as Text[]));
      }
    }
  }
  return out;
}

function splitLines(children: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const c of children) {
    if (c.type === 'break') {
      lines.push([]);
    } else if (c.type === 'text' && c.value.includes('\n')) {
      c.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ type: 'text', value: part });
      });
    } else {
      lines[lines.length - 1]!.push(c);
    }
  }
  return lines.filter((l) => l.length > 0);
}
