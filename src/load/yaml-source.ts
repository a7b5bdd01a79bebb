// Parses YAML 1.2 with positions and turns a path into the document (a zod issue path, a reference)
// into the exact line:column of the key or value it names.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import { Diagnostics, type Place } from '../diagnostics/diagnostics.js';
import { placeAt, type SourceText } from './source-text.js';
import { scanYaml } from './yaml-scan.js';
import { findYamlSlips } from './yaml-slips.js';

/** Upper bound on alias expansion, against "billion laughs" documents: aliases per file, and copies of one anchor. */
export const MAX_YAML_ALIASES = 100;
/** YAML syntax errors reported per file; the rest are counted in one last diagnostic. */
export const MAX_YAML_ERRORS = 100;

/** A parsed YAML document tied to the source text it came from. */
export interface YamlSource {
  src: SourceText;
  doc: Document.Parsed;
  /** Offset of the YAML text inside the source file (non-zero for front matter). */
  offset: number;
  /** The plain data, or undefined when the YAML could not be read. */
  data: unknown;
}

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = ReadonlyArray<string | number>;

/** Parse YAML (a whole file, or front matter at `offset`) and report syntax errors at their place. */
export function parseYamlSource(src: SourceText, yamlText: string, offset: number, diagnostics: Diagnostics): YamlSource {
  const doc = parseDocument(yamlText, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    merge: false,
    keepSourceTokens: false,
    // A key that is a list or map is reported by the schema; the parser would also print a process warning.
    logLevel: 'error',
  });
  const scan = scanYaml(doc);
  const errors = onceExhausted(doc.errors);
  const slips = errors.length === 0 ? [] : findYamlSlips(yamlText, errors.some((e) => e.code === 'MISSING_CHAR' && /quote/i.test(e.message)), errors.map((e) => e.pos[0]));
  const explained = (at: number) => slips.some(({ explains: [from, to] }) => at >= from && at < to);
  const problems = [
    ...slips.map((slip) => ({ start: slip.start, end: slip.end, rule: 'yaml-syntax' as const, reason: slip.reason, severity: 'error' as const })),
    ...errors.filter((e) => !explained(e.pos[0])).map((e) => ({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), rule: 'yaml-syntax' as const, reason: e.code === 'MULTIPLE_DOCS' ? SECOND_DOCUMENT : yamlReason(e.message), severity: 'error' as const })),
    ...scan.duplicateKeys.map((k) => ({ start: k.range![0], end: k.range![0] + 1, rule: 'yaml-duplicate-key' as const, reason: 'Duplicate key: the same key appears twice in this map.', severity: 'error' as const })),
    ...doc.warnings.map((w) => ({ start: w.pos[0], end: w.pos[1], rule: 'yaml-syntax' as const, reason: yamlReason(w.message), severity: 'warning' as const })),
  ].sort((a, b) => a.start - b.start);
  problems.slice(0, MAX_YAML_ERRORS).forEach((p) => diagnostics.report(src.path, p.rule, p.reason, placeAt(src, offset + p.start, offset + p.end), p.severity));
  if (problems.length > MAX_YAML_ERRORS) {
    const next = problems[MAX_YAML_ERRORS]!;
    diagnostics.report(src.path, 'yaml-syntax', `${problems.length - MAX_YAML_ERRORS} more YAML problems in this file are not shown; fix the ones above first.`, placeAt(src, offset + next.start, offset + next.start));
  }
  let data: unknown;
  if (doc.errors.length === 0 && scan.duplicateKeys.length === 0) data = toPlainData(src, offset, doc, scan.aliases, diagnostics);
  return { src, doc, offset, data };
}

/**
 * A source read back from a cache: its document, needed only to point at a place when a diagnostic
 * is reported, is parsed again from the same text (`yamlText` of the source) on first use, so
 * positions match. Its plain data is `plain.raw` when the cache kept it, else parsed with the document.
 */
export function lazyYamlSource(src: SourceText, yamlText: (src: SourceText) => string, offset: number, plain?: { readonly raw: unknown }): YamlSource {
  return new LazyYamlSource(src, yamlText, offset, plain);
}

/** A class, so that the thousands of cached sources of a load share one shape and their getters. */
class LazyYamlSource implements YamlSource {
  #parsed: { doc: Document.Parsed; data: unknown } | undefined;

  constructor(
    readonly src: SourceText,
    private readonly yamlText: (src: SourceText) => string,
    readonly offset: number,
    private readonly plain: { readonly raw: unknown } | undefined,
  ) {}

  get data(): unknown {
    return this.plain ? this.plain.raw : this.#parse().data;
  }

  get doc(): Document.Parsed {
    return this.#parse().doc;
  }

  #parse(): { doc: Document.Parsed; data: unknown } {
    this.#parsed ??= parseYamlSource(this.src, this.yamlText(this.src), this.offset, new Diagnostics());
    return this.#parsed;
  }
}

/**
 * The parser's errors with at most one "call stack exceeded": nesting too deep for the stack may
 * exhaust it once or twice depending on how deep the caller's own stack already is.
 */
function onceExhausted<E extends { code: string }>(errors: E[]): E[] {
  const first = errors.findIndex((e) => e.code === 'RESOURCE_EXHAUSTION');
  return errors.filter((e, i) => e.code !== 'RESOURCE_EXHAUSTION' || i === first);
}

/** The document as plain data, unless its aliases could expand into a "billion laughs". */
function toPlainData(src: SourceText, offset: number, doc: Document.Parsed, aliases: { range?: [number, number, number] | null }[], diagnostics: Diagnostics): unknown {
  const at = (alias: { range?: [number, number, number] | null } | undefined) => placeAt(src, offset + (alias?.range?.[0] ?? 0), offset + (alias?.range?.[1] ?? 0));
  if (aliases.length > MAX_YAML_ALIASES) {
    diagnostics.report(src.path, 'yaml-aliases', `This file uses ${aliases.length} YAML aliases (*name); the limit is ${MAX_YAML_ALIASES} per file.`, at(aliases[MAX_YAML_ALIASES]));
    return undefined;
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (aliases.length > 0 && /alias/i.test((error as Error).message)) {
      diagnostics.report(src.path, 'yaml-aliases', `YAML aliases here expand to more than ${MAX_YAML_ALIASES} copies of one anchor (a "billion laughs" document); the file is not read.`, at(aliases[0]));
    } else {
      diagnostics.report(src.path, 'yaml-syntax', `YAML syntax error: the document cannot be read (${(error as Error).message}).`, placeAt(src, offset, offset));
    }
    return undefined;
  }
}

const SECOND_DOCUMENT = 'YAML syntax error: a second YAML document starts here (a line "---"); a file holds one document: remove the line, or move what follows into a file of its own.';

function yamlReason(message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return `YAML syntax error: ${first.endsWith('.') ? first : first + '.'}`;
}

/** The node at a path, or the deepest existing ancestor; `key` selects the key of the last pair. */
export function locate(ys: YamlSource, path: YamlPath, part: 'key' | 'value' = 'value'): Place {
  let node: unknown = ys.doc.contents;
  let lastPair: Pair | undefined;
  let reached = true;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) {
        reached = false;
        break;
      }
      lastPair = pair as Pair;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      lastPair = undefined;
      node = node.items[segment];
    } else {
      reached = false;
      break;
    }
  }
  let target: YamlNode | undefined;
  if (reached && part === 'key' && lastPair && isScalar(lastPair.key)) target = lastPair.key as YamlNode;
  else if (node && typeof node === 'object' && 'range' in (node as object)) target = node as YamlNode;
  else if (lastPair && isScalar(lastPair.key)) target = lastPair.key as YamlNode;
  if (!target || !target.range) return placeAt(ys.src, ys.offset, ys.offset);
  const [start, valueEnd] = target.range;
  return placeAt(ys.src, ys.offset + start, ys.offset + valueEnd);
}

/**
 * A model element's source place, found in the YAML document only when asked for: most places are
 * never reported, and finding one needs the document, which a cached file parses again on first use.
 */
export class LazySourceRef {
  readonly #ys: YamlSource;
  readonly #path: YamlPath;
  #found: Place | undefined;

  constructor(ys: YamlSource, path: YamlPath) {
    this.#ys = ys;
    this.#path = path;
  }

  /** The file as shown in diagnostics. */
  get file(): string {
    return this.#ys.src.path;
  }

  /** Line and column of the element. */
  get place(): Place {
    this.#found ??= locate(this.#ys, this.#path);
    return this.#found;
  }

  /** Serialised as the file and the path into its YAML, without searching the document. */
  toJSON(): { file: string; path: YamlPath } {
    return { file: this.file, path: this.#path };
  }
}
