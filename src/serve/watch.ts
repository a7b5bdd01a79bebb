// Watches the source folder and the template folders with chokidar (recursive fs.watch is unreliable
// on Linux). The folder holding the source is watched only so that a templates/ folder created while
// serving is noticed; everything else in it (node_modules, dist, .git) is ignored and not descended.
import { basename, relative, sep } from 'node:path';
import { watch } from 'chokidar';

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
