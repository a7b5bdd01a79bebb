// A deterministic zip writer for PPTX packages (pptx-parts.ts gives it the parts) and a small zip
// reader (for tests: what a package holds). Deflate is fflate's, in JavaScript (deflate.ts: so the bytes do not
// depend on the zlib bundled with Node); CRC-32 is node:zlib's. Given the previous build's file, a
// part it already holds, verified (zip-reuse.ts), keeps its deflated bytes instead of being deflated.
import { crc32 } from 'node:zlib';
import { createHash } from 'node:crypto';
import { inflateSync } from 'fflate';
import { deflateRaw } from './deflate.js';
import { CENTRAL, END, LOCAL, zipDirectory } from './zip-directory.js';
import { previousParts, reusablePart, type PreviousParts } from './zip-reuse.js';

/** One entry of a zip archive, in archive order. */
export interface ZipEntry {
  name: string;
  /** Uncompressed contents; empty for a folder. */
  data: Uint8Array;
  dir: boolean;
}

/** The entries of a zip archive (stored or deflated), in central-directory order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  return zipDirectory(bytes).map(({ name, method, data }) => ({
    name,
    data: method === 0 ? data : method === 8 ? inflateSync(data) : unsupported(name, method),
    dir: name.endsWith('/'),
  }));
}

function unsupported(name: string, method: number): never {
  throw new Error(`zip entry ${name} uses compression method ${method}`);
}

/** A compressed part: reused for identical contents (a deck's layouts, theme and relationships recur in every deck). */
interface Packed {
  crc: number;
  method: 0 | 8;
  data: Uint8Array;
}

const packedByContent = new Map<string, Packed>();
const PACKED_MAX = 4096;
/** Parts at least this large are slides or notes, unique to their deck: not worth remembering. */
const REMEMBER_BELOW = 4096;

/** Parts of written archives: taken verified from the previous file, or deflated (fflate ran). */
export interface PartTally {
  reused: number;
  deflated: number;
}

/** What a zip may be made from besides its entries: the previous file at its path, and where to count parts. */
export interface ZipBase {
  /** The previous build's archive at the same path, written by this very code (the output manifest says so). */
  previous?: Uint8Array;
  tally?: PartTally;
}

function pack(data: Uint8Array, name: string, previous: PreviousParts, tally: PartTally | undefined): Packed {
  const remember = data.length < REMEMBER_BELOW;
  const key = remember ? createHash('sha256').update(data).digest('base64') : '';
  const known = remember ? packedByContent.get(key) : undefined;
  if (known) return known;
  const crc = crc32(data);
  const reused = reusablePart(previous, name, data, crc);
  if (reused) {
    if (tally) tally.reused++;
    return { crc, method: 8, data: reused };
  }
  if (tally && data.length > 0) tally.deflated++;
  const deflated = data.length === 0 ? data : deflateRaw(data);
  const packed: Packed = deflated.length < data.length ? { crc, method: 8, data: deflated } : { crc, method: 0, data };
  if (remember) {
    if (packedByContent.size >= PACKED_MAX) packedByContent.clear();
    packedByContent.set(key, packed);
  }
  return packed;
}

/** A zip archive of `entries` in the given order, every entry stamped `date` (YYYY-MM-DD, 00:00): same input, same bytes, with or without `base`. */
export function writeZip(entries: readonly ZipEntry[], date: string, base: ZipBase = {}): Uint8Array {
  const previous = previousParts(base.previous);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const packed = entry.dir ? { crc: 0, method: 0 as const, data: new Uint8Array(0) } : pack(entry.data, entry.name, previous, base.tally);
    const flags = /^[\x20-\x7e]*$/.test(entry.name) ? 0 : 0x0800;
    const version = packed.method === 8 ? 20 : 10;
    const head = new Uint8Array(30 + name.length);
    const h = new DataView(head.buffer);
    h.setUint32(0, LOCAL, true);
    h.setUint16(4, version, true);
    h.setUint16(6, flags, true);
    h.setUint16(8, packed.method, true);
    h.setUint16(10, 0, true);
    h.setUint16(12, dosDate, true);
    h.setUint32(14, packed.crc, true);
    h.setUint32(18, packed.data.length, true);
    h.setUint32(22, entry.dir ? 0 : entry.data.length, true);
    h.setUint16(26, name.length, true);
    head.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, CENTRAL, true);
    c.setUint16(4, 20, true);
    record.set(head.subarray(4, 30), 6);
    c.setUint32(38, entry.dir ? 0x10 : 0, true);
    c.setUint32(42, offset, true);
    record.set(name, 46);
    parts.push(head, packed.data);
    central.push(record);
    offset += head.length + packed.data.length;
  }
  const centralSize = central.reduce((s, r) => s + r.length, 0);
  const tail = new Uint8Array(22);
  const t = new DataView(tail.buffer);
  t.setUint32(0, END, true);
  t.setUint16(8, entries.length, true);
  t.setUint16(10, entries.length, true);
  t.setUint32(12, centralSize, true);
  t.setUint32(16, offset, true);
  return Buffer.concat([...parts, ...central, tail]);
}
