// Writes a build's files safely: everything goes into a temporary folder beside the output, and the
// output changes only once the build has succeeded. The first build renames that folder into place;
// later ones update the output file by file (new and changed files moved in, files no output makes
// removed, unchanged ones left untouched). A failed or interrupted build leaves the previous output as
// it was; a build killed during the final renames is finished by the next one, and one killed before
// them is cleared by it.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, parse, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../render/types.js';
import { fileIn, manifestFile, OutputManifest } from './output-manifest.js';
import { makeFolder } from '../util/make-folder.js';
import { refusal } from '../util/fs-refusal.js';
import { moveAside } from '../util/move-over.js';
import { processAlive } from '../util/process-alive.js';

/** A refusal to write into a folder, reported as a usage error (exit 2). */
export class OutputFolderError extends Error {}

/** Name of the marker file that identifies a folder written by cs-train. */
export const MARKER = '.cs-train-output';

/** Refuse output folders whose replacement would destroy sources or unrelated files. */
export function checkOutputFolder(outDir: string, sourceDir: string): void {
  if (isLink(resolve(outDir)) && !leadsSomewhere(resolve(outDir))) {
    throw new OutputFolderError(`The output path ${outDir} is a symbolic link that leads to no folder; remove the link or choose another with -o.`);
  }
  const out = realPath(resolve(outDir));
  const src = realPath(resolve(sourceDir));
  if (out === parse(out).root) throw new OutputFolderError(`Refusing to write the output into the root folder ${out}; choose another with -o.`);
  if (out === src) throw new OutputFolderError(`The output folder ${outDir} is the source folder; choose another with -o.`);
  if (isInside(src, out)) throw new OutputFolderError(`The output folder ${outDir} contains the source folder; choose another with -o.`);
  if (isInside(out, src)) throw new OutputFolderError(`The output folder ${outDir} is inside the source folder; choose a folder outside it with -o.`);
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (home && (out === realPath(resolve(home)) || isInside(realPath(resolve(home)), out))) {
    throw new OutputFolderError(`Refusing to write the output into ${outDir}, which holds your home folder; choose another with -o.`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new OutputFolderError(`The output path ${outDir} exists and is not a folder; choose another with -o.`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new OutputFolderError(`The output folder ${outDir} already holds files that cs-train did not write; empty it or choose another with -o.`);
    }
  }
}

/**
 * The files of one build on their way to the output folder: each is written into a temporary folder
 * beside it as soon as it is rendered (so the build never holds all of them in memory), and nothing in
 * the output changes before `commit`. `abort`, or a crash before `commit`, leaves the previous output
 * as it was. The first build renames its temporary folder into place. Later builds update the output
 * file by file: files whose bytes are unchanged (or, with a record kept in the cache folder, files
 * recorded as made from the same stored piece) stay where they are, untouched, so a rebuild costs what
 * it changed and deploy and sync tools skip the rest; `commit` removes the files this build did not
 * make and moves the new and changed ones in. It first writes down what it is about to do (`JOURNAL`),
 * so that a build killed during those few renames is finished by the next one (`recoverInterrupted`).
 */
export class OutputStage {
  private readonly seen = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly tmp: string;
  private readonly previousDir: string | undefined;
  private readonly manifest: string | undefined;
  private readonly before: OutputManifest;
  private readonly after = new OutputManifest();
  private done = false;
  /** Folders of the previous output by whether they are real folders (no link on the way). */
  private readonly realFolders = new Map<string, boolean>();
  /** Files taken unchanged from the previous output. */
  reused = 0;
  /** Paths written with bytes the previous output did not hold there (new or changed files). */
  readonly written: string[] = [];

  /**
   * Open a stage for `outDir` (already checked by `checkOutputFolder`), finishing or clearing what a
   * killed build left; `cacheDir`: the cache folder, which keeps the record of the stored piece each
   * output file holds.
   */
  constructor(
    private readonly outDir: string,
    cacheDir?: string,
  ) {
    const out = realPath(resolve(outDir));
    const parent = dirname(out);
    try {
      makeFolder(parent);
    } catch (error) {
      throw unwritable(outDir, error);
    }
    recoverInterrupted(out);
    const stamp = `${process.pid}-${(stampCounter++).toString(36)}${Date.now().toString(36)}`;
    this.tmp = join(parent, `.${basename(out)}.tmp-${stamp}`);
    this.previousDir = ownedFolder(out) ? out : undefined;
    this.manifest = cacheDir === undefined ? undefined : manifestFile(cacheDir, out);
    this.before = OutputManifest.read(this.previousDir && this.manifest, out);
    try {
      mkdirSync(this.tmp);
      writeFileSync(join(this.tmp, MARKER), 'This folder is written by cs-train build and updated on every build.\n');
    } catch (error) {
      rmSync(this.tmp, { recursive: true, force: true });
      throw unwritable(outDir, error);
    }
  }

  /** Number of files written so far. */
  get count(): number {
    return this.seen.size;
  }

  /** Paths of the files in the stage so far. */
  get paths(): ReadonlySet<string> {
    return this.seen;
  }

  /**
   * Keep the files at `paths` of the previous output as they are (with their records), for outputs
   * this build does not render (the slide decks `serve` renders in a second pass); a path the previous
   * output lacks is left out.
   */
  carry(paths: Iterable<string>): void {
    const previous = this.previousDir;
    if (previous === undefined) return;
    for (const path of paths) {
      const from = fileIn(previous, path);
      if (this.seen.has(path) || !existsSync(from)) continue;
      if (this.inRealFolder(path) && this.isFileAt(path)) {
        checkPath(path, this.seen);
        this.after.carry(this.before, path);
        this.reused++;
        continue;
      }
      // Seen through a link (put there by hand), which the commit removes: moved in as a new file, on no record's word.
      copyFileSync(from, this.place(path));
      this.written.push(path);
    }
  }

  /**
   * Keep `paths` of the previous output when each is recorded as made from the stored piece `key` and
   * is unchanged since (`paths` undefined: every file recorded as made from it); returns the files kept
   * and what that piece was made from, or undefined (then nothing was kept and the files are to be written).
   */
  reuse(wanted: readonly string[] | undefined, key: string): { paths: readonly string[]; uses: readonly string[] } | undefined {
    const previous = this.previousDir;
    const paths = wanted ?? this.before.pathsOf(key);
    if (previous === undefined || paths.length === 0 || !paths.every((p) => this.before.holds(previous, p, key))) return undefined;
    // `holds` has found each a regular file with its recorded stamp.
    if (!paths.every((p) => this.inRealFolder(p))) return undefined;
    for (const path of paths) checkPath(path, this.seen);
    for (const path of paths) this.after.carry(this.before, path);
    this.reused += paths.length;
    return { paths, uses: this.before.usesOf(key) };
  }

  /**
   * The bytes of the previous output's file at `path` when the record (of this very build of the tool)
   * holds the path and the file is unchanged since that build wrote it; undefined otherwise (no record,
   * no cache folder, another tool build, a file touched since). Never throws.
   */
  previous(path: string): Uint8Array | undefined {
    return this.previousDir === undefined ? undefined : this.before.bytesOf(this.previousDir, path);
  }

  /** Write one file (`stored`: the piece of the output cache it holds); a malformed or repeated path aborts the stage and throws. */
  write(file: OutputFile, stored?: { key: string; uses: readonly string[] }): void {
    try {
      const bytes = typeof file.contents === 'string' ? Buffer.from(file.contents, 'utf8') : file.contents;
      checkPath(file.path, this.seen);
      const unchanged = this.previousDir !== undefined && this.inRealFolder(file.path) && this.sameAsPrevious(file.path, bytes);
      if (unchanged) this.reused++;
      else {
        writeFileSync(this.folderFor(fileIn(this.tmp, file.path)), bytes);
        this.written.push(file.path);
      }
      if (stored) this.after.record(unchanged ? this.previousDir! : this.tmp, file.path, stored.key, stored.uses);
    } catch (error) {
      this.abort();
      throw unwritable(this.outDir, error);
    }
  }

  /** Check `path` and make its folder in the stage; returns where the file goes. */
  private place(path: string): string {
    checkPath(path, this.seen);
    return this.folderFor(fileIn(this.tmp, path));
  }

  /** Make the folder of `file` (once per build); returns `file`. */
  private folderFor(file: string): string {
    const folder = dirname(file);
    if (!this.folders.has(folder)) makeFolder(folder);
    this.folders.add(folder);
    return file;
  }

  /**
   * Whether the previous output's file at `path` lies in a real folder (no link on the way), so that
   * it can stay where it is if it is a regular file. A file seen through a link to a folder (put there
   * by hand) cannot: the commit removes the link as a file no output makes. Callers check that the
   * file is a regular one (`sameAsPrevious`, the record's `holds`, `isFileAt`).
   */
  private inRealFolder(path: string): boolean {
    const folder = dirname(fileIn(this.previousDir!, path));
    let real = this.realFolders.get(folder);
    if (real === undefined) {
      try {
        real = realpathSync(folder) === folder;
      } catch {
        real = false; // no such folder, or a file where a folder of its path is now
      }
      this.realFolders.set(folder, real);
    }
    return real;
  }

  /** Whether the previous output holds a regular file at `path`. */
  private isFileAt(path: string): boolean {
    try {
      return lstatSync(fileIn(this.previousDir!, path)).isFile();
    } catch {
      return false;
    }
  }

  /** Whether the previous output holds a regular file at `path` whose bytes are exactly `bytes`. */
  private sameAsPrevious(path: string, bytes: Uint8Array): boolean {
    const before = fileIn(this.previousDir!, path);
    try {
      const stat = lstatSync(before);
      return stat.isFile() && stat.size === bytes.byteLength && readFileSync(before).equals(bytes);
    } catch {
      return false; // no such file: write it
    }
  }

  /** Put everything written in place: the whole folder for a first build, else the new and changed files. */
  commit(): void {
    const previous = this.previousDir;
    const out = previous ?? realPath(resolve(this.outDir));
    try {
      if (previous === undefined) renameSync(this.tmp, out);
      else {
        // Written down first, whole (a file renamed into place), so that a kill during the update is finished later.
        const journal: Journal = { keep: [...this.seen], move: this.written };
        writeFileSync(join(this.tmp, `${JOURNAL}.part`), JSON.stringify(journal));
        renameSync(join(this.tmp, `${JOURNAL}.part`), join(this.tmp, JOURNAL));
        const undo: Undo = [];
        try {
          applyJournal(out, this.tmp, journal, undo);
        } catch (error) {
          // A rename refused half-way (a file held open, on Windows): every step taken is taken back, newest first.
          rmSync(join(this.tmp, JOURNAL), { force: true });
          for (const back of undo.reverse()) {
            try {
              back();
            } catch {
              /* as much as can be */
            }
          }
          throw error;
        }
      }
    } catch (error) {
      this.abort();
      throw uncommitted(this.outDir, error);
    }
    this.done = true;
    // What is left of the stage: the replaced files' old bytes, freed here.
    rmSync(this.tmp, { recursive: true, force: true });
    // Files left in place keep the stamps recorded; only the moved ones changed (a folder renamed whole changes none).
    if (this.manifest) this.after.write(this.manifest, out, previous === undefined ? [] : this.written);
  }

  /** Drop everything written; the previous output stays. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

let stampCounter = 0;

/** The file in a stage that says its commit has begun, and what it does. */
const JOURNAL = '.cs-train-commit';

/** What a commit does to the previous output: keep these paths (removing every other file), then move these in from the stage. */
interface Journal {
  keep: string[];
  move: string[];
}

/** Steps of a commit taken so far, each as the step that takes it back. */
type Undo = (() => void)[];

/**
 * Update the output folder `out` from the stage `tmp` as `journal` says; run again after a kill, it
 * finishes the update (files already moved are no longer in the stage). Nothing is deleted here: files
 * no output makes and files being replaced are renamed aside into the stage, and removed with it, so
 * that each step can be taken back (`undo`). A file being replaced is renamed aside before the new one
 * moves in for speed too (see move-over.ts).
 */
function applyJournal(out: string, tmp: string, journal: Journal, undo: Undo = []): void {
  let asides = 0;
  const aside = () => join(tmp, `${JOURNAL}.aside-${asides++}`);
  // Stale files first: a file may stand where a folder is now needed, or the other way round.
  removeAllBut(out, '', new Set([...journal.keep, MARKER]), aside, undo);
  // An empty folder counts as cs-train's own: claim it before moving files in.
  if (!existsSync(join(out, MARKER)) && existsSync(join(tmp, MARKER))) step(join(tmp, MARKER), join(out, MARKER), undo);
  for (const path of journal.move) {
    const from = fileIn(tmp, path);
    if (!existsSync(from)) continue;
    const target = fileIn(out, path);
    makeFolders(out, dirname(target), undo);
    const old = aside();
    if (moveAside(target, old)) undo.push(() => renameSync(old, target));
    step(from, target, undo);
  }
}

/** Make `folder` (inside `out`) and the folders above it that are missing, recording their removal. */
function makeFolders(out: string, folder: string, undo: Undo): void {
  let first: string | undefined;
  for (let at = folder; at !== out && !existsSync(at); at = dirname(at)) first = at;
  if (first === undefined) return;
  makeFolder(folder);
  undo.push(() => rmSync(first, { recursive: true, force: true }));
}

/** Rename `from` to `to`, recording the rename back. */
function step(from: string, to: string, undo: Undo): void {
  renameSync(from, to);
  undo.push(() => renameSync(to, from));
}

/** Move aside every file under `folder` (at `prefix`, forward slashes) whose path is not in `keep`, and remove the folders left empty; returns whether `folder` is now empty. */
function removeAllBut(folder: string, prefix: string, keep: ReadonlySet<string>, aside: () => string, undo: Undo): boolean {
  let empty = true;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = prefix + entry.name;
    const full = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (removeAllBut(full, `${path}/`, keep, aside, undo)) {
        rmdirSync(full);
        undo.push(() => mkdirSync(full));
      } else empty = false;
    } else if (keep.has(path)) empty = false;
    else step(full, aside(), undo);
  }
  return empty;
}

/** An fs error met while writing the output, as an `OutputFolderError` naming the place at fault; any other error as it is. */
function unwritable(outDir: string, error: unknown): unknown {
  const { code, path } = error as NodeJS.ErrnoException;
  const why = refusal(code);
  if (why === undefined) return error;
  // The staging folder is cs-train's own: name the folder it was to be made in.
  const place = path === undefined ? outDir : /^\..*\.tmp-\d+-[a-z0-9]+$/.test(basename(path)) ? dirname(path) : path;
  return new OutputFolderError(`Could not write the output folder ${outDir}: ${place} ${why} (${code}). Choose a folder you can write with -o.`);
}

/** Reject a repeated path, or one that would land outside the output folder, before writing it. */
function checkPath(path: string, seen: Set<string>): void {
  const parts = path.split('/');
  if (path === '' || path.includes('\\') || path.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..') || /^[a-zA-Z]:/.test(path)) {
    throw new Error(`output path escapes the output folder or is malformed: ${JSON.stringify(path)}`);
  }
  if (path === MARKER) throw new Error(`output path ${path} is reserved`);
  if (seen.has(path)) throw new Error(`two outputs write the same file ${path}`);
  seen.add(path);
}

/** An fs error met while putting the stage in place: a file held open (Windows) or a mount point is named as such. */
function uncommitted(outDir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES' || code === 'EXDEV') {
    return new OutputFolderError(`Could not update the output folder ${outDir} (${code}); is a file in it open in another program, or is it a mount point?`);
  }
  return unwritable(outDir, error);
}

/**
 * Finish or clear what a killed build left beside `out`: a stage whose commit had begun (its journal
 * written) is committed, any other is removed. Stages of running builds are left alone, and only
 * folders cs-train wrote (marker inside, or empty) are ever touched.
 */
export function recoverInterrupted(out: string): void {
  const parent = dirname(out);
  const prefix = `.${basename(out)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith(prefix)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^(\d+)-[a-z0-9]+$/.exec(name.slice(prefix.length));
    const stage = join(parent, name);
    // A stage whose commit had begun may have given its marker to an output folder that lacked one.
    if (!m || (Number(m[1]) !== process.pid && processAlive(Number(m[1]))) || !(ownedFolder(stage) || existsSync(join(stage, JOURNAL)))) continue;
    const journal = readJournal(stage);
    if (journal && ownedFolder(out)) applyJournal(out, stage, journal);
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The journal of a stage whose commit had begun, or undefined. */
function readJournal(stage: string): Journal | undefined {
  try {
    const data = JSON.parse(readFileSync(join(stage, JOURNAL), 'utf8')) as Partial<Journal>;
    const paths = (v: unknown): v is string[] => Array.isArray(v) && v.every((p) => typeof p === 'string');
    return paths(data.keep) && paths(data.move) ? { keep: data.keep, move: data.move } : undefined;
  } catch {
    return undefined;
  }
}

function ownedFolder(path: string): boolean {
  try {
    if (!lstatSync(path).isDirectory()) return false;
    const entries = readdirSync(path);
    return entries.length === 0 || entries.includes(MARKER);
  } catch {
    return false;
  }
}

/** The real path of `p` (symlinks resolved), for the part of it that exists. */
function realPath(p: string): string {
  const rest: string[] = [];
  let at = p;
  for (;;) {
    try {
      return join(realpathSync(at), ...rest.reverse());
    } catch {
      const up = dirname(at);
      if (up === at) return p;
      rest.push(basename(at));
      at = up;
    }
  }
}

/** Whether `path` is a symbolic link (false when it, or a folder above it, cannot be read). */
function isLink(path: string): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/** Whether the link at `path` leads to something (not dangling, not a loop). */
function leadsSomewhere(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
