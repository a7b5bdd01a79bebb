// Moving a new file into the place of an old one. On ext4, a rename that replaces a file makes the
// kernel write the new file's data out at once (`auto_da_alloc`, a guard for programs that never
// sync), which costs more than the write itself; so the old file is first renamed aside and the new
// one moved into a free name. A reader in between finds no file there.
import { renameSync, rmSync } from 'node:fs';

/** Rename the file at `path` to `aside` when there is one; returns whether there was. */
export function moveAside(path: string, aside: string): boolean {
  try {
    renameSync(path, aside);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return false;
  }
}

/** Move the file `from` to `to`, the file it replaces renamed aside first and then removed. */
export function moveOverAndDrop(from: string, to: string): void {
  const aside = `${from}.replaced`;
  const replaced = moveAside(to, aside);
  renameSync(from, to);
  if (replaced) rmSync(aside, { force: true });
}
