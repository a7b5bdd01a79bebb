// Limits on a session's Markdown, checked on the text before the parser sees it. The parser
// (micromark) takes time that grows with the square of the nesting depth and of the markers in one
// paragraph, and memory that grows with the number of lines and table cells; past these limits a
// session is refused with a diagnostic at the place, instead of hanging or exhausting memory.

/** Deepest nesting of block quotes, list levels and :::blocks, or of emphasis and link brackets. */
export const MAX_MARKDOWN_NESTING = 100;
/** Most lines in one session file. */
export const MAX_MARKDOWN_LINES = 60_000;
/** Most `|` characters (table cells) on one line. */
export const MAX_TABLE_CELLS = 1_000;
/** Most emphasis markers, link brackets and code span backticks in one paragraph. */
export const MAX_INLINE_MARKERS = 10_000;
/** Most of those markers in one session file. */
export const MAX_SESSION_MARKERS = 100_000;

/** Why a session's Markdown is refused, and where (1-based). */
export interface MarkdownLimitProblem {
  rule: 'markdown-too-deep' | 'markdown-too-large';
  message: string;
  line: number;
  column: number;
}

const CONTAINER_MARKER = /[ \t]*(>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(?:(`{3,})(?!.*`)|(~{3,}))/;
const DIRECTIVE_OPEN = /^:{3,}[A-Za-z]/;
const DIRECTIVE_CLOSE = /^:{3,}[ \t]*$/;

const tooDeep = (line: number, column: number): MarkdownLimitProblem => ({
  rule: 'markdown-too-deep',
  message: `Markdown nested more than ${MAX_MARKDOWN_NESTING} levels deep (block quotes, list levels, :::blocks, emphasis or link brackets); the body of this session is not read.`,
  line,
  column,
});

/** The first limit `text` goes beyond, or undefined when it is within every limit. */
export function findMarkdownLimitProblem(text: string): MarkdownLimitProblem | undefined {
  const lines = text.split('\n');
  if (lines.length > MAX_MARKDOWN_LINES) {
    return { rule: 'markdown-too-large', message: `The session has ${lines.length} lines; the limit is ${MAX_MARKDOWN_LINES} lines per session file.`, line: MAX_MARKDOWN_LINES + 1, column: 1 };
  }
  // Only a fence at the top level is skipped: nothing but its closing fence can end it.
  let fence: string | undefined;
  let directives = 0;
  let inline = { brackets: 0, emphasis: 0, markers: 0 };
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const { markers, listItem, columns, end } = containerPrefix(line);
    const rest = line.slice(end);
    if (fence !== undefined) {
      const t = line.trim();
      if (/^ {0,3}\S/.test(line) && t.length >= fence.length && t === fence[0]!.repeat(t.length)) fence = undefined;
      continue;
    }
    const opening = markers === 0 && directives === 0 ? FENCE.exec(line) : null;
    if (opening) {
      fence = opening[1] ?? opening[2]!;
      continue;
    }
    if (line.trim() === '' || listItem || rest.startsWith('|') || rest.startsWith('#')) {
      total += inline.markers;
      inline = { brackets: 0, emphasis: 0, markers: 0 };
    }
    if (line.trim() === '') continue;
    if (DIRECTIVE_OPEN.test(rest)) directives++;
    else if (DIRECTIVE_CLOSE.test(rest)) directives = Math.max(0, directives - 1);
    const depth = directives + (THEMATIC_BREAK.test(line) ? 0 : markers) + Math.floor(columns / 2);
    if (depth > MAX_MARKDOWN_NESTING) return tooDeep(i + 1, 1);
    const problem = scanInline(rest, inline, i + 1, end);
    if (problem) return problem;
    if (total + inline.markers > MAX_SESSION_MARKERS) {
      return { rule: 'markdown-too-large', message: `The session has more than ${MAX_SESSION_MARKERS} emphasis markers, link brackets and backticks; split it into several sessions.`, line: i + 1, column: 1 };
    }
  }
  return undefined;
}

/** Block markers (`>`, list bullets and numbers) at the start of a line, and the indentation before them. */
function containerPrefix(line: string): { markers: number; listItem: boolean; columns: number; end: number } {
  let columns = 0;
  while (columns < line.length && (line[columns] === ' ' || line[columns] === '\t')) columns++;
  const indent = line.slice(0, columns).replace(/\t/g, '    ').length;
  let markers = 0;
  let listItem = false;
  let end = 0;
  CONTAINER_MARKER.lastIndex = 0;
  while (CONTAINER_MARKER.lastIndex < line.length) {
    const at = CONTAINER_MARKER.lastIndex;
    const m = CONTAINER_MARKER.exec(line);
    if (!m || CONTAINER_MARKER.lastIndex === at) break;
    markers++;
    if (m[1] !== '>') listItem = true;
    end = CONTAINER_MARKER.lastIndex;
  }
  return { markers, listItem, columns: indent, end: Math.max(end, columns) };
}

/** Count link brackets and emphasis runs of one line into the paragraph's running totals. */
function scanInline(rest: string, state: { brackets: number; emphasis: number; markers: number }, line: number, offset: number): MarkdownLimitProblem | undefined {
  if (countOf(rest, '|') > MAX_TABLE_CELLS) {
    return { rule: 'markdown-too-large', message: `This line has more than ${MAX_TABLE_CELLS} "|" characters (table cells); split the table.`, line, column: 1 };
  }
  for (let k = 0; k < rest.length; k++) {
    const c = rest[k]!;
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '[') {
      state.brackets++;
      state.markers++;
    } else if (c === ']') {
      state.brackets = Math.max(0, state.brackets - 1);
      state.markers++;
    } else if (c === '`') {
      while (k + 1 < rest.length && rest[k + 1] === '`') k++;
      state.markers++;
    } else if (c === '*' || c === '_' || c === '~') {
      let j = k;
      while (j + 1 < rest.length && rest[j + 1] === c) j++;
      const before = k === 0 ? ' ' : rest[k - 1]!;
      const after = j + 1 >= rest.length ? ' ' : rest[j + 1]!;
      const opens = !/\s/.test(after);
      const closes = !/\s/.test(before);
      if (closes && (!opens || state.emphasis > 0)) state.emphasis = Math.max(0, state.emphasis - 1);
      else if (opens) state.emphasis++;
      state.markers++;
      k = j;
    } else {
      continue;
    }
    if (state.brackets + state.emphasis > MAX_MARKDOWN_NESTING) return tooDeep(line, offset + k + 1);
    if (state.markers > MAX_INLINE_MARKERS) {
      return { rule: 'markdown-too-large', message: `This paragraph has more than ${MAX_INLINE_MARKERS} emphasis markers, link brackets and backticks; split it with blank lines.`, line, column: offset + k + 1 };
    }
  }
  return undefined;
}

function countOf(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i !== -1; i = s.indexOf(c, i + 1)) n++;
  return n;
}
