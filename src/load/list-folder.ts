// Lists a folder of the curriculum the way every reader of it must see it: names starting with a
// dot are left out, the rest sorted by code unit. A listing can be shared by the scan before the load
// and the load itself, so both see the same files and the folder is read once.
import { readdirSync, type Dirent } from 'node:fs';

/** The visible entries of `dir` in name order, [] when it cannot be read; remembered in `memo` when given. */
export function listFolder(dir: string, memo?: Map<string, Dirent[]>): Dirent[] {
  const known = memo?.get(dir);
  if (known) return known;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    entries = [];
  }
  memo?.set(dir, entries);
  return entries;
}
