// Parses a session body once to mdast with positions that match the file: GFM, container
// directives, CJK-friendly emphasis; colons in ordinary text ("09:00", "客户:") stay text.
import type { Root, PhrasingContent, RootContent, Text } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { installEditMapFix } from './edit-map-fix.js';
import { findMarkdownLimitProblem, MAX_MARKDOWN_NESTING, type MarkdownLimitProblem } from './limits.js';
import { SKIP, walkTree } from './walk.js';

/** Container directive names with a meaning in the format. */
export const BLOCK_NAMES = ['trainer', 'activity', 'script', 'tip', 'warning', 'homework'] as const;
/** A known container block name. */
export type BlockName = (typeof BLOCK_NAMES)[number];

installEditMapFix();
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCjkFriendly);

/**
 * Parse Markdown. `text` must be the whole file with the front matter blanked out (newlines kept),
 * so that every node's position is its position in the file.
 */
export function parseMarkdown(text: string): Root {
  const tree = processor.parse(text) as Root;
  restoreLiteralDirectives(tree, text);
  joinCjkSoftBreaks(tree);
  return tree;
}

/**
 * Parse Markdown within the limits of ./limits.ts: a session beyond them, or one the parser cannot
 * handle (its recursion runs out of stack), yields an empty tree and the problem to report.
 */
export function parseMarkdownChecked(text: string): { tree: Root; problem?: MarkdownLimitProblem } {
  const empty: Root = { type: 'root', children: [] };
  const before = findMarkdownLimitProblem(text);
  if (before) return { tree: empty, problem: before };
  let tree: Root;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { tree: empty, problem: { rule: 'markdown-too-deep', message: `The Markdown parser ran out of stack (${error.message}); flatten the nesting of this session.`, line: 1, column: 1 } };
  }
  const deep = tooDeepNode(tree);
  return deep ? { tree: empty, problem: deep } : { tree };
}

const NESTING = new Set(['blockquote', 'list', 'containerDirective', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition']);

/** The first node nested deeper than the limit, found without recursion. */
function tooDeepNode(tree: Root): MarkdownLimitProblem | undefined {
  const stack: [RootContent | Root, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const level = depth + (NESTING.has(node.type) ? 1 : 0);
    if (level > MAX_MARKDOWN_NESTING) {
      const start = node.position?.start ?? { line: 1, column: 1 };
      return { rule: 'markdown-too-deep', message: `Markdown nested more than ${MAX_MARKDOWN_NESTING} levels deep (block quotes, list levels, :::blocks, emphasis or links); the body of this session is not read.`, line: start.line, column: start.column };
    }
    if ('children' in node) for (const child of node.children) stack.push([child, level]);
  }
  return undefined;
}

/** Replace the front matter region by empty lines so Markdown positions equal file positions. */
export function blankFrontMatter(text: string, bodyStart: number): string {
  return text.slice(0, bodyStart).replace(/[^\n]/g, '') + text.slice(bodyStart);
}

/**
 * remark-directive reads `09:00` as a text directive named "00", and `::x` lines as leaf directives.
 * Only container blocks mean something in the format: every text and leaf directive goes back to
 * the exact source text it came from.
 */
function restoreLiteralDirectives(tree: Root, source: string): void {
  walkTree(tree, (node, index, parent) => {
    if ((node.type !== 'textDirective' && node.type !== 'leafDirective') || !parent || index === undefined) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const literal = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
    const text: Text = { type: 'text', value: literal, position: node.position };
    if (node.type === 'leafDirective') {
      parent.children.splice(index, 1, { type: 'paragraph', children: [text], position: node.position } as RootContent as never);
    } else {
      parent.children.splice(index, 1, text as never);
    }
    return index;
  });
  mergeAdjacentText(tree);
}

function mergeAdjacentText(tree: Root): void {
  walkTree(tree, (node) => {
    if (!('children' in node)) return;
    const children = node.children as PhrasingContent[];
    for (let i = children.length - 1; i > 0; i--) {
      const a = children[i - 1]!;
      const b = children[i]!;
      if (a.type === 'text' && b.type === 'text') {
        a.value += b.value;
        if (a.position && b.position) a.position = { start: a.position.start, end: b.position.end };
        children.splice(i, 1);
      }
    }
  });
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_SOFT_BREAK = new RegExp(`([${CJK}])\\n[ \\t]*(?=[${CJK}])`, 'gu');

/** A soft line break between two CJK characters produces no space; script lines stay lines. */
function joinCjkSoftBreaks(tree: Root): void {
  walkTree(tree, (node) => {
    if (node.type === 'containerDirective' && node.name === 'script') return SKIP;
    if (node.type === 'text' && node.value.includes('\n')) node.value = node.value.replace(CJK_SOFT_BREAK, '$1');
    return undefined;
  });
}
