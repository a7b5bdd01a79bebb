// The on-disk form of one cached session (or YAML file): a header line (kind, format, key, checksum of
// the body) and a JSON body whose node positions are packed as six numbers. Anything that does not
// verify is ignored.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { Position } from 'unist';
import type { SessionParts } from '../load/parse-session.js';

/** Version of the entry layout; part of every key, so a new layout never reads an old entry. */
export const ENTRY_FORMAT = 1;

const MAGIC = 'cs-train-session';

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

/** The body of `text` when its header names this kind, format and key and its checksum matches; else undefined. */
function bodyOf(magic: string, key: string, text: string): string | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const [kind, format, entryKey, sum] = text.slice(0, newline).split(' ');
  if (kind !== magic || format !== String(ENTRY_FORMAT) || entryKey !== key) return undefined;
  const body = text.slice(newline + 1);
  return sum === checksum(body) ? body : undefined;
}

/** Serialise a session's parts with the key they belong to. */
export function encodeEntry(key: string, parts: SessionParts): string {
  return withHeader(MAGIC, key, JSON.stringify({ raw: parts.raw, data: parts.data, mdast: parts.mdast }, packPositions));
}

/** The parts stored in `text`, or undefined when it is not a sound entry for `key`. */
export function decodeEntry(key: string, text: string): SessionParts | undefined {
  const body = bodyOf(MAGIC, key, text);
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { raw?: unknown; data?: unknown; mdast?: PackedNode };
    if (!isObject(parsed) || !isObject(parsed.data) || !isObject(parsed.mdast) || parsed.mdast.type !== 'root') return undefined;
    unpackPositions(parsed.mdast);
    return { raw: parsed.raw, data: parsed.data as SessionParts['data'], mdast: parsed.mdast as SessionParts['mdast'] };
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

/** The data stored in `text`, or undefined when it is not a sound YAML entry for `key`. */
export function decodeYamlEntry(key: string, text: string): { data: unknown } | undefined {
  const body = bodyOf(YAML_MAGIC, key, text);
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    return isObject(parsed) && 'data' in parsed ? { data: parsed.data } : undefined;
  } catch {
    return undefined;
  }
}

/** JSON replacer: a node's position becomes [line, column, offset, endLine, endColumn, endOffset]. */
function packPositions(this: unknown, key: string, value: unknown): unknown {
  if (key !== 'position' || !isObject(this) || typeof (this as PackedNode).type !== 'string') return value;
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
      if (!isObject(child) || typeof child.type !== 'string') throw new Error('bad node');
      unpackPositions(child);
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> & PackedNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** zlib's CRC-32 (Node 20.15 and later), or undefined on older runtimes. */
export const crc32 = (zlib as { crc32?: (data: string | Uint8Array, value?: number) => number }).crc32;

/** A fast checksum of the body: CRC-32 where Node has it, else SHA-1. */
function checksum(body: string): string {
  return crc32 ? crc32(body).toString(16) : createHash('sha1').update(body).digest('hex');
}
