// The deflated parts of a previous build's PPTX file, for writeZip to reuse instead of deflating a part
// again. A part is reused only after checking that the previous data inflates, exactly and to the
// byte, into the new part: deflate (fflate at a fixed level) is a pure function of its input, and
// the output manifest vouches that the previous file was written by this very code, so the reused
// bytes are the ones deflating would give. Anything odd about the previous archive means no reuse.
import { inflateRawSync } from 'node:zlib';

/** A deflated part of the previous archive: where its compressed bytes are, and what its headers claim. */
interface PreviousPart {
  crc: number;
  size: number;
  data: Uint8Array;
}

/** The previous archive's deflated parts by name; parsed on first use. */
export type PreviousParts = ReadonlyMap<string, PreviousPart>;

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** The end record and the longest comment a zip archive can carry after it. */
const END_SEARCH = 22 + 0xffff;

/** The deflated parts (method 8) of a zip archive by name; empty when the bytes are not a well-formed archive. */
export function previousParts(bytes: Uint8Array | undefined): PreviousParts {
  const parts = new Map<string, PreviousPart>();
  if (bytes === undefined) return parts;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = bytes.length - 22;
    while (end >= 0 && end >= bytes.length - END_SEARCH && view.getUint32(end, true) !== END) end--;
    if (end < 0 || end < bytes.length - END_SEARCH) return parts;
    const count = view.getUint16(end + 10, true);
    const centralSize = view.getUint32(end + 12, true);
    const centralStart = view.getUint32(end + 16, true);
    if (centralStart + centralSize > end) return parts;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let at = centralStart;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) return new Map();
      const method = view.getUint16(at + 10, true);
      const crc = view.getUint32(at + 16, true);
      const compressed = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      const local = view.getUint32(at + 42, true);
      if (next > end || local + 30 > centralStart || view.getUint32(local, true) !== LOCAL) return new Map();
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + compressed > centralStart || parts.has(name)) return new Map();
      if (method === 8) parts.set(name, { crc, size, data: bytes.subarray(start, start + compressed) });
      at = next;
    }
  } catch {
    return new Map(); // read past the end, or a name that is not UTF-8: not an archive this tool wrote
  }
  return parts;
}

/**
 * The previous deflated bytes of part `name` when they are exactly what deflating `data` gives
 * (`crc`: its CRC-32): same size and CRC-32, smaller than `data` (else `data` would be stored), and
 * inflating them, consuming every byte, yields `data` byte for byte. Undefined otherwise.
 */
export function reusablePart(previous: PreviousParts, name: string, data: Uint8Array, crc: number): Uint8Array | undefined {
  const part = previous.get(name);
  if (part === undefined || data.length === 0 || part.size !== data.length || part.crc !== crc || part.data.length >= data.length) return undefined;
  try {
    const { buffer, engine } = inflateRawSync(part.data, { info: true, maxOutputLength: data.length }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    if (engine.bytesWritten !== part.data.length || !buffer.equals(data)) return undefined;
  } catch {
    return undefined; // not a deflate stream, or one that inflates to more than the part
  }
  return part.data;
}
