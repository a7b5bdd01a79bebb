// Keeps the build cache from growing without end: every edit leaves the entries of the old text
// behind. After a full build the cache knows every key the curriculum needs; once the entries stored
// since the last clean-up could outnumber those, the entries this build did not use are deleted.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The cache areas: parsed sessions, parsed YAML files, rendered pieces; printed PDFs apart (see `pruneCache`). */
const AREAS = ['sessions', 'yaml', 'outputs'];
const PDF_AREA = 'pdfs';
/** Running count of entries stored since the last clean-up. */
const STORED_FILE = 'stored-since-pruning';
/** Entries are files named by a 64-digit hex key; temporary files of running writers are left alone. */
const ENTRY = /^[0-9a-f]{64}$/;

/**
 * Count `stored` new entries and, when they may outnumber the `used` ones, delete every entry not in
 * `used`. Printed PDFs are deleted only by a build that printed them (`pdfs`): one without `--pdf`
 * does not know their keys. Returns how many were deleted.
 */
export function pruneCache(dir: string, used: ReadonlySet<string>, stored: number, pdfs = false): number {
  const counter = join(dir, STORED_FILE);
  let total = stored;
  try {
    total += Number(readFileSync(counter, 'utf8').trim()) || 0;
  } catch {
    /* no count yet */
  }
  let removed = 0;
  if (total > used.size) {
    for (const area of pdfs ? [...AREAS, PDF_AREA] : AREAS) removed += pruneArea(join(dir, area), used);
    total = 0;
  }
  try {
    writeFileSync(counter, `${total}\n`);
  } catch {
    /* an unwritable cache is no cache */
  }
  return removed;
}

function pruneArea(dir: string, used: ReadonlySet<string>): number {
  let removed = 0;
  for (const bucket of list(dir)) {
    for (const name of list(join(dir, bucket))) {
      if (!ENTRY.test(name) || used.has(name)) continue;
      rmSync(join(dir, bucket, name), { force: true });
      removed++;
    }
  }
  return removed;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
