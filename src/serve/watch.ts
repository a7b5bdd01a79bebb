// Watches the source folder and the template folders with chokidar (recursive fs.watch is unreliable
// on Linux). The folder holding the source is watched only so that a templates/ folder created while
// serving is noticed; everything else in it (node_modules, dist, .git) is ignored and not descended.
import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { watch } from 'chokidar';
import { gitOutput } from '../util/git.js';

/** What to watch. */
export interface WatchTargets {
  /** The folder holding the source folder and the user's templates/ folder. */
  parent: string;
  /** Folders whose whole contents matter (source, user templates, built-in templates). */
  roots: string[];
  /** Folders never to look at (the output and its temporary siblings). */
  ignore: string[];
}

/** A running watcher. */
export interface SourceWatcher {
  close(): Promise<void>;
}

/** Call `onChange(path)` for every added, changed or removed file or folder under the roots. */
export async function watchSources(targets: WatchTargets, onChange: (path: string) => void): Promise<SourceWatcher> {
  const inside = (p: string, dir: string) => {
    const rel = relative(dir, p);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
  };
  const ignored = (p: string): boolean => {
    if (p === targets.parent || targets.roots.includes(p)) return false;
    if (targets.ignore.some((d) => inside(p, d))) return true;
    if (isEditorScratch(basename(p))) return true;
    return !targets.roots.some((r) => inside(p, r));
  };
  const watcher = watch([targets.parent, ...targets.roots.filter((r) => !inside(r, targets.parent))], {
    ignoreInitial: true,
    ignored,
    depth: 64,
  });
  watcher.on('all', (_event, path) => onChange(path));
  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', () => resolve());
    watcher.once('error', reject);
  });
  watcher.on('error', (error) => process.stderr.write(`cs-train: watching the sources failed: ${(error as Error).message}\n`));
  return { close: () => watcher.close() };
}

/** Hidden files, and the swap, backup and lock files editors write beside the real one. */
function isEditorScratch(name: string): boolean {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') || /\.sw[a-p]$/.test(name) || /\.(tmp|bak)$/i.test(name);
}

/**
 * Call `onChange` when the git repository holding `sourceDir` moves to another commit (a commit, an
 * amend, a pull, a checkout: its HEAD or HEAD's log changes), as the edition date printed on the
 * pages is that of the last commit touching the sources. Undefined when SOURCE_DATE_EPOCH fixes the
 * date, outside a repository, or without git. The two files are polled (twice a second): they may
 * not exist yet (no commit), and a watcher of .git would see every object git writes.
 */
export async function watchGitHead(sourceDir: string, onChange: () => void): Promise<SourceWatcher | undefined> {
  if (process.env.SOURCE_DATE_EPOCH) return undefined;
  const gitDir = await gitOutput(['rev-parse', '--absolute-git-dir'], sourceDir);
  if (gitDir === undefined) return undefined;
  const files = [join(gitDir, 'HEAD'), join(gitDir, 'logs', 'HEAD')];
  const listener = (now: Stats, before: Stats) => {
    if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) onChange();
  };
  for (const file of files) watchFile(file, { interval: 500, persistent: false }, listener);
  return {
    close: async () => {
      for (const file of files) unwatchFile(file, listener);
    },
  };
}
