// Which stored piece of the output cache each file of an output folder was made from, kept in the
// cache folder (never in the output). A later build that would make a file from the very same piece
// takes the file over from the previous output without reading or writing its bytes. Every record
// names the file's inode, size, and modification and change times, taken once the output folder is
// in place: a file changed since (even in place, with its modification time put back), replaced, or
// recorded by a build that was killed before it could update the record is never taken over. On a
// file system with coarse timestamps (whole seconds), a file whose change time is not clearly older
// than the record is not trusted either: an edit within the same tick would leave its stamp as it
// was. The record names the build of the tool that wrote it (its code fingerprint); another build's
// record is ignored whole, so a file it records is known to come from this very code (the slide decks
// reuse such a file's parts).
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync, writeFileSync, type BigIntStats } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeFingerprint } from '../cache/render-fingerprint.js';
import { RACY_MARGIN_NS } from '../cache/source-stamps.js';
import { isRecord } from '../util/is-record.js';
import { makeFolder } from '../util/make-folder.js';
import { moveOverAndDrop } from '../util/move-over.js';

/** A file of the output and the piece it holds. */
interface Entry {
  key: string;
  /** Inode, size, modification and change times (ns) of the file when recorded. */
  stamp: string;
}

const FORMAT = 'cs-train-output-manifest 3';

/** The record of one output folder's files. */
export class OutputManifest {
  private readonly files = new Map<string, Entry>();
  private readonly uses = new Map<string, readonly string[]>();
  /** Paths by key, made on first use (only for the previous build's record, which no longer changes). */
  private byKey: Map<string, string[]> | undefined;
  /** When the record read was taken (ns since the epoch), for the coarse-timestamp check. */
  private taken = 0n;

  /** The manifest of `out` kept in `file`; empty when missing, unreadable, of another folder or written by another build of the tool. */
  static read(file: string | undefined, out: string): OutputManifest {
    const manifest = new OutputManifest();
    if (file === undefined) return manifest;
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; tool?: unknown; out?: unknown; taken?: unknown; files?: unknown; uses?: unknown };
      if (data.format !== FORMAT || data.out !== out || !isRecord(data.files) || !isRecord(data.uses) || typeof data.taken !== 'string' || !/^\d+$/.test(data.taken)) return manifest;
      if (data.tool !== codeFingerprint()) return manifest;
      manifest.taken = BigInt(data.taken);
      for (const [path, v] of Object.entries(data.files)) {
        if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') manifest.files.set(path, { key: v[0], stamp: v[1] });
      }
      for (const [key, v] of Object.entries(data.uses)) {
        if (Array.isArray(v) && v.every((u) => typeof u === 'string')) manifest.uses.set(key, v as string[]);
      }
    } catch {
      /* no usable record: every file is made or compared as usual */
    }
    return manifest;
  }

  /** The files recorded as made from `key`, in path order. */
  pathsOf(key: string): readonly string[] {
    if (this.byKey === undefined) {
      this.byKey = new Map();
      for (const [path, e] of [...this.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const paths = this.byKey.get(e.key);
        if (paths) paths.push(path);
        else this.byKey.set(e.key, [path]);
      }
    }
    return this.byKey.get(key) ?? [];
  }

  /** Whether `path` in `folder` is, untouched, the file recorded as made from `key`. */
  holds(folder: string, path: string, key: string): boolean {
    const entry = this.files.get(path);
    return entry !== undefined && entry.key === key && this.untouched(stampOf(fileIn(folder, path)), entry);
  }

  /**
   * Whether a file's stamp now is the one recorded, and the record can tell an edit since from none:
   * on coarse timestamps, not when the change is within source-stamps' racy margin of the record.
   */
  private untouched(stamp: string | undefined, entry: Entry): boolean {
    if (stamp === undefined || stamp !== entry.stamp) return false;
    const ctime = BigInt(stamp.slice(stamp.lastIndexOf(':') + 1));
    return ctime % 1_000_000_000n !== 0n || ctime < this.taken - RACY_MARGIN_NS;
  }

  /**
   * The bytes of `path` in `folder` when it is recorded (made from any piece) and untouched since: the
   * file this build of the tool wrote there. Undefined otherwise, or when it cannot be read.
   */
  bytesOf(folder: string, path: string): Buffer | undefined {
    const entry = this.files.get(path);
    const file = fileIn(folder, path);
    if (entry === undefined || !this.untouched(stampOf(file), entry)) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(file, 'r');
      const bytes = readFileSync(fd);
      // Still the file stamped, not changed while it was read (a file replaced meanwhile is not the one opened).
      return stampText(fstatSync(fd, { bigint: true })) === entry.stamp ? bytes : undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeQuietly(fd);
    }
  }

  /** Record `path` as `earlier` records it (the file was kept where it is, so it is the same file). */
  carry(earlier: OutputManifest, path: string): void {
    const entry = earlier.files.get(path);
    if (entry === undefined) return;
    this.byKey = undefined;
    this.files.set(path, { ...entry });
    const uses = earlier.usesOf(entry.key);
    if (uses.length > 0) this.uses.set(entry.key, uses);
  }

  /** What the piece `key` was made from, as recorded. */
  usesOf(key: string): readonly string[] {
    return this.uses.get(key) ?? [];
  }

  /** Record that `path` in `folder` was just written from `key`, made from `uses`. */
  record(folder: string, path: string, key: string, uses: readonly string[]): void {
    const stamp = stampOf(fileIn(folder, path));
    if (stamp === undefined) return;
    this.byKey = undefined;
    this.files.set(path, { key, stamp });
    if (uses.length > 0) this.uses.set(key, uses);
  }

  /**
   * Keep the record in `file` for the output folder `out`, now in place (written whole, then renamed;
   * a failure only loses the record). The files `moved` into the output are stamped again first: the
   * move changed their change times.
   */
  write(file: string, out: string, moved: readonly string[]): void {
    this.stamp(out, moved);
    this.save(file, out);
  }

  /** Stamp the recorded files `moved` of `out` as they are now. */
  private stamp(out: string, moved: readonly string[]): void {
    for (const path of moved) {
      const entry = this.files.get(path);
      if (entry === undefined) continue;
      const stamp = stampOf(fileIn(out, path));
      if (stamp === undefined) this.files.delete(path);
      else entry.stamp = stamp;
    }
  }

  private save(file: string, out: string): void {
    const taken = BigInt(Date.now()) * 1_000_000n;
    const files = Object.fromEntries([...this.files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, e]) => [path, [e.key, e.stamp]]));
    const keys = new Set([...this.files.values()].map((e) => e.key));
    const uses = Object.fromEntries([...this.uses].filter(([key]) => keys.has(key)));
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      makeFolder(dirname(file));
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, tool: codeFingerprint(), out, taken: String(taken), files, uses }));
      moveOverAndDrop(tmp, file);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // A cache folder that cannot be written (a file in its place) keeps no record: the next build writes every file.
      }
    }
  }
}

/** The records' folder in the cache folder, and a record's name in it (`manifestFile`). */
const RECORDS = 'output-manifests';
const RECORD_NAME = /^[0-9a-f]{32}\.json$/;
/** The output folder a record is of: its `out` field, which `write` puts right after the format and the tool. */
const RECORD_OUT = /"out":("(?:[^"\\]|\\.)*")/;

/** Where the manifest of the output folder `out` (a real path) is kept in the cache folder. */
export function manifestFile(cacheDir: string, out: string): string {
  return join(cacheDir, RECORDS, `${createHash('sha256').update(out).digest('hex').slice(0, 32)}.json`);
}

/** Drop the record of the output folder `outDir` (about to be removed) from the cache folder, if any; never throws. */
export function forgetManifest(cacheDir: string, outDir: string): void {
  let out: string;
  try {
    out = realpathSync(outDir);
  } catch {
    return; // no folder: no record of it was written
  }
  rmSync(manifestFile(cacheDir, out), { force: true });
}

/**
 * Delete the records of output folders that no longer exist (`build -o` into a new temporary folder
 * each time, in CI with a kept cache, would add one each build); returns how many. A record being
 * written (a temporary name) or unreadable now is left alone.
 */
export function forgetManifestsOfMissingFolders(cacheDir: string): number {
  const dir = join(cacheDir, RECORDS);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!RECORD_NAME.test(name)) continue;
    const file = join(dir, name);
    let out: unknown;
    try {
      const m = RECORD_OUT.exec(readHead(file, 8192));
      out = m ? JSON.parse(m[1]!) : undefined;
    } catch {
      continue;
    }
    if (typeof out === 'string' && existsSync(out)) continue;
    rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

/** The first `bytes` bytes of `file` as UTF-8 text (a record runs to megabytes; its folder is near the start). */
function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeQuietly(fd);
  }
}

/** Where the output file `path` (forward slashes, relative) is in `folder`. */
export function fileIn(folder: string, path: string): string {
  return join(folder, ...path.split('/'));
}

/** Inode, size, modification and change times of a regular file, or undefined. */
function stampOf(path: string): string | undefined {
  let stat: BigIntStats;
  try {
    stat = lstatSync(path, { bigint: true });
  } catch {
    return undefined;
  }
  return stat.isFile() ? stampText(stat) : undefined;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* nothing was kept open */
  }
}

function stampText(stat: BigIntStats): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
