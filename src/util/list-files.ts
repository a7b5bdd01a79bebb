// Lists the files of a folder tree, for template sets and the starter repository.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Relative paths (forward slashes, sorted) of every file below `dir`, skipping entries `skip` names. */
export function listFiles(dir: string, skip: (name: string) => boolean, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
    if (skip(e.name)) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    const isDir = e.isDirectory() || (e.isSymbolicLink() && statSync(join(dir, rel)).isDirectory());
    if (isDir) out.push(...listFiles(dir, skip, rel));
    else if (e.isFile() || e.isSymbolicLink()) out.push(rel);
  }
  return out;
}
