// Container blocks that are not what they look like. A `:::trainer` block that is never closed runs to
// the end of the file, and a fence the parser does not read as one (`::: trainer`, `：：：trainer`)
// leaves its lines as ordinary text: either way trainer notes reach the learners' handbook, or learner
// text disappears into the trainer guide, and nothing looks wrong until the book is printed. Both are
// reported at the fence, so the session is never built that way.
import type { Root } from 'mdast';
import type { Node } from 'unist';
import { didYouMean } from '../util/suggest.js';
import { BLOCK_NAMES } from './parse.js';
import { walkTree } from './walk.js';

/** A problem with a block fence, at its line (1-based), underlining the fence. */
export interface BlockFenceProblem {
  rule: 'block-not-closed' | 'malformed-block';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A closing fence: three or more ASCII colons alone on the line. */
const CLOSING_FENCE = /^[ \t]*:{3,}[ \t]*$/;
/** A line that starts like a fence: three or more colons, ASCII or full-width, then perhaps a name. */
const FENCE_LIKE = /^([ \t]*)([:：]{3,})([ \t\u3000]*)([^\s{[]*)/u;

/**
 * Every container block of `tree` that is never closed, and every line of ordinary text that starts
 * like a block fence. `text` is the text the tree was parsed from (front matter blanked), so node
 * offsets index it.
 */
export function findBlockFenceProblems(tree: Root, text: string): BlockFenceProblem[] {
  if (!text.includes(':::') && !text.includes('：：：')) return [];
  const found: (BlockFenceProblem & { closer?: boolean })[] = [];
  walkTree(tree, (node, _index, parent) => {
    if (node.type === 'containerDirective') {
      const unclosed = unclosedBlock(node, text, parent?.type === 'containerDirective' ? parent : undefined);
      if (unclosed) found.push(unclosed);
    } else if (node.type === 'paragraph') {
      found.push(...fenceLikeLines(node, text));
    }
    return undefined;
  });
  found.sort((a, b) => a.line - b.line || a.column - b.column);
  // The closing line of a block whose opening line was reported is not a problem of its own.
  let opened = false;
  const problems: BlockFenceProblem[] = [];
  for (const { closer, ...problem } of found) {
    if (closer && opened) opened = false;
    else problems.push(problem);
    if (problem.rule === 'malformed-block' && !closer) opened = true;
  }
  return problems;
}

/** The block's problem when its last line is not a closing fence (the parser then ran it to the end of its parent). */
function unclosedBlock(node: Node, text: string, outer: Node | undefined): BlockFenceProblem | undefined {
  const span = spanOf(node, text);
  if (!span) return undefined;
  const lastLine = span.source.slice(span.source.lastIndexOf('\n') + 1);
  if (span.source.includes('\n') && CLOSING_FENCE.test(lastLine)) return undefined;
  const opening = firstLine(span.source).trim();
  const around = outer && spanOf(outer, text);
  return {
    rule: 'block-not-closed',
    message: around
      ? `The block "${opening}" is never closed, so it runs on to the end of the block "${firstLine(around.source).trim()}" (line ${around.line}) around it; one of the two lacks its closing line ":::". A block inside another needs fewer colons than the outer one ("::::trainer" … "::::").`
      : `The block "${opening}" is never closed, so everything after it, to the end of the file, is inside it; add a line ":::" where the block ends.`,
    ...underline(span.line, span.column, opening.length),
  };
}

/** Lines of a paragraph that start like a fence: the parser did not read them as one, so they print as text. */
function fenceLikeLines(node: Node, text: string): (BlockFenceProblem & { closer: boolean })[] {
  const span = spanOf(node, text);
  if (!span || (!span.source.includes(':::') && !span.source.includes('：：：'))) return [];
  const problems: (BlockFenceProblem & { closer: boolean })[] = [];
  span.source.split('\n').forEach((line, i) => {
    const m = FENCE_LIKE.exec(line);
    if (!m) return;
    const [, indent, colons, gap, name] = m as unknown as [string, string, string, string, string];
    const column = (i === 0 ? span.column : 1) + indent.length;
    const written = line.slice(indent.length).trimEnd();
    const closer = name.replace(/[:：]+$/, '') === '';
    problems.push({ rule: 'malformed-block', message: fenceMessage(written, colons, gap, name), closer, ...underline(span.line + i, column, written.length) });
  });
  return problems;
}

/** What is wrong with a fence-like line, and how to write it. */
function fenceMessage(written: string, colons: string, gap: string, name: string): string {
  const shown = `"${written.length > 40 ? `${written.slice(0, 40)}…` : written}"`;
  const bare = name.replace(/[:：]+$/, '');
  if (bare === '') return `${shown} closes no block: no block is open here. Remove the line, or check the opening line of the block it was meant to close.`;
  const known = (BLOCK_NAMES as readonly string[]).includes(bare);
  const notBlock = `${shown} is not a block, so what follows prints as ordinary text in every output, learner handbooks included`;
  if (/：/.test(colons)) return `${notBlock}: it has full-width colons (：); write three ASCII colons${known ? `: ":::${bare}"` : ' (":::")'}.`;
  if (gap !== '') return `${notBlock}: remove the space after the colons${known ? `: ":::${bare}"` : ''}.`;
  const slips = written.match(/[“”＂‘’｛｝＝]/g);
  if (slips) {
    const ascii = written.replace(/[“”＂]/g, '"').replace(/[‘’]/g, "'").replace(/｛/g, '{').replace(/｝/g, '}').replace(/＝/g, '=');
    return `${notBlock}: its attributes are typed with full-width characters (${[...new Set(slips)].join(' ')}); write them in ASCII: "${ascii}".`;
  }
  if (!known) return `${notBlock}: block names are ${BLOCK_NAMES.join(', ')}.${didYouMean(bare, BLOCK_NAMES)}`;
  const empty = /\{[^}]*?([^\s{}=]+)=\s*(?=[}\s])/.exec(written);
  if (empty) return `${notBlock}: the attribute "${empty[1]}" has no value; write it with one (${empty[1] === 'minutes' ? 'minutes=20' : `${empty[1]}="…"`}) or leave it out.`;
  return `${notBlock}: write ":::${bare}" alone on its line (attributes in {…}).`;
}

/** A node's source text and start, when it has a position. */
function spanOf(node: Node, text: string): { source: string; line: number; column: number } | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  return { source: text.slice(start.offset, end.offset), line: start.line, column: start.column };
}

function firstLine(source: string): string {
  const newline = source.indexOf('\n');
  return newline < 0 ? source : source.slice(0, newline);
}

function underline(line: number, column: number, width: number): Pick<BlockFenceProblem, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line, column, endLine: line, endColumn: column + Math.max(1, width) };
}
