// Cache files on disk: where each entry lives, and how entries and the load's own records are
// written (through a temporary file and a rename, so a reader sees all of a file or none of it).
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import { makeFolder } from '../util/make-folder.js';
import { moveOverAndDrop } from '../util/move-over.js';

/** Where the entry for `key` lives: <area>/<first two hex digits>/<key> (area `sessions` or `outputs`). */
export function entryPath(dir: string, key: string, area = 'sessions'): string {
  // Joined by hand: called for every session of a load, and `dir` is already a resolved path.
  return `${dir}${sep}${area}${sep}${key.slice(0, 2)}${sep}${key}`;
}

/** The bytes of the entry for `key`, or undefined when there is none. */
export function readEntry(dir: string, key: string, area = 'sessions'): Buffer | undefined {
  try {
    return readFileSync(entryPath(dir, key, area));
  } catch {
    return undefined;
  }
}

/** Write an entry (whole, or in parts written one after another) through a temporary file and a rename, so readers see all of it or nothing. */
export function writeEntry(dir: string, key: string, entry: string | Uint8Array | readonly Uint8Array[], area = 'sessions'): boolean {
  if (!existsSync(join(dir, 'CACHEDIR.TAG'))) {
    try {
      markCacheDir(dir);
    } catch (error) {
      noteWriteFailure(error);
      return false;
    }
  }
  return writeAtomically(entryPath(dir, key, area), entry);
}

let counter = 0;
let writeFailure: NodeJS.ErrnoException | undefined;

/** The error of the first cache file of this thread that could not be written, or undefined when every write succeeded. */
export function cacheWriteFailure(): NodeJS.ErrnoException | undefined {
  return writeFailure;
}

/** Forget a failed write: the build daemon starts each command with a clean slate, as a new process would. */
export function forgetCacheWriteFailure(): void {
  writeFailure = undefined;
}

function noteWriteFailure(error: unknown): void {
  writeFailure ??= error instanceof Error ? error : new Error(String(error));
}

/** Write `file` (and its folder) through a temporary file and a rename; false when the cache cannot be written. */
export function writeAtomically(file: string, contents: string | Uint8Array | readonly Uint8Array[]): boolean {
  const tmp = `${file}.${process.pid}-${threadId}-${counter++}.tmp`;
  try {
    makeFolder(dirname(file));
    if (typeof contents === 'string' || contents instanceof Uint8Array) writeFileSync(tmp, contents);
    else writeParts(tmp, contents);
    moveOverAndDrop(tmp, file);
    return true;
  } catch (error) {
    noteWriteFailure(error);
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* an unwritable cache is no cache */
    }
    return false;
  }
}

/** Write `parts` one after another into a new file, without joining them in memory (a book's entry runs to megabytes). */
function writeParts(file: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const part of parts) for (let at = 0; at < part.length; ) at += writeSync(fd, part, at);
  } finally {
    closeSync(fd);
  }
}

/** The standard tag that tells backup tools to skip the folder, and a note for people. */
function markCacheDir(dir: string): void {
  makeFolder(dir);
  writeFileSync(join(dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# cs-train build cache: safe to delete at any time; rebuilt on the next build.\n');
}

/** A range of bytes of a file read earlier, end exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Room left in front of an assembled record for its header line (magic, format, a key or time, a checksum). */
const HEADER_ROOM = 256;

/**
 * The bytes of a record file made of lines: ranges of the previous file's bytes (neighbouring ranges
 * copied as one) and new lines, copied once into one buffer, after a header line that `header` makes
 * from the finished body (it names the body's checksum).
 */
export function assembleRecord(previous: Buffer, lines: Iterable<ByteRange | string>, header: (body: Buffer) => string): Buffer {
  const runs: (ByteRange | string)[] = [];
  let length = 0;
  let run: ByteRange | undefined;
  for (const line of lines) {
    if (typeof line === 'string') {
      runs.push(line);
      run = undefined;
      length += Buffer.byteLength(line);
    } else {
      if (run !== undefined && run.end === line.start) run.end = line.end;
      else runs.push((run = { start: line.start, end: line.end }));
      length += line.end - line.start;
    }
  }
  const out = Buffer.allocUnsafe(HEADER_ROOM + length);
  let at = HEADER_ROOM;
  for (const r of runs) at += typeof r === 'string' ? out.write(r, at) : previous.copy(out, at, r.start, r.end);
  const head = Buffer.from(header(out.subarray(HEADER_ROOM)));
  if (head.length > HEADER_ROOM) return Buffer.concat([head, out.subarray(HEADER_ROOM)]);
  head.copy(out, HEADER_ROOM - head.length);
  return out.subarray(HEADER_ROOM - head.length);
}

/**
 * A record file written through `assembleRecord`: its bytes, the fields of its header line and where
 * the body starts, when the file exists, starts with `magic` and its body matches the checksum that
 * ends the header line; undefined otherwise (missing, damaged or foreign records are ignored).
 */
export function readRecordFile(file: string, magic: string, checksum: (body: Buffer) => string): { bytes: Buffer; header: string[]; body: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  const header = bytes.toString('latin1', 0, newline).split(' ');
  if (header[0] !== magic || header.at(-1) !== checksum(bytes.subarray(newline + 1))) return undefined;
  return { bytes, header, body: newline + 1 };
}
