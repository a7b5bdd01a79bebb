// The deflated parts of a previous build's PPTX file, for writeZip to reuse instead of deflating a part
// again. A part is reused only after checking that the previous data inflates, exactly and to the
// byte, into the new part: deflate (fflate at a fixed level) is a pure function of its input, and
// the output manifest vouches that the previous file was written by this very code, so the reused
// bytes are the ones deflating would give. Anything odd about the previous archive means no reuse.
import { inflateRawSync } from 'node:zlib';
import { zipDirectory, type DirectoryEntry } from './zip-directory.js';

/** A deflated part of the previous archive: where its compressed bytes are, and what its headers claim. */
interface PreviousPart {
  crc: number;
  size: number;
  data: Uint8Array;
}

/** The previous archive's deflated parts by name; parsed on first use. */
export type PreviousParts = ReadonlyMap<string, PreviousPart>;

/** The deflated parts (method 8) of a zip archive by name; empty when the bytes are not a well-formed archive. */
export function previousParts(bytes: Uint8Array | undefined): PreviousParts {
  const parts = new Map<string, PreviousPart>();
  if (bytes === undefined) return parts;
  let entries: DirectoryEntry[];
  try {
    entries = zipDirectory(bytes);
  } catch {
    return parts; // read past the end, a name that is not UTF-8, anything odd: not an archive this tool wrote
  }
  for (const { name, method, crc, size, data } of entries) if (method === 8) parts.set(name, { crc, size, data });
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
