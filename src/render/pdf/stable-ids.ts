// Chromium names each element of a tagged PDF by its DOM node id (`/ID (node00000259)`, listed again
// in the structure tree's /IDTree). The ids count nodes created in the renderer process, and that
// count is not the same from run to run (a build from nothing printed node00000260 where the run
// before printed node00000259, every id after it shifted by one). Renumbering them by rank makes
// the bytes reproducible without changing what the ids name or their order.

/** A whole PDF literal string holding one Chromium node id: `(node` + 8 digits + `)`. */
const NODE_ID = /\(node(\d{8})\)/g;

/**
 * Replace every node id by its rank among the ids of the file (node00000001, node00000002, … in
 * the ids' numeric order). Same width, so every byte offset and the /IDTree's sort order are kept.
 * Without ids (an untagged PDF), or with too many for 8 digits, the bytes are returned unchanged.
 */
export function stableNodeIds(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const ids = new Set<string>();
  for (const m of text.matchAll(NODE_ID)) ids.add(m[1]!);
  if (ids.size === 0) return bytes;
  const rank = new Map([...ids].sort().map((id, i) => [id, String(i + 1).padStart(8, '0')]));
  if ([...rank.values()].some((r) => r.length !== 8)) return bytes;
  const fixed = text.replace(NODE_ID, (_whole: string, id: string) => `(node${rank.get(id)!})`);
  return fixed === text ? bytes : new Uint8Array(Buffer.from(fixed, 'latin1'));
}
