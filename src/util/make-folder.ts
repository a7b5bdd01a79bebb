// mkdir -p that cannot hang: Node's recursive mkdirSync loops forever where mkdir answers ENOENT for
// a child of a folder that exists (under /proc, for one), stuck in a synchronous call that even
// Ctrl-C cannot stop. This one makes each missing folder in turn and throws the first error.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Make `path` and every missing folder above it, and return the folders made, outermost first;
 * throws an fs error (ENOTDIR, ENOENT, EACCES, …) when one cannot be made.
 */
export function makeFolder(path: string): string[] {
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const stat = statOrMissing(at);
    if (stat) {
      if (stat.isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: at });
    }
    const up = dirname(at);
    missing.push(at);
    if (up === at) break;
    at = up;
  }
  const made: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
      made.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw error;
    }
  }
  return made;
}

/** The stats of `path`, or undefined when it does not exist or a file stands on its way (ENOTDIR: the file is found further up). */
function statOrMissing(path: string): ReturnType<typeof statSync> {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
