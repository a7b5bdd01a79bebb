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
