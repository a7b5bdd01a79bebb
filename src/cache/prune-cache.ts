// Keeps the build cache from growing without end: every edit leaves the entries of the old text
// behind. A complete build (every output, no --only, --role or --program) knows every key the
// curriculum needs, and records them; a partial build (or a `serve` limited to some outputs) knows
// only its own, so it keeps those and the last complete build's. Once the entries stored since the
// last clean-up could outnumber the keys kept, every other entry is deleted.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { forgetManifestsOfMissingFolders } from '../emit/output-manifest.js';
import { writeAtomically } from './entry-files.js';

/** The cache areas: parsed sessions, parsed YAML files, rendered pieces; printed PDFs apart (see `pruneCache`). */
const AREAS = ['sessions', 'yaml', 'outputs'];
const PDF_AREA = 'pdfs';
/** Running count of entries stored since the last clean-up. */
const STORED_FILE = 'stored-since-pruning';
/** The keys of the last complete build, and of the last complete build that printed PDFs. */
const COMPLETE_KEYS = 'keys-of-last-complete-build';
const COMPLETE_PDF_KEYS = 'keys-of-last-complete-pdf-build';
/** Entries are files named by a 64-digit hex key; temporary files of running writers are left alone. */
const ENTRY = /^[0-9a-f]{64}$/;

/** What a build made, for the clean-up. */
export interface PruneScope {
  /** Every output of the curriculum (no --only, --role or --program): its keys are all the curriculum needs. */
  complete: boolean;
  /** PDFs were printed. Printed PDFs are deleted only by a build that printed them: one without `--pdf` does not know their keys. */
  pdfs: boolean;
}

/**
 * Count `stored` new entries and, when they may outnumber the keys to keep, delete every entry of the
 * areas this build may judge that is not kept. A complete build keeps `used`; a partial one keeps
 * `used` and the keys of the last complete build (of the last complete one that printed PDFs, for
 * printed PDFs). Printed PDFs are few but large: a build that prints judges them every time, and
 * deletes the stale ones once they outnumber those it keeps (or when it prunes the other areas).
 * Returns how many entries were deleted.
 */
export function pruneCache(dir: string, used: ReadonlySet<string>, stored: number, scope: PruneScope = { complete: true, pdfs: false }): number {
  const counter = join(dir, STORED_FILE);
  let total = stored + readCount(counter);
  if (scope.complete) {
    recordKeys(join(dir, COMPLETE_KEYS), used);
    if (scope.pdfs) recordKeys(join(dir, COMPLETE_PDF_KEYS), used);
  }
  let removed = 0;
  let pruned = false;
  // A partial build keeps more than it used: read the record only when pruning may be due.
  if (total > used.size) {
    const keep = scope.complete ? used : withRecorded(used, join(dir, COMPLETE_KEYS));
    if (total > keep.size) {
      for (const area of AREAS) removed += pruneArea(join(dir, area), keep);
      removed += forgetManifestsOfMissingFolders(dir);
      total = 0;
      pruned = true;
    }
  }
  // Counting against every key would let thousands of stale PDFs (megabytes each) pile up first.
  if (scope.pdfs) {
    const keepPdfs = scope.complete ? used : withRecorded(used, join(dir, COMPLETE_PDF_KEYS));
    const printed = entriesOf(join(dir, PDF_AREA));
    const stale = printed.filter((entry) => !keepPdfs.has(basename(entry)));
    if (pruned || stale.length > printed.length - stale.length) {
      for (const entry of stale) rmSync(entry, { force: true });
      removed += stale.length;
    }
  }
  writeCount(counter, total);
  return removed;
}

function readCount(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    return 0; // no count yet
  }
}

function writeCount(file: string, count: number): void {
  try {
    writeFileSync(file, `${count}\n`);
  } catch {
    /* an unwritable cache is no cache */
  }
}

/** Record `keys` (one a line) for later partial builds, replacing the file whole. */
function recordKeys(file: string, keys: ReadonlySet<string>): void {
  writeAtomically(file, `${[...keys].join('\n')}\n`);
}

/** `used` and the keys recorded in `file` (none when it is missing or unreadable). */
function withRecorded(used: ReadonlySet<string>, file: string): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return used;
  }
  const keep = new Set(used);
  for (const key of text.split('\n')) if (ENTRY.test(key)) keep.add(key);
  return keep;
}

function pruneArea(dir: string, keep: ReadonlySet<string>): number {
  let removed = 0;
  for (const entry of entriesOf(dir)) {
    if (keep.has(basename(entry))) continue;
    rmSync(entry, { force: true });
    removed++;
  }
  return removed;
}

/** The entry files of an area (not the temporary files of running writers). */
function entriesOf(dir: string): string[] {
  return list(dir).flatMap((bucket) => list(join(dir, bucket)).filter((name) => ENTRY.test(name)).map((name) => join(dir, bucket, name)));
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
