// docs/format.md is the reference a training lead reads to write a curriculum: every key the
// validation schemas accept (the same ones the editor schemas offer) must be named there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEditorSchemas } from '../src/init/json-schemas.js';
import { ROOT } from './helpers/cli.js';

/** Every property name anywhere in a JSON Schema. */
function propertyNames(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) propertyNames(n, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') for (const name of Object.keys(value)) into.add(name);
      propertyNames(value, into);
    }
  }
  return into;
}

describe('docs/format.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/format.md'), 'utf8');
  // Words written as code: `title`, `extra:`, `{ session: module/session, start }` …
  const codeWords = new Set([...doc.matchAll(/`([^`\n]+)`/g)].flatMap((m) => m[1]!.match(/[A-Za-z]+/g) ?? []));

  for (const { kind, schema } of generateEditorSchemas()) {
    it(`names every key of a ${kind} file`, () => {
      const keys = [...propertyNames(schema)];
      expect(keys.length).toBeGreaterThan(2);
      expect(keys.filter((k) => !codeWords.has(k))).toEqual([]);
    });
  }

  it('does not send readers to a design document they do not have', () => {
    expect(doc).not.toContain('As in the design document');
  });
});
