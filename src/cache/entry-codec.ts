// The on-disk form of one cached session (or YAML file): a header line (kind, format, key, checksum of
// the body) and a body. A session's body is a line of JSON with the validated front matter and the
// body's facts (the head, also kept in the load snapshot), then the tree as JSON with node positions
// packed as six numbers: the head is decoded when the entry is read, the tree each time something
// asks for it. A YAML file's body is its plain data and, if it fitted its schema, its validated data.
// Anything that does not verify is ignored.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import * as zlib from 'node:zlib';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import type { SessionParts } from '../load/parse-session.js';
import { isBodyFacts } from '../markdown/body-facts.js';
import { isRecord } from '../util/is-record.js';

/** Version of the entry layout; part of every key, so a new layout never reads an old entry. */
export const ENTRY_FORMAT = 3;

const MAGIC = 'cs-train-session';
const NEWLINE = 0x0a;

type Packed = [number, number, number, number, number, number];
interface PackedNode {
  type?: unknown;
  position?: unknown;
  children?: PackedNode[];
}

/** An entry: a header line (kind, format, key, checksum of the body), then the body. */
function withHeader(magic: string, key: string, body: string): string {
  return `${magic} ${ENTRY_FORMAT} ${key} ${checksum(body)}\n${body}`;
}

/** The body of `entry` when its header names this kind, format and key and its checksum matches; else undefined. */
function bodyOf(magic: string, key: string, entry: Uint8Array): Buffer | undefined {
  const bytes = Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength);
  const newline = bytes.indexOf(NEWLINE);
  if (newline < 0) return undefined;
  const [kind, format, entryKey, sum] = bytes.toString('latin1', 0, newline).split(' ');
  if (kind !== magic || format !== String(ENTRY_FORMAT) || entryKey !== key) return undefined;
  const body = bytes.subarray(newline + 1);
  return sum === checksum(body) ? body : undefined;
}

/**
 * Serialise a session's parts with the key they belong to (this reads the tree); with the entry, its
 * head line, which is what is kept in memory of an entry once it is on disk.
 */
export function encodeEntry(key: string, parts: SessionParts): { entry: string; head: string } {
  const head = encodeHead(parts);
  return { entry: withHeader(MAGIC, key, `${head}\n${JSON.stringify(parts.mdast, packPositions)}`), head };
}

/**
 * The head line: the validated front matter and the body's facts. The raw front matter is not kept:
 * it is needed only to point at a place, and then it is parsed again from the text with its document.
 */
function encodeHead(parts: SessionParts): string {
  return JSON.stringify({ data: parts.data, facts: parts.facts });
}

/** The head line (JSON of front matter and facts) and the packed tree of `entry`, when it is a sound session entry for `key`. */
export function splitEntry(key: string, entry: Uint8Array): { head: string; tree: Buffer } | undefined {
  const body = bodyOf(MAGIC, key, entry);
  const newline = body?.indexOf(NEWLINE) ?? -1;
  if (body === undefined || newline < 0) return undefined;
  return { head: body.toString('utf8', 0, newline), tree: body.subarray(newline + 1) };
}

/**
 * The parts of an entry split (and so verified) by `splitEntry`. The checksum covers the whole body,
 * tree included, so a damaged tree makes the entry a miss when it is read rather than a failure
 * later. The tree (`mdast`) is decoded from the packed JSON on each access (see `StoredParts`);
 * should its JSON still not decode (only an entry forged to match its checksum can do that),
 * `recover` gives the tree instead. `onTree` is told of each decode and whether it succeeded.
 */
export function partsOfSplit(split: { head: string; tree: Buffer }, recover: () => Root, onTree?: (decoded: boolean) => void): SessionParts | undefined {
  return partsFromHead(split.head, () => decodeTree(split.tree), recover, onTree);
}

/**
 * Session parts from an entry's head line, or undefined when it is not one. The tree comes from
 * `readTree` on each access; when that gives nothing (a missing or damaged entry, a tree that does not
 * decode) `recover` gives it instead, once, and that tree is kept. `onTree` is told of each attempt
 * and whether it succeeded.
 */
export function partsFromHead(head: string, readTree: () => Root | undefined, recover: () => Root, onTree?: (decoded: boolean) => void): SessionParts | undefined {
  let parsed: { data?: unknown; facts?: unknown };
  try {
    parsed = JSON.parse(head) as typeof parsed;
  } catch {
    return undefined;
  }
  if (!isRecord(parsed) || !isRecord(parsed.data) || !isBodyFacts(parsed.facts)) return undefined;
  return new StoredParts(parsed.data as SessionParts['data'], parsed.facts, readTree, recover, onTree);
}

/**
 * Session parts read back from a head line; a class, so thousands of them share one shape and their
 * getters. The decoded tree is not kept: a build reads a body's tree at most a few times (the two
 * handbook editions, the day decks that show it), and a decode costs about 0.1 ms, while holding every
 * decoded tree until the end of a cold build of 4,000 sessions raised its peak by about 90 MB.
 */
class StoredParts implements SessionParts {
  /** The tree `recover` gave when the stored one did not decode. */
  #recovered: Root | undefined;

  constructor(
    readonly data: SessionParts['data'],
    readonly facts: SessionParts['facts'],
    private readonly readTree: () => Root | undefined,
    private readonly recover: () => Root,
    private readonly onTree: ((decoded: boolean) => void) | undefined,
  ) {}

  get mdast(): Root {
    if (this.#recovered !== undefined) return this.#recovered;
    const tree = this.readTree();
    this.onTree?.(tree !== undefined);
    return tree ?? (this.#recovered = this.recover());
  }
}

/** The tree of an entry's packed tree (see `splitEntry`), positions unpacked; undefined when it is not a tree. */
export function decodeTree(json: Buffer): Root | undefined {
  try {
    const parsed: unknown = JSON.parse(json.toString('utf8'));
    if (!isRecord(parsed) || parsed.type !== 'root') return undefined;
    const tree = parsed as PackedNode;
    unpackPositions(tree);
    return tree as Root;
  } catch {
    return undefined;
  }
}

const YAML_MAGIC = 'cs-train-yaml';

/** What a YAML entry holds: the file's plain data and, when it fitted its schema without a problem, the validated data. */
export interface YamlParts {
  data: unknown;
  valid?: unknown;
}

/** Serialise a YAML file's parts; undefined when JSON cannot carry its data exactly (.inf, .nan, -0). Validated data that JSON cannot carry exactly is left out. */
export function encodeYamlEntry(key: string, parts: YamlParts): string | undefined {
  const data = exactJson(parts.data);
  if (data === undefined) return undefined;
  const valid = parts.valid === undefined ? undefined : exactJson(parts.valid);
  return withHeader(YAML_MAGIC, key, valid === undefined ? `{"data":${data}}` : `{"data":${data},"valid":${valid}}`);
}

/** The body (JSON) of `entry` when it is a sound YAML entry for `key`. */
export function yamlBodyOf(key: string, entry: Uint8Array): string | undefined {
  return bodyOf(YAML_MAGIC, key, entry)?.toString('utf8');
}

/** The parts in a YAML entry's body, or undefined when it is not one. */
export function decodeYamlBody(body: string): YamlParts | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (!isRecord(parsed) || !('data' in parsed)) return undefined;
    return 'valid' in parsed ? { data: parsed.data, valid: parsed.valid } : { data: parsed.data };
  } catch {
    return undefined;
  }
}

/** JSON that reads back as exactly `value` (no .inf, .nan or -0, no undefined members), or undefined. */
function exactJson(value: unknown): string | undefined {
  let exact = true;
  const json = JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
    return v;
  });
  return exact && json !== undefined && isDeepStrictEqual(JSON.parse(json), value) ? json : undefined;
}

/** JSON replacer: a node's position becomes [line, column, offset, endLine, endColumn, endOffset]. */
function packPositions(this: unknown, key: string, value: unknown): unknown {
  if (key !== 'position' || !isRecord(this) || typeof (this as PackedNode).type !== 'string') return value;
  const p = value as Position | undefined;
  const numbers = [p?.start?.line, p?.start?.column, p?.start?.offset, p?.end?.line, p?.end?.column, p?.end?.offset];
  return numbers.every((n) => typeof n === 'number') ? numbers : value;
}

function unpackPositions(node: PackedNode): void {
  const p = node.position;
  if (Array.isArray(p)) {
    if (p.length !== 6 || !p.every((n) => typeof n === 'number')) throw new Error('bad position');
    const [line, column, offset, endLine, endColumn, endOffset] = p as Packed;
    node.position = { start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } };
  }
  if (node.children !== undefined) {
    if (!Array.isArray(node.children)) throw new Error('bad children');
    for (const child of node.children) {
      if (!isRecord(child) || typeof child.type !== 'string') throw new Error('bad node');
      unpackPositions(child);
    }
  }
}

/** zlib's CRC-32 (Node 20.15 and later), or undefined on older runtimes. */
export const crc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;

/** A fast checksum of the body (its UTF-8 bytes, however given): CRC-32 where Node has it, else SHA-1. */
export function checksum(body: string | Uint8Array): string {
  return crc32 ? crc32(body).toString(16) : createHash('sha1').update(body).digest('hex');
}
