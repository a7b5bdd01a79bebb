// The on-disk form of one cached session (or YAML file): a header line (kind, format, key, checksum of
// the body) and a body. A session's body is a line of JSON with the front matter and the body's
// facts, then the tree as JSON with node positions packed as six numbers: the line is decoded when
// the entry is read, the tree only when something asks for it. Anything that does not verify is ignored.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import type { SessionParts } from '../load/parse-session.js';
import { isBodyFacts } from '../markdown/body-facts.js';
import { isRecord } from '../util/is-record.js';

/** Version of the entry layout; part of every key, so a new layout never reads an old entry. */
export const ENTRY_FORMAT = 2;

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

/** Serialise a session's parts with the key they belong to (this reads the tree). */
export function encodeEntry(key: string, parts: SessionParts): string {
  const head = JSON.stringify({ raw: parts.raw, data: parts.data, facts: parts.facts });
  return withHeader(MAGIC, key, `${head}\n${JSON.stringify(parts.mdast, packPositions)}`);
}

/**
 * The parts stored in `entry`, or undefined when it is not a sound entry for `key`. The checksum
 * covers the whole body, tree included, and is verified here, so a damaged tree makes the entry a
 * miss now rather than a failure later. The tree (`mdast`) is decoded on first access, once; should
 * its JSON still not decode (only an entry forged to match its checksum can do that), `recover`
 * gives the tree instead. `onTree` is told of each decode and whether it succeeded.
 */
export function decodeEntry(key: string, entry: Uint8Array, recover: () => Root, onTree?: (decoded: boolean) => void): SessionParts | undefined {
  const body = bodyOf(MAGIC, key, entry);
  const newline = body?.indexOf(NEWLINE) ?? -1;
  if (body === undefined || newline < 0) return undefined;
  let head: { raw?: unknown; data?: unknown; facts?: unknown };
  try {
    head = JSON.parse(body.toString('utf8', 0, newline)) as typeof head;
  } catch {
    return undefined;
  }
  if (!isRecord(head) || !isRecord(head.data) || !isBodyFacts(head.facts)) return undefined;
  let packed: Buffer | undefined = body.subarray(newline + 1);
  let tree: Root | undefined;
  return {
    raw: head.raw,
    data: head.data as SessionParts['data'],
    facts: head.facts,
    get mdast(): Root {
      if (tree === undefined) {
        tree = decodeTree(packed!);
        onTree?.(tree !== undefined);
        tree ??= recover();
        packed = undefined;
      }
      return tree;
    },
  };
}

/** The tree of an entry's body, positions unpacked; undefined when it is not a tree. */
function decodeTree(json: Buffer): Root | undefined {
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

/** Serialise the plain data of a YAML file; undefined when JSON cannot carry it exactly (.inf, .nan, -0). */
export function encodeYamlEntry(key: string, data: unknown): string | undefined {
  let exact = true;
  const body = JSON.stringify({ data }, (_, value: unknown) => {
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) exact = false;
    return value;
  });
  return exact ? withHeader(YAML_MAGIC, key, body) : undefined;
}

/** The data stored in `entry`, or undefined when it is not a sound YAML entry for `key`. */
export function decodeYamlEntry(key: string, entry: Uint8Array): { data: unknown } | undefined {
  const body = bodyOf(YAML_MAGIC, key, entry);
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return isRecord(parsed) && 'data' in parsed ? { data: parsed.data } : undefined;
  } catch {
    return undefined;
  }
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
function checksum(body: string | Uint8Array): string {
  return crc32 ? crc32(body).toString(16) : createHash('sha1').update(body).digest('hex');
}
