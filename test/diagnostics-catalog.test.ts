// Every rule cs-train can report is documented for training leads in docs/format.md, so a message's
// [rule-id] can always be looked up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../src/diagnostics/catalog.js';
import { ROOT } from './helpers/cli.js';

describe('the diagnostics catalog', () => {
  it('names every rule in the table of docs/format.md', () => {
    const table = readFileSync(join(ROOT, 'docs', 'format.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .join('\n');
    expect(Object.keys(catalog).filter((rule) => !table.includes(`\`${rule}\``))).toEqual([]);
  });
});
