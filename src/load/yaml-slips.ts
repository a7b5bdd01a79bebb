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
 * left open is looked for only then, since a quoted value may legally run over several lines).
 */
export function findYamlSlips(text: string, quoteError: boolean): YamlSlip[] {
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
  slips.push(...deeperItems(text));
  return slips.sort((a, b) => a.start - b.start);
}

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
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const significant = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
  let above: { indent: number; opens: boolean; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!significant(line)) continue;
    const item = ITEM.exec(line);
    const indent = line.length - line.trimStart().length;
    if (item && above && !above.opens && indent > above.indent) {
      let end = i + 1;
      while (end < lines.length && (!significant(lines[end]!) || lines[end]!.length - lines[end]!.trimStart().length > above.indent)) end++;
      const width = above.indent;
      slips.push({
        start: starts[i]! + indent,
        end: starts[i]! + indent + 1,
        // The parser's messages begin on the item above, which it reads as running on into these lines.
        explains: [starts[above.line]!, end < lines.length ? starts[end]! : text.length],
        reason: `YAML syntax error: this list item is indented ${indent} spaces, deeper than the item above it (${width}); the items of one list start in the same column: indent it ${width} spaces.`,
      });
      i = end - 1;
      continue;
    }
    const value = (item ? item[2]! : line).replace(/\s+#.*$/, '');
    if (/(^|:\s+)[|>][-+0-9]*\s*$/.test(value.trim())) {
      // A block of text (`|` or `>`): its lines are text, whatever they start with.
      while (i + 1 < lines.length && (!significant(lines[i + 1]!) || lines[i + 1]!.length - lines[i + 1]!.trimStart().length > indent)) i++;
      above = undefined;
      continue;
    }
    above = item ? { indent, opens: /(^|:)\s*$/.test(value), line: i } : undefined;
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
