// A content-addressed cache of parsed sessions (front matter data + mdast), kept in
// `.cs-train-cache/` beside the source folder. Keys hash the content key of the session text (its
// SHA-256) with a fingerprint of the tool (version, parser code, parser dependencies), so edits and
// upgrades simply miss. Entries are written atomically; an unreadable or corrupted entry is a miss,
// never an error. Opened for a source folder, the cache also keeps that folder's stamp record (files
// known unchanged are not read) and its load snapshot (one file instead of one entry per source file).
import { hash } from 'node:crypto';
import { existsSync, statSync, type Dirent } from 'node:fs';
import type { Root } from 'mdast';
import type { SessionParts } from '../load/parse-session.js';
import type { ParseResult } from '../load/parse-worker-pool.js';
import type { SourceText } from '../load/source-text.js';
import { entryPath, readEntry, writeEntry } from './entry-files.js';
import { decodeTree, decodeYamlBody, encodeEntry, encodeYamlEntry, partsFromHead, partsOfSplit, splitEntry, yamlBodyOf, type YamlParts } from './entry-codec.js';
import { LoadSnapshot, snapshotPath } from './load-snapshot.js';
import { SourceStamps, stampRecordPath } from './source-stamps.js';
import { toolFingerprint } from './tool-fingerprint.js';

const EMPTY = new Uint8Array(0);

/**
 * Sessions read back from the cache by earlier loads of this process, by key, with their head line:
 * kept only by a resident process (the build daemon), whose next build then skips the snapshot, the
 * entry's stamp and the decoding. A key names the session's text and the tool, so what it names
 * never changes; the parts are frozen, so that no build can change what the next one reads.
 */
let resident: Map<string, ResidentSessions> | undefined;

/** The sessions kept of one cache folder, as long as it is the same folder (a folder deleted and made again holds none of their trees). */
interface ResidentSessions {
  folder: string;
  sessions: Map<string, { parts: SessionParts; head: string }>;
}

/** Keep sessions in memory between the loads of this process (the build daemon calls this once). */
export function keepSessionsResident(): void {
  resident ??= new Map();
}

/** How many cache folders' sessions a resident process keeps: those used most recently. */
export const RESIDENT_FOLDERS = 3;

/** The identity of the folder at `dir` ('' when there is none): a folder deleted and made again is another one. */
function folderIdentity(dir: string): string {
  try {
    const s = statSync(dir, { throwIfNoEntry: false });
    return s ? `${s.dev}:${s.ino}` : '';
  } catch {
    // A cache folder under a file (ENOTDIR) or unreadable: the cache reports it as a build in its own process does.
    return '';
  }
}

/**
 * The sessions kept for the cache folder `dir`: none when it is not the folder they came from. The
 * sessions of folders since deleted, and of all but the most recently used folders, are let go.
 */
function residentFor(dir: string | undefined): ResidentSessions['sessions'] | undefined {
  if (resident === undefined || dir === undefined) return undefined;
  const folder = folderIdentity(dir);
  let kept = resident.get(dir);
  if (kept?.folder !== folder) kept = { folder, sessions: new Map() };
  // Most recently used last.
  resident.delete(dir);
  for (const [other, sessions] of resident) if (folderIdentity(other) !== sessions.folder) resident.delete(other);
  for (const other of resident.keys()) if (resident.size >= RESIDENT_FOLDERS) resident.delete(other);
  resident.set(dir, kept);
  return kept.sessions;
}

/** The cache folders whose sessions this process keeps, least recently used first (for tests). */
export function residentFolders(): string[] {
  return [...(resident?.keys() ?? [])];
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

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
  /** Decodes of cached sessions' trees: one per read, as trees are not kept (a tree nothing reads stays undecoded). */
  treesDecoded: number;
}

/** Sessions parsed before, by key: in memory (results of parse workers) and on disk when enabled. */
export class SessionCache {
  /** Counters of this run. */
  readonly stats: CacheStats = { hits: 0, stored: 0, corrupt: 0, parsedInWorkers: 0, workers: 0, yamlHits: 0, yamlStored: 0, treesDecoded: 0 };
  /** Keys of every session and YAML text of this run, so the cache can drop the others. */
  readonly used = new Set<string>();
  /** Folder listings of this load, shared by the scan before the load and the load itself. */
  readonly listings = new Map<string, Dirent[]>();
  /** The stamp record of the source folder: undefined without a disk cache or a source folder. */
  readonly stamps?: SourceStamps;
  private readonly snapshot?: LoadSnapshot;
  /** Entries parsed by workers that are not in the cache folder (no disk cache, or writing failed). */
  private readonly fresh = new Map<string, Uint8Array>();
  /** The head lines of entries parsed by workers and written to the cache folder, where their trees are read from. */
  private readonly freshHeads = new Map<string, string>();
  /** Session keys by content key: the scan before the load and the load ask for the same ones. */
  private readonly sessionKeys = new Map<string, string>();
  private readonly texts = new Map<string, SourceText>();
  private readonly salt = toolFingerprint();
  /** Sessions an earlier load of this process read from this cache folder (only in the build daemon). */
  private readonly resident: ResidentSessions['sessions'] | undefined;

  /**
   * `dir` undefined: nothing is read from or written to disk (`--no-cache`). With `sourceDir`, the
   * folder's stamp record and load snapshot are used, and `saveLoadState` leaves them for the next load.
   */
  constructor(
    readonly dir?: string,
    sourceDir?: string,
  ) {
    this.resident = residentFor(dir);
    if (dir === undefined || sourceDir === undefined) return;
    this.stamps = new SourceStamps(stampRecordPath(dir, sourceDir));
    this.snapshot = new LoadSnapshot(snapshotPath(dir, sourceDir), this.salt);
  }

  /** The cache key of a text of `kind` (a session, `yaml <kind>`) from its content key (the SHA-256 of the text). */
  keyOf(contentKey: string, kind = 'session'): string {
    const memo = kind === 'session' ? this.sessionKeys.get(contentKey) : undefined;
    if (memo !== undefined) return memo;
    const key = hash('sha256', `${this.salt}\0${kind}\0${contentKey}`);
    this.used.add(key);
    if (kind === 'session') this.sessionKeys.set(contentKey, key);
    return key;
  }

  /** Whether an entry for `key` is at hand (it may still fail to verify when read). */
  has(key: string): boolean {
    return this.fresh.has(key) || this.freshHeads.has(key) || this.snapshot?.hasSession(key) === true || (this.dir !== undefined && existsSync(entryPath(this.dir, key)));
  }

  /**
   * The cached parts for `key`, or undefined on a miss or an entry that does not verify. The tree is
   * decoded on each access: from the entry file, read again each time, when the head line is at hand
   * (load snapshot, or an entry a parse worker wrote), else from the entry's bytes. `recover` parses
   * it afresh should the entry go missing or its tree not decode.
   */
  get(key: string, recover: () => Root): SessionParts | undefined {
    const kept = this.resident?.get(key);
    if (kept !== undefined) {
      this.stats.hits++;
      this.snapshot?.carry(key, kept.head);
      return kept.parts;
    }
    const onTree = this.countTree;
    const dir = this.dir;
    const written = this.freshHeads.get(key);
    const head = written ?? (this.fresh.has(key) || dir === undefined ? undefined : this.snapshot?.session(key, entryPath(dir, key)));
    if (head !== undefined) {
      // Not kept: the trees of 4,000 sessions take about 40 MB as packed bytes, and a build reads each one at most a few times.
      const readTree = () => {
        const tree = splitEntry(key, readEntry(dir!, key) ?? EMPTY)?.tree;
        return tree === undefined ? undefined : decodeTree(tree);
      };
      const parts = partsFromHead(head, readTree, recover, onTree);
      if (parts) {
        this.stats.hits++;
        if (written !== undefined) this.snapshot?.keep('s', key, written);
        this.makeResident(key, parts, head);
        return parts;
      }
    }
    let entry = this.fresh.get(key);
    if (entry === undefined && dir !== undefined) entry = readEntry(dir, key);
    if (entry === undefined) return undefined;
    const split = splitEntry(key, entry);
    const parts = split === undefined ? undefined : partsOfSplit(split, recover, onTree);
    if (parts) {
      this.stats.hits++;
      this.snapshot?.keep('s', key, split!.head);
      this.makeResident(key, parts, split!.head);
    } else this.stats.corrupt++;
    return parts;
  }

  /** In a resident process, keep parts read back from disk for the next load (only those: a fresh parse holds its whole tree). */
  private makeResident(key: string, parts: SessionParts, head: string): void {
    if (this.resident === undefined) return;
    deepFreeze(parts.data);
    deepFreeze(parts.facts);
    this.resident.set(key, { parts, head });
  }

  /** Counts each decode of a stored tree, and each tree that did not decode. */
  private readonly countTree = (decoded: boolean): void => {
    if (decoded) this.stats.treesDecoded++;
    else this.stats.corrupt++;
  };

  /** Keep the parts of a session that parsed without problems. */
  put(key: string, parts: SessionParts): void {
    if (this.dir === undefined) return;
    const { entry, head } = encodeEntry(key, parts);
    if (!writeEntry(this.dir, key, entry)) return;
    this.stats.stored++;
    this.snapshot?.keep('s', key, head);
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
  getYaml(key: string): YamlParts | undefined {
    if (this.dir === undefined) return undefined;
    const snapped = this.snapshot?.yaml(key);
    const fromSnapshot = snapped === undefined ? undefined : decodeYamlBody(snapped);
    if (fromSnapshot) {
      this.stats.yamlHits++;
      return fromSnapshot;
    }
    const entry = readEntry(this.dir, key, 'yaml');
    const body = entry === undefined ? undefined : yamlBodyOf(key, entry);
    const data = body === undefined ? undefined : decodeYamlBody(body);
    if (data) {
      this.stats.yamlHits++;
      this.snapshot?.keep('y', key, body!);
    } else if (entry !== undefined) this.stats.corrupt++;
    return data;
  }

  /** Keep the plain data of a YAML file that parsed without problems (and its validated data, if it fitted its schema). */
  putYaml(key: string, parts: YamlParts): void {
    if (this.dir === undefined) return;
    const entry = encodeYamlEntry(key, parts);
    if (entry === undefined || !writeEntry(this.dir, key, entry, 'yaml')) return;
    this.stats.yamlStored++;
    this.snapshot?.keep('y', key, entry.slice(entry.indexOf('\n') + 1));
  }

  /** Leave the stamp record and the load snapshot of this load for the next one (after a load that did not fail). */
  saveLoadState(): void {
    const dir = this.dir;
    if (dir === undefined) return;
    // The resident sessions are those of the latest load: what it did not use, an edit replaced.
    if (this.resident) for (const key of this.resident.keys()) if (!this.used.has(key)) this.resident.delete(key);
    this.stamps?.save();
    this.snapshot?.save((key) => entryPath(dir, key));
    this.snapshot?.release();
  }

  /** Take what a parse worker made of a session: the encoded entry, or the head line of the entry it wrote to the cache folder. */
  accept(result: ParseResult): void {
    if (result.head !== undefined) this.freshHeads.set(result.key, result.head);
    else if (result.entry !== undefined) this.fresh.set(result.key, result.entry);
    else return;
    this.stats.parsedInWorkers++;
  }

  /** A summary line of the counters. */
  summary(): string {
    const s = this.stats;
    const stamps = this.stamps ? `; source files: ${this.stamps.counts.trusted} known unchanged by their stamps, ${this.stamps.counts.read} read` : '';
    return `cache ${this.dir ?? '(off)'}: ${s.hits} hits, ${s.parsedInWorkers} parsed in ${s.workers} workers, ${s.stored} stored, ${s.corrupt} corrupt; YAML files: ${s.yamlHits} hits, ${s.yamlStored} stored; ${s.treesDecoded} cached trees decoded so far${stamps}`;
  }
}
