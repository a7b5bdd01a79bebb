// Validates the plain data of a parsed YAML source against a zod schema, reporting each issue at
// the exact place of the key or value it concerns.
import type * as z from 'zod';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { YamlSource } from './yaml-source.js';
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
  reportZodIssues(ys, result.error.issues, what, diagnostics);
  return undefined;
}

/**
 * The keys of a file that does not fit `schema` which fit it on their own: the data without the
 * keys an issue names (and without unknown keys), validated with every key optional. A list of
 * entries (a programme's `days`, an assessment's `questions`) whose problems all lie inside some of
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

/** The schema of one entry of a list key (`z.array(…)`, optional or not); undefined for other keys. */
function entrySchema(schema: unknown): z.ZodType | undefined {
  let s = schema as z.ZodType | undefined;
  while (s && s.def.type === 'optional') s = (s as z.ZodOptional).unwrap() as z.ZodType;
  return s && s.def.type === 'array' ? ((s as z.ZodArray).element as z.ZodType) : undefined;
}
