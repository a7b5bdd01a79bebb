// The stamp record of a source folder, kept in the cache folder: for each source file the last load
// read or trusted, its device, inode, size, and modification and change times in nanoseconds, with
// the content key of its text. A file whose stamp still matches is neither read nor hashed. As in
// git's index, a stamp whose times are not clearly older than the moment its load began looking at
// the files is not trusted: a second edit within the same timestamp tick would leave it unchanged.
import { createHash } from 'node:crypto';
import { statSync, type BigIntStats } from 'node:fs';
import { join, resolve } from 'node:path';
import { checksum } from './entry-codec.js';
import { assembleRecord, readRecordFile, writeAtomically } from './entry-files.js';

/**
 * Times closer than this to the start of the load that recorded them are not trusted. Two seconds
 * cover the coarsest timestamps in use (FAT; ext3 and HFS+ count whole seconds) and a clock read a
 * little ahead of the file system's coarse clock; a file saved that recently is simply read again.
 */
export const RACY_MARGIN_NS = 2_000_000_000n;

const MAGIC = 'cs-train-stamps';
const FORMAT = '2';
const DIGITS = /^\d+$/;
const HEX_KEY = /^[0-9a-f]{64}$/;
const KEY_LENGTH = 64;
const NEWLINE = 0x0a;
/** Where a line's path starts: after its stamp and key, a space and the path's opening quote. */
const PATH_START = Buffer.from(' "');

/**
 * One file of the record read: its line `<dev> <ino> <size> <mtime ns> <ctime ns> <key> <path as JSON>`
 * stays bytes (from `start` to the newline at `end`, the key just before `path`) until it is looked up,
 * and is copied as it is when the next record keeps it.
 */
interface Line {
  start: number;
  path: number;
  end: number;
}

/** Where the stamp record of `sourceDir` lives in the cache folder `cacheDir`: one record per source folder. */
export function stampRecordPath(cacheDir: string, sourceDir: string): string {
  return join(cacheDir, 'source-stamps', createHash('sha256').update(resolve(sourceDir)).digest('hex').slice(0, 32));
}

/** The stamps of one load: the previous record to trust, and the record this load leaves for the next. */
export class SourceStamps {
  /** When this load began looking at source files (ns since the epoch), before any was statted or read. */
  readonly started = BigInt(Date.now()) * 1_000_000n;
  /** Files whose stamp matched the record, and files read, in this load. */
  readonly counts = { trusted: 0, read: 0 };
  private readonly bytes: Buffer;
  private readonly recorded: Map<string, Line>;
  /** Stamps with a time at or after this are not trusted (start of the recording load minus the margin). */
  private readonly limit: bigint;
  /** The next record: lines kept from this one, and lines of files read. */
  private readonly next = new Map<string, Line | string>();
  private readonly known = new Map<string, string | undefined>();
  private changed = false;

  constructor(readonly file: string) {
    const record = readRecord(file);
    this.bytes = record?.bytes ?? Buffer.alloc(0);
    this.recorded = record?.lines ?? new Map();
    this.limit = (record?.started ?? 0n) - RACY_MARGIN_NS;
  }

  /**
   * The content key of `abs` when its stamp matches the record and is old enough to trust, else
   * undefined (the file must be read). Asked once per file and load; later asks get the same answer.
   */
  knownKey(abs: string): string | undefined {
    if (this.known.has(abs)) return this.known.get(abs);
    let key: string | undefined;
    const line = this.recorded.get(abs);
    const stats = line === undefined ? undefined : statOrUndefined(abs);
    if (line !== undefined && stats !== undefined && stats.mtimeNs < this.limit && stats.ctimeNs < this.limit) {
      const keyStart = line.path - KEY_LENGTH - 1;
      const recorded = this.bytes.toString('latin1', keyStart, keyStart + KEY_LENGTH);
      if (this.bytes.toString('latin1', line.start, keyStart) === stampOf(stats) && HEX_KEY.test(recorded)) {
        key = recorded;
        this.next.set(abs, line);
        this.counts.trusted++;
      }
    }
    this.known.set(abs, key);
    return key;
  }

  /** Record a file read by this load: `stats` taken before its bytes were read, `key` the content key of what was read. */
  noteRead(abs: string, stats: BigIntStats, key: string): void {
    this.next.set(abs, `${stampOf(stats)}${key} ${JSON.stringify(abs)}\n`);
    this.counts.read++;
    this.changed = true;
  }

  /** Write the record of this load (temporary file, then rename) when it differs from the previous one; kept lines are copied as bytes. */
  save(): void {
    if (!this.changed && this.next.size === this.recorded.size) return;
    const lines = [...this.next.values()].map((line) => (typeof line === 'string' ? line : { start: line.start, end: line.end + 1 }));
    writeAtomically(this.file, assembleRecord(this.bytes, lines, (body) => `${MAGIC} ${FORMAT} ${this.started} ${checksum(body)}\n`));
  }
}

function statOrUndefined(abs: string): BigIntStats | undefined {
  try {
    const stats = statSync(abs, { bigint: true, throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/** A file's stamp as recorded, up to its content key. */
function stampOf(s: BigIntStats): string {
  return `${s.dev} ${s.ino} ${s.size} ${s.mtimeNs} ${s.ctimeNs} `;
}

/** The record in `file`: its bytes, start time and lines by path; undefined when it is missing, damaged or not of this format. */
function readRecord(file: string): { bytes: Buffer; started: bigint; lines: Map<string, Line> } | undefined {
  const record = readRecordFile(file, MAGIC, checksum);
  if (!record) return undefined;
  const { bytes, header, body } = record;
  const [, format, started] = header;
  if (header.length !== 4 || format !== FORMAT || !DIGITS.test(started ?? '')) return undefined;
  const lines = new Map<string, Line>();
  for (let start = body; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const quote = bytes.indexOf(PATH_START, start);
    if (end < 0 || quote < 0 || quote > end || quote - start < KEY_LENGTH + 10) return undefined;
    const path = quote + 1;
    // Paths are written as JSON strings; most need no unescaping.
    const json = bytes.toString('utf8', path, end);
    const abs = json.includes('\\') ? parsePath(json) : json.length > 1 && json.endsWith('"') ? json.slice(1, -1) : undefined;
    if (abs === undefined) return undefined;
    lines.set(abs, { start, path, end });
    start = end + 1;
  }
  return { bytes, started: BigInt(started!), lines };
}

function parsePath(json: string): string | undefined {
  try {
    const path = JSON.parse(json) as unknown;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}
