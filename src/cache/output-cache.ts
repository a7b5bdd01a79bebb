// A content-addressed cache of rendered pieces (a slide deck's .pptx, a session's HTML for one
// edition), kept in `.cs-train-cache/outputs/` beside the session cache. A piece is keyed by the
// complete input its renderer reads, hashed with the render fingerprint (all of the tool's code, its
// dependencies' versions and the template files), so an unchanged input skips the renderer and a
// changed one, an upgrade or an edited template simply misses. Entries start with a CRC-32 of key
// and body, so a truncated or damaged entry is rendered again. Within one build the same input is
// rendered once even without a disk cache (`--no-cache`): every role's handbook shares a session's HTML.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from './entry-codec.js';
import { renderFingerprint } from './render-fingerprint.js';
import { entryPath, writeEntry } from './session-cache.js';

/** Counters of one build, for `CS_TRAIN_CACHE_STATS` and tests. */
export interface OutputCacheStats {
  hits: number;
  rendered: number;
}

/** Bytes of the checksum that leads every entry: CRC-32 of the key and the body. */
const CHECK_BYTES = 4;

/** A checksum binding an entry's body to its key: it catches truncated, altered or misfiled entries (not forgery). */
function checksum(key: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(CHECK_BYTES);
  if (crc32) out.writeUInt32BE(crc32(body, crc32(key)) >>> 0);
  else createHash('sha256').update(key).update(body).digest().copy(out, 0, 0, CHECK_BYTES);
  return out;
}

/** Rendered pieces by input: in memory for this build, and on disk when a cache folder is given. */
export class OutputCache {
  /** Counters of this build. */
  readonly stats: OutputCacheStats = { hits: 0, rendered: 0 };
  /** Keys of every piece asked for in this build, so the cache can drop the others. */
  readonly used = new Set<string>();
  private readonly memory = new Map<string, string>();
  private salt: string | undefined;
  private templateDirs: readonly string[] = [];

  /** `dir`: the cache folder (`.cs-train-cache`), or undefined for a build-local memo only. */
  constructor(readonly dir: string | undefined) {}

  /** The template folders of the build: their files are part of every key. Call before rendering. */
  useTemplates(dirs: readonly string[]): void {
    this.templateDirs = dirs;
    this.salt = undefined;
  }

  /** Text made by `produce` for `input`, reused when the same kind and input were rendered before. */
  text(kind: string, input: string, produce: () => string): string {
    const key = this.keyOf(kind, input);
    const seen = this.memory.get(key);
    if (seen !== undefined) return seen;
    const text = this.read(key)?.toString('utf8') ?? this.made(key, produce());
    this.memory.set(key, text);
    return text;
  }

  /** Bytes made by `produce` for `input`; kept on disk only (they are large and used once per build). */
  async bytes(kind: string, input: string, produce: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const key = this.keyOf(kind, input);
    return this.read(key) ?? this.made(key, await produce());
  }

  /** Drop the texts kept for this build (after each output), so they do not add up in memory; the disk cache keeps them. */
  forgetTexts(): void {
    this.memory.clear();
  }

  /** A summary line of the counters. */
  summary(): string {
    return `output cache ${this.dir ?? '(memory)'}: ${this.stats.hits} reused, ${this.stats.rendered} rendered`;
  }

  /** Count and store a piece just rendered. */
  private made<T extends string | Uint8Array>(key: string, piece: T): T {
    this.stats.rendered++;
    this.store(key, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece);
    return piece;
  }

  private keyOf(kind: string, input: string): string {
    this.salt ??= renderFingerprint(this.templateDirs);
    const key = createHash('sha256').update(this.salt).update('\0').update(kind).update('\0').update(input).digest('hex');
    this.used.add(key);
    return key;
  }

  /** The stored bytes of `key` when present and intact (its checksum leads the file). */
  private read(key: string): Buffer | undefined {
    if (this.dir === undefined) return undefined;
    let file: Buffer;
    try {
      file = readFileSync(entryPath(this.dir, key, 'outputs'));
    } catch {
      return undefined;
    }
    if (file.length < CHECK_BYTES) return undefined;
    const body = file.subarray(CHECK_BYTES);
    if (!checksum(key, body).equals(file.subarray(0, CHECK_BYTES))) return undefined;
    this.stats.hits++;
    return body;
  }

  private store(key: string, body: Uint8Array): void {
    if (this.dir === undefined) return;
    writeEntry(this.dir, key, Buffer.concat([checksum(key, body), body]), 'outputs');
  }
}
