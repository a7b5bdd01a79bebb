// A content-addressed cache of parsed sessions (front matter data + mdast), kept in
// `.cs-train-cache/` beside the source folder. Keys hash the session text with a fingerprint of the
// tool (version, parser code, parser dependencies), so edits and upgrades simply miss. Entries are
// written atomically; an unreadable or corrupted entry is a miss, never an error.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { SessionParts } from '../load/parse-session.js';
import type { SourceText } from '../load/source-text.js';
import { decodeEntry, decodeYamlEntry, encodeEntry, encodeYamlEntry } from './entry-codec.js';
import { toolFingerprint } from './tool-fingerprint.js';

/** Counters of one run, for `CS_TRAIN_CACHE_STATS` and tests. */
export interface CacheStats {
  hits: number;
  stored: number;
  /** Entries that did not verify, and (only for an entry forged to match its checksum) trees that did not decode. */
  corrupt: number;
  parsedInWorkers: number;
  workers: number;
  /** YAML files (roles, modules, programmes, …) read back from the cache, and stored. */
  yamlHits: number;
  yamlStored: number;
  /** Trees of cached sessions decoded because something read them (the rest stay undecoded). */
  treesDecoded: number;
}

/** Sessions parsed before, by key: in memory (results of parse workers) and on disk when enabled. */
export class SessionCache {
  /** Counters of this run. */
  readonly stats: CacheStats = { hits: 0, stored: 0, corrupt: 0, parsedInWorkers: 0, workers: 0, yamlHits: 0, yamlStored: 0, treesDecoded: 0 };
  /** Keys of every session and YAML text of this run, so the cache can drop the others. */
  readonly used = new Set<string>();
  private readonly fresh = new Map<string, Uint8Array>();
  private readonly texts = new Map<string, SourceText>();
  private readonly salt = toolFingerprint();

  /** `dir` undefined: nothing is read from or written to disk (`--no-cache`). */
  constructor(readonly dir?: string) {}

  /** The key of a session text. */
  keyOf(text: string): string {
    const key = createHash('sha256').update(this.salt).update('\0').update(text).digest('hex');
    this.used.add(key);
    return key;
  }

  /** Whether an entry for `key` is at hand (it may still fail to verify when read). */
  has(key: string): boolean {
    return this.fresh.has(key) || (this.dir !== undefined && existsSync(entryPath(this.dir, key)));
  }

  /**
   * The cached parts for `key`, or undefined on a miss or an entry that does not verify. The tree is
   * decoded on first access; `recover` parses it afresh should a verified entry's tree not decode.
   */
  get(key: string, recover: () => Root): SessionParts | undefined {
    let entry = this.fresh.get(key);
    if (entry === undefined && this.dir !== undefined) entry = readEntry(this.dir, key);
    if (entry === undefined) return undefined;
    const parts = decodeEntry(key, entry, recover, (decoded) => {
      if (decoded) this.stats.treesDecoded++;
      else this.stats.corrupt++;
    });
    if (parts) this.stats.hits++;
    else this.stats.corrupt++;
    return parts;
  }

  /** Keep the parts of a session that parsed without problems. */
  put(key: string, parts: SessionParts): void {
    if (this.dir === undefined) return;
    if (writeEntry(this.dir, key, encodeEntry(key, parts))) this.stats.stored++;
  }

  /** Keep a session text read (cleanly) before the load stage, so the load stage does not read it again. */
  keepText(src: SourceText): void {
    this.texts.set(src.abs, src);
  }

  /** The text kept for `abs`, once. */
  takeText(abs: string): SourceText | undefined {
    const src = this.texts.get(abs);
    this.texts.delete(abs);
    return src;
  }

  /** The plain data of a YAML file that parsed cleanly before, by key; undefined on a miss or a bad entry. */
  getYaml(key: string): { data: unknown } | undefined {
    if (this.dir === undefined) return undefined;
    const entry = readEntry(this.dir, key, 'yaml');
    const data = entry === undefined ? undefined : decodeYamlEntry(key, entry);
    if (data) this.stats.yamlHits++;
    else if (entry !== undefined) this.stats.corrupt++;
    return data;
  }

  /** Keep the plain data of a YAML file that parsed without problems. */
  putYaml(key: string, data: unknown): void {
    if (this.dir === undefined) return;
    const entry = encodeYamlEntry(key, data);
    if (entry !== undefined && writeEntry(this.dir, key, entry, 'yaml')) this.stats.yamlStored++;
  }

  /** Take an encoded entry produced (and already written) by a parse worker. */
  accept(key: string, entry: Uint8Array): void {
    this.fresh.set(key, entry);
    this.stats.parsedInWorkers++;
  }

  /** A summary line of the counters. */
  summary(): string {
    const s = this.stats;
    return `cache ${this.dir ?? '(off)'}: ${s.hits} hits, ${s.parsedInWorkers} parsed in ${s.workers} workers, ${s.stored} stored, ${s.corrupt} corrupt; YAML files: ${s.yamlHits} hits, ${s.yamlStored} stored; ${s.treesDecoded} cached trees decoded so far`;
  }
}

/** Where the entry for `key` lives: <area>/<first two hex digits>/<key> (area `sessions` or `outputs`). */
export function entryPath(dir: string, key: string, area = 'sessions'): string {
  return join(dir, area, key.slice(0, 2), key);
}

function readEntry(dir: string, key: string, area = 'sessions'): Buffer | undefined {
  try {
    return readFileSync(entryPath(dir, key, area));
  } catch {
    return undefined;
  }
}

let counter = 0;

/** Write an entry through a temporary file and a rename, so readers see all of it or nothing. */
export function writeEntry(dir: string, key: string, entry: string | Uint8Array, area = 'sessions'): boolean {
  const target = entryPath(dir, key, area);
  const tmp = `${target}.${process.pid}-${threadId}-${counter++}.tmp`;
  try {
    if (!existsSync(join(dir, 'CACHEDIR.TAG'))) markCacheDir(dir);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(tmp, entry);
    renameSync(tmp, target);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* an unwritable cache is no cache */
    }
    return false;
  }
}

/** The standard tag that tells backup tools to skip the folder, and a note for people. */
function markCacheDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# cs-train build cache: safe to delete at any time; rebuilt on the next build.\n');
}
