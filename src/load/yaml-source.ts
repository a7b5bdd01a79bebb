// Parses YAML 1.2 with positions and turns a path into the document (a zod issue path, a reference)
// into the exact line:column of the key or value it names.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Diagnostics, Place } from '../diagnostics/diagnostics.js';
import { placeAt, type SourceText } from './source-text.js';

/** Upper bound on alias expansion, against "billion laughs" documents. */
export const MAX_YAML_ALIASES = 100;

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
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    merge: false,
    keepSourceTokens: false,
  });
  let hasErrors = false;
  for (const error of doc.errors) {
    hasErrors = true;
    const [start, end] = error.pos;
    const rule = error.code === 'DUPLICATE_KEY' ? 'yaml-duplicate-key' : 'yaml-syntax';
    const reason = rule === 'yaml-duplicate-key' ? 'Duplicate key: the same key appears twice in this map.' : yamlReason(error.message);
    diagnostics.report(src.path, rule, reason, placeAt(src, offset + start, offset + Math.max(end, start + 1)));
  }
  for (const warning of doc.warnings) {
    const [start, end] = warning.pos;
    diagnostics.report(src.path, 'yaml-syntax', yamlReason(warning.message), placeAt(src, offset + start, offset + end), 'warning');
  }
  let data: unknown;
  if (!hasErrors) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      diagnostics.report(src.path, 'yaml-aliases', `YAML aliases expand too far (${(error as Error).message.replace(/\s+/g, ' ')}).`, { line: 1, column: 1 });
    }
  }
  return { src, doc, offset, data };
}

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
