// Node 22.1 and later can keep the code V8 compiles from the tool's modules on disk and reuse it in
// the next process (module.enableCompileCache), so that every `cs-train` command after the first
// starts sooner. bin/cs-train.js turns it on before it loads the tool. Node 20 has no such cache: there,
// and wherever the folder cannot be made private, this does nothing. NODE_DISABLE_COMPILE_CACHE=1
// turns it off; NODE_COMPILE_CACHE names another folder (Node then has it on from the start).
import { mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { folderProblem } from '../daemon/address.js';

/** The folder for the compile cache: the user's cache folder (XDG_CACHE_HOME, ~/.cache, ~/Library/Caches), never a shared one. */
function compileCacheFolder(env: NodeJS.ProcessEnv): string {
  const caches = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches') : join(homedir(), '.cache');
  return join(caches, 'cs-train', 'compile-cache');
}

/** Turn the compile cache on for this process where Node has one; returns the folder it uses, or undefined. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const enable = (module as { enableCompileCache?: (dir?: string) => { status: number; directory?: string } }).enableCompileCache;
  // On Windows a folder's privacy cannot be told from its mode bits: no cache there.
  if (typeof enable !== 'function' || env.NODE_COMPILE_CACHE || process.platform === 'win32') return undefined;
  try {
    const folder = compileCacheFolder(env);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // Compiled code read from a folder another user can write to would run as this user.
    if (folderProblem(folder, 0o022) || folderProblem(join(folder, '..'), 0o022)) return undefined;
    const result = enable(folder);
    return result.directory;
  } catch {
    return undefined; // a read-only home: start without it
  }
}

