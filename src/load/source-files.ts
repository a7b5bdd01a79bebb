// How the load stage finds and reads the files of one source folder: the path shown for each file,
// the rule that a link may not lead outside the folder, folder listings shared with the scan before
// the load, and each file's text: kept from that scan, deferred when its stamp says it is unchanged,
// or read now and stamped for the next load.
import { realpathSync, type Dirent } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import type { SessionCache } from '../cache/session-cache.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { listFolder } from './list-folder.js';
import { contentKeyOf, DeferredSourceText, readSourceText, type SourceText } from './source-text.js';

/** The files of one source folder as one load sees them. */
export class SourceFiles {
  /** The source folder with every link resolved: files must resolve inside it. */
  readonly realRoot: string;
  /** Display paths of the folders read so far. */
  private readonly shownFolders = new Map<string, string>();

  constructor(
    sourceDir: string,
    private readonly diagnostics: Diagnostics,
    private readonly cwd: string,
    private readonly cache?: SessionCache,
  ) {
    this.realRoot = realpathSync.native(sourceDir);
  }

  /** Path shown to the user: relative to the working directory, with forward slashes. */
  displayPath(abs: string): string {
    const rel = relative(this.cwd, abs) || '.';
    return rel.split(sep).join('/');
  }

  /** The visible entries of a folder in name order (the listing of the scan before the load, if it made one). */
  list(dir: string): Dirent[] {
    return listFolder(dir, this.cache?.listings);
  }

  /** Whether the folder `abs` (itself, or the place a link to it leads) is inside the source folder. */
  folderInside(abs: string): boolean {
    return this.whereIs(abs) === 'inside';
  }

  /** Where the file or folder `abs` leads: inside or outside the source folder, or nowhere (a broken link, a loop of links). */
  private whereIs(abs: string): 'inside' | 'outside' | 'broken' | 'loop' {
    try {
      const real = realpathSync.native(abs);
      return real === this.realRoot || real.startsWith(this.realRoot + sep) ? 'inside' : 'outside';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ELOOP' ? 'loop' : code === 'ENOENT' ? 'broken' : 'outside';
    }
  }

  /**
   * Refuse files that are links to somewhere outside the source folder. `plainInside`: the file is a
   * regular file (not a link) in a folder known to be inside, so only a link could leave it: no lookup.
   */
  inside(abs: string, plainInside = false): boolean {
    const where = plainInside ? 'inside' : this.whereIs(abs);
    if (where === 'inside') return true;
    const shown = this.displayPath(abs);
    if (where === 'loop') this.diagnostics.report(shown, 'file-unreadable', 'This is a symbolic link that leads back to itself (a loop of links); it is not read.');
    else if (where === 'broken') this.diagnostics.report(shown, 'file-unreadable', 'This is a symbolic link to something that does not exist (a broken link); it is not read.');
    else this.diagnostics.report(shown, 'path-outside-source', 'This file is a link to a place outside the source folder; it is not read.');
    return false;
  }

  /**
   * A source file's text: kept from the scan before the load, or (known unchanged by its stamp) read
   * only when something needs it, or read now and stamped for the next load.
   */
  read(abs: string): SourceText | undefined {
    const path = this.displayPathIn(abs);
    const kept = this.cache?.takeText(abs);
    if (kept) {
      this.diagnostics.source(path, kept.text);
      return { ...kept, path };
    }
    const stamps = this.cache?.stamps;
    const known = stamps?.knownKey(abs);
    if (known !== undefined) return new DeferredSourceText(abs, path, known, this.diagnostics);
    const src = readSourceText(abs, path, this.diagnostics);
    if (src?.stats) stamps?.noteRead(abs, src.stats, contentKeyOf(src));
    return src;
  }

  /** The display path of a file by its folder's, which is worked out once per folder. */
  private displayPathIn(abs: string): string {
    const dir = dirname(abs);
    let shown = this.shownFolders.get(dir);
    if (shown === undefined) {
      shown = this.displayPath(dir);
      this.shownFolders.set(dir, shown);
    }
    return shown === '.' ? basename(abs) : `${shown}/${basename(abs)}`;
  }
}
