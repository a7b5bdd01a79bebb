// Validates the plain data of a parsed YAML source against a zod schema, reporting each issue at
// the exact place of the key or value it concerns.
import type * as z from 'zod';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { YamlPath, YamlSource } from './yaml-source.js';
import { reportZodIssues } from './zod-issues.js';

/** The validated data, or undefined when the YAML could not be read or does not fit the schema. */
export function validateYaml<S extends z.ZodType>(ys: YamlSource, schema: S, what: string, diagnostics: Diagnostics): z.output<S> | undefined {
  if (ys.data === undefined) return undefined;
  const data = ys.data ?? {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.report(ys.src.path, 'wrong-type', `A ${what} file must be a map of keys (such as \`title: …\`), not ${Array.isArray(data) ? 'a list' : 'a single value'}.`, {
      line: 1,
      column: 1,
    });
    return undefined;
  }
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  // One trial parse per place in the schema (list indexes left out) and kind of value, not one per
  // issue: a file with 3,000 questions each giving `options` a single value parses twice, not 3,001 times.
  const verdicts = new Map<string, boolean>();
  reportZodIssues(ys, result.error.issues, what, diagnostics, (path, value) => {
    if (path.length === 0) return false;
    const place = JSON.stringify([path.map((key) => (typeof key === 'number' ? 0 : key)), typeof value]);
    let verdict = verdicts.get(place);
    if (verdict === undefined) {
      verdict = fitsAsList(data, schema, path, value);
      verdicts.set(place, verdict);
    }
    return verdict;
  });
  return undefined;
}

/** Whether `data` has no problem at `path` once the `value` there is wrapped in a one-entry list. */
function fitsAsList(data: object, schema: z.ZodType, path: YamlPath, value: unknown): boolean {
  let parent = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    if (next === null || typeof next !== 'object') return false;
    parent = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  // Tried in place and put back at once, rather than on a copy of the whole file.
  parent[last] = [value];
  try {
    const retry = schema.safeParse(data);
    return retry.success || !retry.error.issues.some((i) => path.every((key, n) => i.path[n] === key));
  } finally {
    parent[last] = value;
  }
}

/**
 * The keys of a file that does not fit `schema` which fit it on their own: the data without the
 * keys an issue names (and without unknown keys), validated with every key optional. A list (a
 * programme's `days` and `roles`, an assessment's `questions`) whose problems all lie inside some of
 * its entries keeps its other entries, each at its own index (the list has holes where the bad
 * entries were, which `forEach` skips), so the places of their references stay right. Rules that
 * check what a file refers to read these, so a file with a schema error still has its other
 * references checked in the same run instead of after the error is fixed. Undefined when the YAML
 * could not be read or is not a map. Only for schemas made with `strict()`.
 */
export function validKeys<S extends z.ZodObject>(ys: YamlSource | undefined, schema: S): Partial<z.output<S>> | undefined {
  const data = ys?.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const result = schema.safeParse(data);
  if (result.success) return result.data as Partial<z.output<S>>;
  const bad = new Set<PropertyKey>();
  // Keys whose every issue lies inside one of its entries: key -> the indexes of the bad entries.
  const badEntries = new Map<PropertyKey, Set<number> | null>();
  for (const issue of result.error.issues) {
    if (issue.path.length > 0) {
      const key = issue.path[0]!;
      bad.add(key);
      const index = issue.path[1];
      const entries = badEntries.get(key);
      if (typeof index === 'number' && entries !== null) badEntries.set(key, (entries ?? new Set()).add(index));
      else badEntries.set(key, null);
    } else if (issue.code === 'unrecognized_keys') for (const key of issue.keys) bad.add(key);
  }
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !bad.has(key) && key in schema.shape));
  const partial = schema.partial().safeParse(kept);
  if (!partial.success) return undefined;
  const valid = partial.data as Record<string, unknown>;
  for (const [key, entries] of badEntries) {
    if (!entries || typeof key !== 'string') continue;
    const list = (data as Record<string, unknown>)[key];
    const element = Array.isArray(list) ? entrySchema(schema.shape[key]) : undefined;
    if (!element || !Array.isArray(list)) continue;
    const good: unknown[] = new Array<unknown>(list.length);
    list.forEach((entry: unknown, i) => {
      if (entries.has(i)) return;
      const parsed = element.safeParse(entry);
      if (parsed.success) good[i] = parsed.data;
    });
    valid[key] = good;
  }
  return valid as Partial<z.output<S>>;
}

/**
 * The schema of one entry of a list key (`z.array(…)` or `listOf(…)`, optional or not); undefined
 * for other keys.
 */
function entrySchema(schema: unknown): z.ZodType | undefined {
  let s = schema as z.ZodType | undefined;
  for (;;) {
    if (s?.def.type === 'optional') s = (s as z.ZodOptional).unwrap() as z.ZodType;
    else if (s?.def.type === 'pipe' && (s as z.ZodPipe).def.in._zod.def.type === 'transform') s = (s as z.ZodPipe).def.out as z.ZodType;
    else break;
  }
  return s && s.def.type === 'array' ? ((s as z.ZodArray).element as z.ZodType) : undefined;
}
