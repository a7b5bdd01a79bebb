// `cs-train init [DIR]`: a new curriculum repository that builds at once, with CI that checks pull
// requests and publishes to GitHub Pages on merge. Never overwrites a file.
import { existsSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TOOL_ROOT } from '../daemon/address.js';
import { listStarterFiles } from '../init/starter.js';
import { EXIT, shownPath, status, UsageError } from './common.js';
import { makeFolder } from '../util/make-folder.js';
import { refusal } from '../util/fs-refusal.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Options of `init`. */
export interface InitOptions {
  /** Where the new repository installs cs-train from: an npm version range, a git URL, a tarball, a local path. */
  from?: string;
}

/** Run `init` and return the exit status. */
export function runInit(dir: string | undefined, options: InitOptions = {}): number {
  const root = resolve(dir ?? '.');
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${dir} exists and is not a folder.`);
  for (let up = dirname(root); ; up = dirname(up)) {
    const stat = statSync(up, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) throw new UsageError(`Cannot create ${dir}: ${up} is a file, not a folder.`);
    if (stat || dirname(up) === up) break;
  }
  // cs-train is not on the npm registry yet: run from a clone of its source, the new repository
  // installs it from that clone, so that `npm install` works at once on this computer.
  const local = options.from === undefined && fromCheckout() ? TOOL_ROOT : undefined;
  const dependency = dependencySpec(options.from ?? local, root);
  const files = listStarterFiles(pkg.version, basename(root), dependency);
  const taken = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
  if (taken.length > 0) {
    status(`cs-train: init writes nothing because these files already exist in ${shownPath(root)}:`);
    for (const path of taken) status(`  ${path}`);
    status('Move them away or run `cs-train init` in an empty folder.');
    return EXIT.usage;
  }
  writeAllOrNothing(root, files);
  status(nextSteps(root, files.length, local === undefined ? undefined : dependency));
  return EXIT.ok;
}

/**
 * Write every starter file, or none: when one cannot be written (a full disk, a file where a folder
 * goes), the files and folders written so far are removed again, and the error names the place.
 */
function writeAllOrNothing(root: string, files: readonly { path: string; contents: string }[]): void {
  const written: string[] = [];
  const folders: string[] = [];
  for (const f of files) {
    const target = join(root, f.path);
    let opening = false;
    try {
      folders.push(...makeFolder(dirname(target)));
      opening = true;
      writeFileSync(target, f.contents, { flag: 'wx' });
      written.push(target);
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      // A file begun and not finished is removed too; with 'wx', EEXIST means another program made it meanwhile.
      if (opening && code !== 'EEXIST' && existsSync(target)) written.push(target);
      for (const file of written) rmSync(file, { force: true });
      for (const folder of folders.reverse()) {
        try {
          rmdirSync(folder);
        } catch {
          /* not empty: something else was put there meanwhile */
        }
      }
      if (code === undefined) throw error;
      const why = `${refusal(code) ?? 'could not be written'} (${code})`;
      // A file where init puts a folder (or the other way round) is the user's to move; anything else is about the folder.
      const advice = code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR' ? 'move it away, or run `cs-train init` in another folder' : 'run `cs-train init` in a folder you can write';
      throw new UsageError(`Cannot write ${f.path}: ${path ?? target} ${why}. Nothing was written; ${advice}.`);
    }
  }
}

/**
 * The dependency on cs-train the new package.json names: `^VERSION` from the npm registry by default;
 * `--from` as given (a version range, `git+https://…#tag`, a tarball URL, `file:…`), except that a
 * local tarball or folder is named by its path from the new repository, so the repository can move.
 */
export function dependencySpec(from: string | undefined, root: string): string {
  if (from === undefined) return `^${pkg.version}`;
  const value = from.trim();
  if (value === '') throw new UsageError('--from is empty; give where cs-train is installed from, e.g. a git URL (git+https://git.example.com/cs-train.git#v1.0.0) or a tarball.');
  if (value.startsWith('-')) throw new UsageError(`--from ${value} is not where cs-train can be installed from; give a git URL (git+https://git.example.com/cs-train.git#v1.0.0), a tarball, or a folder.`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  const isPath = value.startsWith('file:') || /^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(value) || (scheme === undefined && TARBALL.test(value));
  if (!isPath) {
    if (scheme !== undefined && !/^(https?|git|git\+(https?|ssh|file)|ssh)$/.test(scheme)) {
      throw new UsageError(`--from ${value}: npm cannot install from ${scheme}:// addresses; give a git URL (git+https://…#tag), an http(s) tarball URL, or a local .tgz or folder.`);
    }
    return value;
  }
  const abs = resolve(value.startsWith('file:') ? value.slice(5) : value);
  if (!existsSync(abs)) throw new UsageError(`--from ${value}: there is no file or folder at ${abs}.`);
  if (statSync(abs).isDirectory()) {
    let name: unknown;
    try {
      name = (JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8')) as { name?: unknown }).name;
    } catch {
      name = undefined;
    }
    if (name !== 'cs-train') throw new UsageError(`--from ${value}: the folder ${abs} is not a cs-train package (it has no package.json named "cs-train"); give the cs-train source folder or the .tgz that \`npm pack\` writes there.`);
  } else if (!TARBALL.test(abs)) {
    throw new UsageError(`--from ${value}: ${abs} is not a .tgz; give the .tgz that \`npm pack\` writes in the cs-train source folder, or that folder itself.`);
  }
  const rel = relative(root, abs).split('\\').join('/');
  return `file:${rel.startsWith('.') || isAbsolute(rel) ? rel : `./${rel}`}`;
}

/** What `npm pack` writes: a gzipped tarball. */
const TARBALL = /\.t(ar\.)?gz$/i;

/** Whether this cs-train runs from a clone of its source rather than from a package npm installed (in a node_modules folder). */
export function fromCheckout(toolRoot: string = TOOL_ROOT): boolean {
  return !toolRoot.split(/[\\/]/).includes('node_modules');
}

/**
 * What to do next; `fromClone`: the dependency the repository was given on the clone of cs-train
 * that made it, which only this computer has.
 */
function nextSteps(root: string, count: number, fromClone?: string): string {
  const where = shownPath(root);
  const cd = where === '.' ? '' : `  cd ${where.includes(' ') ? JSON.stringify(where) : where}\n`;
  const clone = fromClone
    ? [
        '',
        `package.json installs cs-train from this copy of it (${fromClone}), which only this computer has.`,
        'For the GitHub workflows, set "cs-train" in package.json to where your organisation keeps cs-train,',
        'such as a git URL (git+https://git.example.com/training/cs-train.git#v' + pkg.version + '), and run npm install again.',
      ]
    : [];
  return [
    `Created a curriculum repository in ${where} (${count} files): an example curriculum in curricula/,`,
    'workflows that check pull requests and publish to GitHub Pages, and editor schemas.',
    '',
    'Next steps:',
    `${cd}  npm install                 # installs cs-train and writes package-lock.json (commit it)`,
    '  npm run serve               # preview with live reload while you edit',
    '  git init && git add . && git commit -m "Curriculum"',
    'Push to GitHub, then choose Settings > Pages > Source: GitHub Actions.',
    'Every pull request is checked; every merge to main publishes the handbooks.',
    ...clone,
  ].join('\n');
}
