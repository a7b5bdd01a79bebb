// Moving a new file into the place of an old one. On ext4, a rename that replaces a file makes the
// kernel write the new file's data out at once (`auto_da_alloc`, a guard for programs that never
// sync), which costs more than the write itself; so the old file is first renamed aside and the new
// one moved into a free name. A reader in between finds no file there.
import { renameSync, rmSync } from 'node:fs';

/**
 * Move the file `from` to `to`, first renaming what is at `to` to `aside`; returns whether something
 * was there. `aside` then holds the old file, for the caller to remove (`moveOverAndDrop` does).
 */
export function moveOver(from: string, to: string, aside: string): boolean {
  let replaced = true;
  try {
    renameSync(to, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    replaced = false;
  }
  renameSync(from, to);
  return replaced;
}

/** `moveOver`, then remove the old file. */
export function moveOverAndDrop(from: string, to: string): void {
  const aside = `${from}.replaced`;
  if (moveOver(from, to, aside)) rmSync(aside, { force: true });
}
