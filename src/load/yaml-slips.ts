// Typing slips that break a YAML file and that the YAML parser reports in its own terms, often lines
// away ("Implicit keys need to be on a single line", "Missing closing quote" at the end of the file).
// On a Chinese keyboard the usual ones are a full-width colon or space after a key, a key with no
// space after its colon, a full-width comma between the items of a `[…]` or `{…}`, and a quoted
// value whose closing quote is missing; and, on any keyboard, a list item indented deeper than the
// item above it. Looked for only in a file
// that failed to parse, and reported at the slip instead of the parser's message.

/** A slip at [start, end) of the YAML text, with what to write instead. */
export interface YamlSlip {
  start: number;
  end: number;
  /** The stretch [from, to) of the YAML text where a parser error is this slip's doing: its line, or all that follows. */
  explains: [from: number, to: number];
  reason: string;
}

const KEY = String.raw`([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w-]*)`;
const FULL_WIDTH_COLON = new RegExp(`^${KEY}[ \\t]*：`);
const FULL_WIDTH_SPACE = new RegExp(`^${KEY}:\\u3000`);
const NO_SPACE = new RegExp(`^${KEY}:(?=[^\\s/:])`);
const FULL_WIDTH_INDENT = /^[ \t]*\u3000/;
const OPEN_QUOTE = new RegExp(`^${KEY}:[ \\t]+(["'])`);
/** A Chinese comma that ends an item of a flow collection: after a quoted item, or before a quoted item or a key. */
const FLOW_COMMA = /(?<=["'][ \t]*)[，、]|[，、](?=[ \t]*(?:["']|[A-Za-z_][\w-]*[ \t]*:))/g;

/**
 * The slips in `text`; `quoteError`: whether the parser found a quote it could not close (a quote
 * left open is looked for only then, since a quoted value may legally run over several lines);
 * `errorsAt`: where the parser's errors are (a key out of line is named only where one is).
 */
export function findYamlSlips(text: string, quoteError: boolean, errorsAt: readonly number[] = []): YamlSlip[] {
  const slips: YamlSlip[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const at = (column: number, width: number, reason: string, to = offset + line.length + 1) => slips.push({ start: offset + column, end: offset + column + width, explains: [offset, to], reason });
    let m: RegExpExecArray | null;
    let comma: ReturnType<typeof flowComma>;
    if ((m = FULL_WIDTH_COLON.exec(line))) {
      const colon = line.indexOf('：', m[1]!.length + m[2]!.length);
      at(colon, 1, `YAML syntax error: "${m[2]}" is followed by a full-width colon (：); YAML needs an ASCII colon and a space: "${m[2]}: …".`);
    } else if ((m = FULL_WIDTH_SPACE.exec(line))) {
      const column = m[1]!.length + m[2]!.length + 1;
      at(column, 1, `YAML syntax error: the space after "${m[2]}:" is a full-width space (　); use an ASCII space: "${m[2]}: …".`);
    } else if ((m = NO_SPACE.exec(line))) {
      const column = m[1]!.length + m[2]!.length;
      at(column, 1, `YAML syntax error: "${m[2]}:" needs a space after the colon: "${m[2]}: ${line.slice(column + 1).trim()}".`);
    } else if (FULL_WIDTH_INDENT.test(line)) {
      const column = line.indexOf('\u3000');
      at(column, 1, 'YAML syntax error: this line is indented with a full-width space (　); indent with ASCII spaces.');
    } else if ((comma = flowComma(line))) {
      at(comma.column, 1, `YAML syntax error: a full-width comma (${comma.comma}) separates the items here; YAML needs an ASCII comma: ${comma.fixed}`);
    } else if (quoteError && (m = OPEN_QUOTE.exec(line))) {
      const quote = m[3]!;
      const column = m[0].length - 1;
      if (!closes(line.slice(column + 1), quote)) at(column, 1, `YAML syntax error: the ${quote === '"' ? 'double' : 'single'} quote that starts the value of "${m[2]}" is never closed; add ${quote} at the end of the value.`, Infinity);
    }
    offset += line.length + 1;
  }
  // One indentation slip throws the lines after it out of line with it: those are not slips of their own.
  const indents = [...keysOutOfLine(text, errorsAt), ...deeperItems(text)].sort((a, b) => a.start - b.start);
  const kept: YamlSlip[] = [];
  for (const slip of indents) if (!kept.some(({ explains: [from, to] }) => slip.start >= from && slip.start < to)) kept.push(slip);
  return [...slips, ...kept].sort((a, b) => a.start - b.start);
}

/** "1 space", "6 spaces". */
const spaces = (n: number) => `${n} ${n === 1 ? 'space' : 'spaces'}`;

/** What to do with a line to put it in column `n` + 1. */
const indentTo = (n: number) => (n === 0 ? 'start it at the beginning of the line' : `indent it ${spaces(n)}`);

/** The lines of `text` and the offset each starts at. */
function lineTable(text: string): { lines: string[]; starts: number[] } {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return { lines, starts };
}

/** A line that holds YAML: not blank, not a comment. */
const significant = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');

/** The spaces a line starts with. */
const indentOf = (line: string) => line.length - line.trimStart().length;

/** The index of the first line after `i` that holds YAML and is indented less than `atLeast` (or the line count): where a nested run ends. */
function runEnd(lines: readonly string[], i: number, atLeast: number): number {
  let end = i + 1;
  while (end < lines.length && (!significant(lines[end]!) || indentOf(lines[end]!) >= atLeast)) end++;
  return end;
}

/** A value without the comment after it. */
const uncommented = (value: string) => value.replace(/\s+#.*$/, '');

/** Whether a list item's or key's value opens a block below it (`key:` alone, or nothing after the dash). */
const opensBlock = (value: string) => /(^|:)\s*$/.test(uncommented(value));

/** A list item: its indentation, and what follows its "- ". */
const ITEM = /^( *)- +(.*)$/;

/**
 * List items indented deeper than the item above them, when that item holds a value of its own (a
 * text, a `[…]` or `{…}`, a `key: value`) rather than opening a nested block (`key:` alone, `|`,
 * `>`): YAML cannot read them as items of either list, and says so in its own terms on the lines
 * after ("Implicit keys need to be on a single line", "Nested mappings are not allowed in compact
 * mappings"), from the item above on. Each run of such lines is explained by the slip at its first item.
 */
function deeperItems(text: string): YamlSlip[] {
  const slips: YamlSlip[] = [];
  const { lines, starts } = lineTable(text);
  let above: { indent: number; opens: boolean; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!significant(line)) continue;
    const item = ITEM.exec(line);
    const indent = indentOf(line);
    if (item && above && !above.opens && indent > above.indent) {
      const end = runEnd(lines, i, above.indent + 1);
      const width = above.indent;
      slips.push({
        start: starts[i]! + indent,
        end: starts[i]! + indent + 1,
        // The parser's messages begin on the item above, which it reads as running on into these lines.
        explains: [starts[above.line]!, end < lines.length ? starts[end]! : text.length],
        reason: `YAML syntax error: this list item is indented ${spaces(indent)}, deeper than the item above it (${width}); the items of one list start in the same column: ${indentTo(width)}.`,
      });
      i = end - 1;
      continue;
    }
    const value = item ? item[2]! : line;
    if (/(^|:\s+)[|>][-+0-9]*\s*$/.test(uncommented(value).trim())) {
      // A block of text (`|` or `>`): its lines are text, whatever they start with.
      i = runEnd(lines, i, indent + 1) - 1;
      above = undefined;
      continue;
    }
    above = item ? { indent, opens: opensBlock(value), line: i } : undefined;
  }
  return slips;
}

/** The first Chinese comma that separates items of a flow collection in `line`, and that collection written with ASCII commas; else undefined. */
function flowComma(line: string): { column: number; comma: string; fixed: string } | undefined {
  const open = line.search(/[[{]/);
  if (open < 0) return undefined;
  const flow = line.slice(open);
  FLOW_COMMA.lastIndex = 0;
  const found = FLOW_COMMA.exec(flow);
  if (found === null) return undefined;
  return { column: open + found.index, comma: found[0], fixed: flow.replace(FLOW_COMMA, ', ').replace(/, +/g, ', ').trim() };
}

/** Whether `rest` (what follows an opening quote) closes it on the same line. */
function closes(rest: string, quote: string): boolean {
  if (quote === "'") return rest.replace(/''/g, '').includes("'");
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === '"') return true;
  }
  return false;
}

/** A key line: its indentation, its key, and what follows the colon. */
const KEY_LINE = /^( *)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * A key indented more or less than the keys of the map it follows: after `- title: 带教技巧`, whose
 * keys start in column 5, `sessions:` in column 3 or 7. YAML reads it as something else and says
 * so in its own terms ("All mapping items must start at the same column", "Sequence item without -
 * indicator", "Nested mappings are not allowed in compact mappings"). Named only where the parser
 * found an error, between the line above and this one, and where no enclosing map has its keys in
 * that column (a key further left may legally go back to one). Likewise a list item left of the
 * item above it where no enclosing list has its items ("A block sequence may not be used as an
 * implicit map key").
 */
function keysOutOfLine(text: string, errorsAt: readonly number[]): YamlSlip[] {
  const slips: YamlSlip[] = [];
  const { lines, starts } = lineTable(text);
  // The columns of the keys and list dashes of the lines above that are still open, left to right.
  const open: { column: number; key: boolean }[] = [];
  // The map the next key may continue: its column, where its last key starts, and whether that key is its first.
  let above: { start: number; column: number; first: boolean; name: string; item: boolean } | undefined;
  // The line above, when it is a list item holding its value (not opening a block below it).
  let lastItem: { start: number; indent: number } | undefined;
  let prevStart: number | undefined;
  let prevItem: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!significant(line)) continue;
    const start = starts[i]!;
    const item = ITEM.exec(line);
    const indent = indentOf(line);
    while (open.length && open[open.length - 1]!.column > indent) open.pop();
    const content = item ? item[2]! : line.trimStart();
    const column = line.length - content.length;
    const key = KEY_LINE.exec(line);
    const inLine = open.some((o) => o.key && o.column === indent);
    const lineEnd = start + line.length + 1;
    // Right after a list, a key in the column of its items: one of the map that holds the list
    // (`answer:` written under the items of `options:`).
    const holder = [...open].reverse().find((o) => o.key);
    const map = above ?? (holder && prevItem !== undefined && prevStart !== undefined && indent >= prevItem && indent > holder.column ? { start: prevStart, column: holder.column, first: false, name: '', item: false } : undefined);
    prevStart = start;
    prevItem = item ? indent : undefined;
    if (key && !item && map && indent !== map.column && !inLine && errorsAt.some((at) => at >= map.start && at < lineEnd)) {
      // The parser goes on finding fault with the rest of that map: up to the first line left of both.
      const end = runEnd(lines, i, Math.min(indent, map.column));
      // The next line of this line's level or further left, skipping what is nested under it.
      const next = lines.slice(i + 1, end).find((l) => significant(l) && indentOf(l) <= indent);
      const explains: [number, number] = [map.start, end < lines.length ? starts[end]! : text.length];
      if (map.first && next !== undefined && indentOf(next) === indent && KEY_LINE.test(next)) {
        // The first key of its map, and the keys after it agree with each other: that first key is the one out of line.
        const at = map.start + map.column;
        const reason = map.item
          ? `YAML syntax error: the first key of this list item, "${map.name}", starts in column ${map.column + 1}, but the keys after it in column ${indent + 1}; line them up.`
          : `YAML syntax error: "${map.name}" is indented ${spaces(map.column)}, but the keys after it are indented ${indent}: ${indentTo(indent)}.`;
        slips.push({ start: at, end: at + map.name.length, explains, reason });
      } else {
        slips.push({ start: start + indent, end: start + indent + key[2]!.length, explains, reason: `YAML syntax error: "${key[2]}" is indented ${spaces(indent)}, but the keys of the map above it are indented ${map.column}: ${indentTo(map.column)}.` });
      }
      // Read on as if it were where it belongs, so that the keys after it are not reported too.
      lastItem = undefined;
      continue;
    }
    // A list item left of the item above it, where no list of the lines above has its items.
    if (item && lastItem && lastItem.indent > indent && !open.some((o) => !o.key && o.column === indent) && errorsAt.some((at) => at >= lastItem!.start && at < lineEnd)) {
      const end = runEnd(lines, i, indent);
      slips.push({
        start: start + indent,
        end: start + indent + 1,
        explains: [lastItem.start, end < lines.length ? starts[end]! : text.length],
        reason: `YAML syntax error: this list item is indented ${spaces(indent)} and the item above it ${lastItem.indent}; the items of one list start in the same column.`,
      });
      lastItem = undefined;
      continue;
    }
    lastItem = item && !opensBlock(item[2]!) ? { start, indent } : undefined;
    if (item) open.push({ column: indent, key: false });
    // A key after another of its map (the one above it in its column, still open) is not its map's first.
    const sibling = open.length > 0 && open[open.length - 1]!.key && open[open.length - 1]!.column === column;
    if (sibling) open.pop();
    // The map whose keys the next line may continue: this line's, when its value is on the line.
    const own = KEY_LINE.exec(content);
    if (own) open.push({ column, key: true });
    const value = own?.[3] === undefined ? undefined : uncommented(own[3]).trim();
    above = own && value && !/^[|>]/.test(value) ? { start, column, first: item !== null || !sibling, name: own[2]!, item: item !== null } : undefined;
  }
  return slips;
}
