// The central directory of a zip archive, read strictly: where each entry's bytes are and what its
// headers claim. The test reader of packages (`readZip`) and the reuse of a previous deck's parts
// (zip-reuse.ts) both walk archives through it.

/** One entry as the archive records it; `data` is its bytes as stored (deflated for method 8). */
export interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  /** Uncompressed size, as the central directory claims. */
  size: number;
  data: Uint8Array;
}

/** Signatures of a local header, a central-directory record and the end record (the writer uses them too). */
export const LOCAL = 0x04034b50;
export const CENTRAL = 0x02014b50;
export const END = 0x06054b50;
/** The end record and the longest comment a zip archive can carry after it. */
const END_SEARCH = 22 + 0xffff;

/** The entries of a zip archive in central-directory order; throws when the bytes are not a well-formed archive. */
export function zipDirectory(bytes: Uint8Array): DirectoryEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && end >= bytes.length - END_SEARCH && view.getUint32(end, true) !== END) end--;
  if (end < 0 || end < bytes.length - END_SEARCH) throw new Error('not a zip archive: no end of central directory');
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (centralStart + centralSize > end) throw new Error('corrupt zip archive: central directory out of place');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: DirectoryEntry[] = [];
  const names = new Set<string>();
  let at = centralStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL) throw new Error('corrupt zip archive: bad central directory');
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    if (next > end || local + 30 > centralStart || view.getUint32(local, true) !== LOCAL) throw new Error('corrupt zip archive: bad local header');
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressed > centralStart || names.has(name)) throw new Error(`corrupt zip archive: entry ${name} out of place or repeated`);
    names.add(name);
    entries.push({ name, method, crc, size, data: bytes.subarray(start, start + compressed) });
    at = next;
  }
  return entries;
}
