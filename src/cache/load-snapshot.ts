// What the load stage needs of every cached session and YAML file of a source folder (front matter
// and body facts; YAML data), packed into one file of the cache folder by cache key, so a rebuild
// reads one file instead of one entry per source file. The trees stay in the per-session entries and
// are read on first use. Each session line names the stamp of its entry: an entry rewritten or
// removed since is read and verified the usual way instead.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checksum, ENTRY_FORMAT } from './entry-codec.js';
import { assembleRecord, readRecordFile, writeAtomically, type ByteRange } from './entry-files.js';

const MAGIC = 'cs-train-snapshot';
const KEY_LENGTH = 64;
const HEX_KEY = /^[0-9a-f]{64}$/;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * One cached file of the snapshot read: a session (`s`, with its entry's stamp) or a YAML file (`y`).
 * Its line stays bytes in the file read (from `start` to `end`, JSON from `json`): decoded when asked
 * for, and copied as they are when the next snapshot keeps it.
 */
interface Line {
  kind: 's' | 'y';
  entry: string;
  start: number;
  json: number;
  end: number;
}

/** A session head or YAML body met in this load but not in the snapshot read. */
interface NewLine {
  kind: 's' | 'y';
  text: string;
}

/** Where the snapshot of `sourceDir` lives in the cache folder `cacheDir`: one per source folder. */
export function snapshotPath(cacheDir: string, sourceDir: string): string {
  return join(cacheDir, 'load-snapshots', createHash('sha256').update(resolve(sourceDir)).digest('hex').slice(0, 32));
}

/** The stamp of a cache entry file (inode, size, mtime in µs), or undefined when there is none: any write to the entry changes it. */
export function entryStamp(path: string): string | undefined {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    return s?.isFile() ? `${s.ino}:${s.size}:${Math.round(s.mtimeMs * 1000)}` : undefined;
  } catch {
    return undefined;
  }
}

/** The snapshot read at the start of a load, and the one this load leaves for the next. */
export class LoadSnapshot {
  private bytes: Buffer;
  private readonly loaded: Map<string, Line>;
  private readonly next = new Map<string, Line | NewLine>();

  /** `salt` names the tool build: a snapshot written by another one is ignored whole. */
  constructor(
    readonly file: string,
    private readonly salt: string,
  ) {
    const read = readSnapshot(file, salt);
    this.bytes = read?.bytes ?? Buffer.alloc(0);
    this.loaded = read?.lines ?? new Map();
  }

  /** Whether a session entry for `key` was in the previous load. */
  hasSession(key: string): boolean {
    return this.loaded.get(key)?.kind === 's';
  }

  /** The head line of the session `key` when its entry file is unchanged since the snapshot was written; kept for the next snapshot. */
  session(key: string, entryFile: string): string | undefined {
    const line = this.loaded.get(key);
    if (line?.kind !== 's' || line.entry !== entryStamp(entryFile)) return undefined;
    this.next.set(key, line);
    return this.bytes.toString('utf8', line.json, line.end);
  }

  /** The body of the YAML entry `key`; kept for the next snapshot. */
  yaml(key: string): string | undefined {
    const line = this.loaded.get(key);
    if (line?.kind !== 'y') return undefined;
    this.next.set(key, line);
    return this.bytes.toString('utf8', line.json, line.end);
  }

  /** Keep the session `key` for the next snapshot as this one has it, or else with `head` (a resident process had it from an earlier load). */
  carry(key: string, head: string): void {
    const line = this.loaded.get(key);
    if (line?.kind === 's') this.next.set(key, line);
    else this.keep('s', key, head);
  }

  /** Keep a session head or YAML body read from (or written to) its entry in this load. */
  keep(kind: 's' | 'y', key: string, text: string): void {
    if (!this.next.has(key)) this.next.set(key, { kind, text });
  }

  /** Forget both snapshots (after saving): the rest of a build does not need them. */
  release(): void {
    this.bytes = Buffer.alloc(0);
    this.loaded.clear();
    this.next.clear();
  }

  /**
   * Write the snapshot of this load (temporary file, then rename) unless it equals the previous one.
   * Lines kept from the previous snapshot are copied as bytes. `entryFile` locates a session's entry.
   */
  save(entryFile: (key: string) => string): void {
    const same = this.next.size === this.loaded.size && [...this.next].every(([key, line]) => this.loaded.get(key) === line);
    if (same) return;
    const lines: (ByteRange | string)[] = [];
    for (const key of [...this.next.keys()].sort()) {
      const line = this.next.get(key)!;
      if ('start' in line) {
        lines.push({ start: line.start, end: line.end + 1 });
        continue;
      }
      const entry = line.kind === 'y' ? '-' : entryStamp(entryFile(key));
      if (entry !== undefined) lines.push(`${line.kind} ${key} ${entry} ${line.text}\n`);
    }
    writeAtomically(this.file, assembleRecord(this.bytes, lines, (body) => `${MAGIC} ${ENTRY_FORMAT} ${this.salt} ${checksum(body)}\n`));
  }
}

/** The bytes of the snapshot in `file` and its lines, or undefined when it is missing, damaged, or from another tool build. */
function readSnapshot(file: string, salt: string): { bytes: Buffer; lines: Map<string, Line> } | undefined {
  const record = readRecordFile(file, MAGIC, checksum);
  if (!record) return undefined;
  const { bytes, header, body } = record;
  const [, format, fileSalt] = header;
  if (header.length !== 4 || format !== String(ENTRY_FORMAT) || fileSalt !== salt) return undefined;
  const lines = new Map<string, Line>();
  // Lines are `<kind> <key> <entry stamp> <json>\n`; JSON never holds a raw newline.
  for (let start = body; start < bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end < 0) return undefined;
    const kind = bytes[start] === 0x73 ? 's' : bytes[start] === 0x79 ? 'y' : undefined;
    const key = bytes.toString('latin1', start + 2, start + 2 + KEY_LENGTH);
    const stampEnd = bytes.indexOf(SPACE, start + 3 + KEY_LENGTH);
    const spaced = bytes[start + 1] === SPACE && bytes[start + 2 + KEY_LENGTH] === SPACE;
    if (kind === undefined || !spaced || !HEX_KEY.test(key) || stampEnd < 0 || stampEnd > end) return undefined;
    lines.set(key, { kind, entry: bytes.toString('latin1', start + 3 + KEY_LENGTH, stampEnd), start, json: stampEnd + 1, end });
    start = end + 1;
  }
  return { bytes, lines };
}
