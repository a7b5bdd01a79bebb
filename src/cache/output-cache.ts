// A content-addressed cache of rendered pieces (a slide deck's .pptx, a session's HTML for one
// edition), kept in `.cs-train-cache/outputs/` beside the session cache. A piece is keyed by the
// complete input its renderer reads, hashed with the render fingerprint (all of the tool's code, its
// dependencies' versions and the template files), so an unchanged input skips the renderer and a
// changed one, an upgrade or an edited template simply misses. Entries start with a CRC-32 of key
// and body, so a truncated or damaged entry is rendered again. Within one build the same input is
// rendered once even without a disk cache (`--no-cache`): every role's handbook shares a session's HTML.
// A piece made from other pieces (a book from its sessions' HTML) records their keys, so that reusing
// it keeps them in the cache too: the clean-up after a build drops only what no output needs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from './entry-codec.js';
import { renderFingerprint } from './render-fingerprint.js';
import { entryPath, writeEntry } from './entry-files.js';

/** Counters of one build, for `CS_TRAIN_CACHE_STATS` and tests. */
export interface OutputCacheStats {
  hits: number;
  rendered: number;
  /** The same counters by kind of piece (e.g. `handbook-book`). */
  kinds: Map<string, { hits: number; rendered: number }>;
}

/** Where rendered pieces are kept in the cache folder: printed PDFs apart, so a build without --pdf never clears them. */
export type OutputArea = 'outputs' | 'pdfs';

/** Bytes of the checksum that leads every entry: CRC-32 of the key and the body. */
const CHECK_BYTES = 4;

/**
 * Keys of long inputs (a book's lists every session it prints), by render fingerprint and kind, kept
 * by a resident process from build to build: an input made again as the very same string (see
 * bookInput in handbook/index.ts) is then looked up, not hashed again.
 */
let longKeys: Map<string, Map<string, string>> | undefined;
/** How long an input must be for its key to be kept, and how many are kept of each kind (and how many kinds). */
const LONG_INPUT = 16_384;
const LONG_KEYS_KEPT = 64;

/** Keep the keys of long inputs between builds (the build daemon and `serve`). */
export function keepLongKeys(): void {
  longKeys ??= new Map();
}

function rememberedKeys(group: string): Map<string, string> {
  let keys = longKeys!.get(group);
  if (keys === undefined) {
    // Fingerprints of earlier templates are let go.
    if (longKeys!.size >= LONG_KEYS_KEPT) longKeys!.clear();
    longKeys!.set(group, (keys = new Map()));
  }
  return keys;
}

/** A checksum binding an entry's body (given in parts, taken in order) to its key: it catches truncated, altered or misfiled entries (not forgery). */
function checksum(key: string, body: readonly Uint8Array[]): Buffer {
  const out = Buffer.alloc(CHECK_BYTES);
  if (crc32) {
    const fold = crc32;
    out.writeUInt32BE(body.reduce((crc, part) => fold(part, crc), fold(key)) >>> 0);
  } else {
    const hash = createHash('sha256').update(key);
    for (const part of body) hash.update(part);
    hash.digest().copy(out, 0, 0, CHECK_BYTES);
  }
  return out;
}

/** Rendered pieces by input: in memory for this build, and on disk when a cache folder is given. */
export class OutputCache {
  /** Counters of this build. */
  readonly stats: OutputCacheStats = { hits: 0, rendered: 0, kinds: new Map() };
  /** Keys of every piece asked for in this build, so the cache can drop the others. */
  readonly used = new Set<string>();
  /** Texts of this build, with how many more times they will be asked for (Infinity: unknown). */
  private readonly memory = new Map<string, { text: string; left: number }>();
  /** Keys asked for while each piece being made (innermost last) is produced. */
  private readonly tracking: Set<string>[] = [];
  private readonly kindOf = new Map<string, string>();
  /** The pieces each piece of this build was made from (when any), for the output manifest. */
  private readonly usesByKey = new Map<string, readonly string[]>();
  private salt: string | undefined;
  /** The last key computed, with its kind and input. */
  private last: { kind: string; input: string; key: string } | undefined;
  private templates = '';

  /** `dir`: the cache folder (`.cs-train-cache`), or undefined for a build-local memo only. */
  constructor(readonly dir: string | undefined) {}

  /** The template set of the build (`Templates.fingerprint`): its files are part of every key. Call before rendering. */
  useTemplates(fingerprint: string): void {
    this.templates = fingerprint;
    this.salt = undefined;
    this.last = undefined;
  }

  /**
   * Text made by `produce` for `input`, reused when the same kind and input were rendered before.
   * `readers`: how many times this build asks for it, when known; it is kept in memory until the
   * last of them (else until `forgetTexts`).
   */
  text(kind: string, input: string, produce: () => string, readers = Infinity): string {
    const key = this.keyFor(kind, input);
    const seen = this.memory.get(key);
    if (seen !== undefined) {
      this.markUsed(this.usesOf(key));
      if (--seen.left <= 0) this.memory.delete(key);
      return seen.text;
    }
    const text = this.read(key)?.toString('utf8') ?? this.make(key, produce);
    if (readers > 1) this.memory.set(key, { text, left: readers - 1 });
    return text;
  }

  /**
   * A whole page made by `produce` for `input`, as UTF-8 bytes; kept on disk only, like `bytes` (pages
   * run to megabytes), unless `produce` returns it as `Derived`.
   */
  page(kind: string, input: string, produce: () => string | Uint8Array | Derived<Uint8Array>): Uint8Array {
    const key = this.keyFor(kind, input);
    return this.read(key) ?? this.make(key, () => {
      const page = produce();
      return typeof page === 'string' ? Buffer.from(page, 'utf8') : page;
    });
  }

  /** The stored bytes of piece `key` when present and intact, neither counted nor kept: a base to make another piece from. */
  peek(key: string): Buffer | undefined {
    return this.load(key)?.body;
  }

  /**
   * Store `body` under `kind` and `input` (counted as rendered), replacing what was there: a small
   * record that a later build updates in place (which stored book a frame was last assembled into).
   */
  put(kind: string, input: string, body: Uint8Array): void {
    this.made(this.keyFor(kind, input), body, []);
  }

  /** Count `keys` as used by this build, and by the piece being made, without reading them: the parts a spliced piece keeps from its base. */
  use(keys: readonly string[]): void {
    this.markUsed(keys);
  }

  /** Count a piece of `kind` that the cache does not make itself (a book's frame) as reused or rendered, by kind only. */
  tally(kind: string, reused: boolean): void {
    if (reused) this.counter(kind).hits++;
    else this.counter(kind).rendered++;
  }

  /**
   * Bytes made by `produce` for `input`; kept on disk only (they are large and used once per build).
   * `area` `pdfs` keeps them apart from the other pieces: only a build that prints PDFs clears those.
   * Bytes that `produce` returns as `Derived` are not stored (they depend on more than `input`).
   */
  async bytes(kind: string, input: string, produce: () => Promise<Uint8Array | Derived<Uint8Array>>, area: OutputArea = 'outputs'): Promise<Uint8Array> {
    const key = this.keyFor(kind, input);
    const stored = this.read(key, area);
    if (stored) return stored;
    return this.finish(key, await produce(), [], area);
  }

  /**
   * Pieces made together by `produce` for `input`, as one entry: several files at once, or a piece
   * with facts about it (a deck's warnings). On disk only, like `page`; the parts come back as bytes,
   * never decoded, and are read back from the entry even when just made, so fresh and cached agree.
   */
  bundle<T>(kind: string, input: string, produce: () => Bundle<T>): Bundle<T> {
    const key = this.keyFor(kind, input);
    return decodeBundle<T>(this.read(key) ?? this.make(key, () => encodeBundle(produce())));
  }

  /** The bundle stored for `kind` and `input` (counted as reused), or undefined: for a piece made only once its parts are at hand. */
  stored<T>(kind: string, input: string): Bundle<T> | undefined {
    const piece = this.read(this.keyFor(kind, input));
    return piece && decodeBundle<T>(piece);
  }

  /** The key of a piece (counted as used by this build); also for files the previous output may already hold. */
  keyFor(kind: string, input: string): string {
    // A piece's key is often asked for just before the piece itself (a book records where each lies): hash once.
    let key = this.last?.kind === kind && this.last.input === input ? this.last.key : undefined;
    if (key === undefined) {
      this.salt ??= renderFingerprint(this.templates);
      const remembered = longKeys !== undefined && input.length >= LONG_INPUT ? rememberedKeys(`${this.salt}\0${kind}`) : undefined;
      key = remembered?.get(input) ?? createHash('sha256').update(this.salt).update('\0').update(kind).update('\0').update(input).digest('hex');
      if (remembered !== undefined && !remembered.has(input)) {
        if (remembered.size >= LONG_KEYS_KEPT) remembered.clear();
        remembered.set(input, key);
      }
      this.last = { kind, input, key };
    }
    this.knownKey(kind, key);
    return key;
  }

  /** Count a key of `kind` recorded by an earlier build (see `keyFor`) as used by this one. */
  knownKey(kind: string, key: string): void {
    this.markUsed([key]);
    this.kindOf.set(key, kind);
  }

  /** Count the piece `key` as reused (read, or taken over from the previous output unread), and keep what it was made from. */
  keep(key: string, uses: readonly string[]): void {
    this.stats.hits++;
    this.countOf(key).hits++;
    this.markUsed(uses);
    if (uses.length > 0) this.usesByKey.set(key, uses);
  }

  /** The pieces `key` was made from, as far as this build knows (it read, made or kept it). */
  usesOf(key: string): readonly string[] {
    return this.usesByKey.get(key) ?? [];
  }

  /** Drop the texts kept for this build (after each output), so they do not add up in memory; the disk cache keeps them. */
  forgetTexts(): void {
    this.memory.clear();
  }

  /** A summary line of the counters. */
  summary(): string {
    const kinds = [...this.stats.kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => `${kind} ${n.hits}/${n.rendered}`);
    return `output cache ${this.dir ?? '(memory)'}: ${this.stats.hits} reused, ${this.stats.rendered} rendered (reused/rendered: ${kinds.join(', ')})`;
  }

  /** Count and (unless derived) store a piece just rendered. */
  private made<T extends string | Uint8Array>(key: string, piece: T, uses: string[], store = true, area: OutputArea = 'outputs'): T {
    this.stats.rendered++;
    this.countOf(key).rendered++;
    if (uses.length > 0) this.usesByKey.set(key, uses);
    if (store) this.store(key, typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece, uses, area);
    return piece;
  }

  /** Render and store a piece, with the keys of the pieces `produce` asks for (synchronously) on the way. */
  private make<T extends string | Uint8Array>(key: string, produce: () => T | Derived<T>): T {
    const uses = new Set<string>();
    this.tracking.push(uses);
    let piece: T | Derived<T>;
    try {
      piece = produce();
    } finally {
      this.tracking.pop();
    }
    return this.finish(key, piece, [...uses]);
  }

  /** Count a piece just made, and store it unless it is `Derived` (made from more than its input says). */
  private finish<T extends string | Uint8Array>(key: string, piece: T | Derived<T>, uses: string[], area: OutputArea = 'outputs'): T {
    return piece instanceof Derived ? this.made(key, piece.piece, uses, false, area) : this.made(key, piece, uses, true, area);
  }

  /** Count keys as used by this build (and by every piece being made). */
  private markUsed(keys: Iterable<string>): void {
    for (const key of keys) {
      this.used.add(key);
      for (const t of this.tracking) t.add(key);
    }
  }

  private countOf(key: string): { hits: number; rendered: number } {
    return this.counter(this.kindOf.get(key) ?? '');
  }

  private counter(kind: string): { hits: number; rendered: number } {
    let n = this.stats.kinds.get(kind);
    if (!n) this.stats.kinds.set(kind, (n = { hits: 0, rendered: 0 }));
    return n;
  }

  /**
   * The stored piece of `key` when present and intact; the keys it was made from are kept as used too.
   * Entry layout: CRC-32 of key and the rest; length of the uses list (4 bytes); the uses, one key
   * per line; the piece.
   */
  private read(key: string, area: OutputArea = 'outputs'): Buffer | undefined {
    const entry = this.load(key, area);
    if (entry) this.keep(key, entry.uses);
    return entry?.body;
  }

  /** The stored piece of `key` and the keys it was made from, when present and intact. */
  private load(key: string, area: OutputArea = 'outputs'): { body: Buffer; uses: string[] } | undefined {
    if (this.dir === undefined) return undefined;
    let file: Buffer;
    try {
      file = readFileSync(entryPath(this.dir, key, area));
    } catch {
      return undefined;
    }
    if (file.length < CHECK_BYTES + 4) return undefined;
    const rest = file.subarray(CHECK_BYTES);
    if (!checksum(key, [rest]).equals(file.subarray(0, CHECK_BYTES))) return undefined;
    const length = rest.readUInt32BE(0);
    if (4 + length > rest.length) return undefined;
    return { body: rest.subarray(4 + length), uses: length === 0 ? [] : rest.toString('latin1', 4, 4 + length).split('\n') };
  }

  private store(key: string, body: Uint8Array, uses: string[], area: OutputArea = 'outputs'): void {
    if (this.dir === undefined) return;
    const list = Buffer.from(uses.join('\n'), 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(list.length);
    // The body (books run to megabytes) is not copied: the checksum is folded over the parts, which are written one after another.
    writeEntry(this.dir, key, [checksum(key, [length, list, body]), length, list, body], area);
  }
}

/**
 * A piece made cheaply from other stored pieces (a book spliced into a stored one): counted, and
 * its uses kept, like any piece, but not written to disk; what it was made from stays in the cache
 * as long as it is used, so it can be made again.
 */
export class Derived<T extends string | Uint8Array> {
  constructor(readonly piece: T) {}
}

/** What `bundle` keeps under one key: facts as JSON, and byte parts (texts as UTF-8). */
export interface Bundle<T> {
  facts: T;
  parts: Uint8Array[];
}

/** A bundle as one piece: the length of its JSON head (facts and part sizes), the head, the parts. */
function encodeBundle(bundle: Bundle<unknown>): Buffer {
  const head = Buffer.from(JSON.stringify({ facts: bundle.facts, sizes: bundle.parts.map((p) => p.byteLength) }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return Buffer.concat([length, head, ...bundle.parts]);
}

function decodeBundle<T>(piece: Buffer): Bundle<T> {
  const end = 4 + piece.readUInt32BE(0);
  const head = JSON.parse(piece.toString('utf8', 4, end)) as { facts: T; sizes: number[] };
  let at = end;
  return { facts: head.facts, parts: head.sizes.map((size) => piece.subarray(at, (at += size))) };
}
