// Node 22.1 and later can keep the code V8 compiles from the tool's modules on disk and reuse it in
// the next process (module.enableCompileCache), so that every `cs-train` command after the first
// starts sooner. bin/cs-train.js turns it on before it loads the tool. Node 20 has no such cache: there,
// and wherever the folder cannot be made private, this does nothing. NODE_DISABLE_COMPILE_CACHE=1
// turns it off; NODE_COMPILE_CACHE names another folder (Node then has it on from the start).
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder for the compile cache: the user's cache folder (XDG_CACHE_HOME, ~/.cache, ~/Library/Caches), never a shared one. */
export function compileCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  const caches = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : platform === 'darwin' ? join(home, 'Library', 'Caches') : join(home, '.cache');
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
    if (!ownFolder(folder) || !ownFolder(join(folder, '..'))) return undefined;
    const result = enable(folder);
    return result.directory;
  } catch {
    return undefined; // a read-only home: start without it
  }
}

/** Whether `folder` is a real folder of this user that no one else may write to. */
function ownFolder(folder: string): boolean {
  const s = lstatSync(folder);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return s.isDirectory() && (uid === undefined || s.uid === uid) && (s.mode & 0o022) === 0;
}
