// Parses and validates a YAML source file, or takes its plain data (and, when it fitted its schema,
// its validated data) from the cache when the same text parsed without any problem before. The YAML
// document itself (needed only to point at a place when a later check reports a problem) is parsed
// again on first use, from the same text, so positions match.
import type * as z from 'zod';
import type { SessionCache } from '../cache/session-cache.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { contentKeyOf, type SourceText } from './source-text.js';
import { validateYaml } from './validate-yaml.js';
import { lazyYamlSource, parseYamlSource, type YamlSource } from './yaml-source.js';

/** The parsed YAML of a whole file and its data validated against `schema` (undefined when it does not fit). */
export interface ValidatedYaml<T> {
  ys: YamlSource;
  data?: T;
}

/**
 * Parse and validate the YAML file `src` (of a `kind` that always goes with the same `schema`), from
 * the cache when possible; problems are reported only on a real parse or validation.
 */
export function parseYamlCached<S extends z.ZodType>(src: SourceText, kind: string, schema: S, diagnostics: Diagnostics, cache: SessionCache | undefined): ValidatedYaml<z.output<S>> {
  if (!cache?.dir) {
    const ys = parseYamlSource(src, src.text, 0, diagnostics);
    return { ys, data: validateYaml(ys, schema, kind, diagnostics) };
  }
  const key = cache.keyOf(contentKeyOf(src), `yaml ${kind}`);
  const hit = cache.getYaml(key);
  if (hit) {
    const ys = lazyYamlSource(src, wholeText, 0, { raw: hit.data });
    return { ys, data: 'valid' in hit ? (hit.valid as z.output<S>) : validateYaml(ys, schema, kind, diagnostics) };
  }
  const before = diagnostics.file(src.path).messages.length;
  const ys = parseYamlSource(src, src.text, 0, diagnostics);
  if (diagnostics.file(src.path).messages.length !== before || ys.data === undefined) return { ys, data: validateYaml(ys, schema, kind, diagnostics) };
  const data = validateYaml(ys, schema, kind, diagnostics);
  const valid = diagnostics.file(src.path).messages.length === before ? data : undefined;
  cache.putYaml(key, valid === undefined ? { data: ys.data } : { data: ys.data, valid });
  return { ys, data };
}

function wholeText(src: SourceText): string {
  return src.text;
}
