// Reads a source file as text the way training leads save it (UTF-8, optional BOM, LF or CRLF) and
// maps character offsets to the 1-based line:column an editor shows. A file known unchanged by its
// stamp is not read at all until something needs its text (a diagnostic's place, a fresh parse).
import { hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { Diagnostics, type Place } from '../diagnostics/diagnostics.js';

/**
 * Largest source file read, in bytes; larger files are refused with a diagnostic. Parsing takes up
 * to a few kilobytes of memory per byte of pathological input, so 1 MiB keeps a run within ~1.5 GB.
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** A decoded source file with its display path and line index. */
export interface SourceText {
  /** Absolute path on disk. */
  abs: string;
  /** Path shown in diagnostics: relative to the working directory, forward slashes. */
  path: string;
  /** Text with the BOM removed and line endings normalised to LF (lengths of lines unchanged). */
  readonly text: string;
  readonly lineStarts: number[];
  /** SHA-256 (hex) of `text`, once known: see `contentKeyOf`. */
  key?: string;
  /** The file's status taken just before its bytes were read (identity, size and times, for the stamp record). */
  stats?: BigIntStats;
}

/** Read and decode one file; reports encoding problems and returns undefined when unusable. */
export function readSourceText(abs: string, path: string, diagnostics: Diagnostics): SourceText | undefined {
  let bytes: Buffer;
  let stats: BigIntStats;
  try {
    const read = readBounded(abs);
    if (typeof read === 'string') {
      diagnostics.report(path, read === 'not-a-file' ? 'file-unreadable' : 'file-too-large', read === 'not-a-file' ? 'This is not a regular file (a folder, pipe, socket or device); it is not read.' : read);
      return undefined;
    }
    ({ bytes, stats } = read);
  } catch (error) {
    diagnostics.report(path, 'file-unreadable', `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    return undefined;
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    const lines = prefix.split('\n');
    const place = { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
    diagnostics.source(path, prefix);
    diagnostics.report(path, 'file-encoding', `Invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte ${bad}.`, place);
    return undefined;
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  diagnostics.source(path, text);
  return { abs, path, text, lineStarts: lineStartsOf(text), stats };
}

/** The content key of a source text: the SHA-256 of its (normalised) text, computed once. */
export function contentKeyOf(src: SourceText): string {
  src.key ??= hash('sha256', src.text);
  return src.key;
}

/**
 * A file whose content key is known from its stamp: nothing is read until something asks for the
 * text (a diagnostic's line and column, a parse, a code frame). The text read then must hash to the
 * key; if it does not, the file was changed during the build, which is reported as an error, never a crash.
 */
export class DeferredSourceText implements SourceText {
  #text?: string;
  #lineStarts?: number[];

  constructor(
    readonly abs: string,
    readonly path: string,
    readonly key: string,
    private readonly diagnostics: Diagnostics,
  ) {
    diagnostics.source(path, this);
  }

  get text(): string {
    this.#text ??= this.#read();
    return this.#text;
  }

  get lineStarts(): number[] {
    this.#lineStarts ??= lineStartsOf(this.text);
    return this.#lineStarts;
  }

  /** Whether the text has been read. */
  get loaded(): boolean {
    return this.#text !== undefined;
  }

  #read(): string {
    const read = readSourceText(this.abs, this.path, new Diagnostics());
    if (read === undefined || contentKeyOf(read) !== this.key) {
      this.diagnostics.report(this.path, 'source-changed', 'This file changed while the build was running, after it had been found unchanged; what was built from it may not match it.');
      return read?.text ?? '';
    }
    return read.text;
  }
}

/**
 * The buffer each thread reads source files into. A fresh buffer per file (the file's size plus room
 * to notice it growing) left the main thread's malloc heap fragmented after reading 4,000 sessions.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** `scratch`, at least `size` bytes long, keeping its first `keep` bytes. */
function scratchOf(size: number, keep: number): Buffer {
  if (scratch.length < size) {
    const larger = Buffer.allocUnsafeSlow(Math.max(size, Math.min(scratch.length * 2, MAX_SOURCE_BYTES + 1)));
    scratch.copy(larger, 0, 0, keep);
    scratch = larger;
  }
  return scratch;
}

/**
 * The bytes of a regular file of at most MAX_SOURCE_BYTES, or why not. Opened without blocking (a
 * named pipe would wait forever for a writer) and read only up to the limit, even if the file grows.
 * The bytes are a view of this thread's read buffer: valid until the next file is read.
 */
function readBounded(abs: string): { bytes: Buffer; stats: BigIntStats } | 'not-a-file' | string {
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    // Taken before reading: a change made while reading gives a newer stamp than the one recorded.
    const stats = fstatSync(fd, { bigint: true });
    const size = Number(stats.size);
    if (!stats.isFile()) return 'not-a-file';
    const tooLarge = (n: number) => `File is ${(n / 1048576).toFixed(1)} MiB; the limit is ${MAX_SOURCE_BYTES / 1048576} MiB per source file.`;
    if (size > MAX_SOURCE_BYTES) return tooLarge(size);
    // One byte more than the file's size, so that the read that finds its end needs no larger buffer.
    let buffer = scratchOf(size + 1, 0);
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = scratchOf(length + 65536, length);
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_SOURCE_BYTES) return tooLarge(length);
    }
    return { bytes: buffer.subarray(0, length), stats };
  } finally {
    closeSync(fd);
  }
}

/** Offsets at which each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The 1-based line and column of a character offset. */
export function pointAt(src: Pick<SourceText, 'lineStarts'>, offset: number): { line: number; column: number } {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** A place for the offset range [start, end), clipped to the first line it covers. */
export function placeAt(src: SourceText, start: number, end: number): Place {
  const a = pointAt(src, start);
  const lineEnd = src.text.indexOf('\n', start);
  const clipped = lineEnd === -1 ? end : Math.min(end, lineEnd);
  const b = pointAt(src, Math.max(start, clipped));
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** Index of the first byte that breaks UTF-8, or -1 when the buffer is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
