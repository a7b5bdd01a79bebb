// Parses a YAML source file, or takes its plain data from the cache when the same text parsed without
// any problem before. The YAML document itself (needed only to point at a place when a later check
// reports a problem) is parsed again on first use, from the same text, so positions match.
import type { SessionCache } from '../cache/session-cache.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { SourceText } from './source-text.js';
import { lazyYamlSource, parseYamlSource, type YamlSource } from './yaml-source.js';

/** The parsed YAML of a whole file, from the cache when possible; problems are reported only on a real parse. */
export function parseYamlCached(src: SourceText, kind: string, diagnostics: Diagnostics, cache: SessionCache | undefined): YamlSource {
  if (!cache?.dir) return parseYamlSource(src, src.text, 0, diagnostics);
  const key = cache.keyOf(`yaml ${kind}\n${src.text}`);
  const hit = cache.getYaml(key);
  if (hit) return lazyYamlSource(src, () => src.text, 0, hit.data);
  const before = diagnostics.file(src.path).messages.length;
  const ys = parseYamlSource(src, src.text, 0, diagnostics);
  if (diagnostics.file(src.path).messages.length === before && ys.data !== undefined) cache.putYaml(key, ys.data);
  return ys;
}
