// Writes a build's files atomically: everything goes into a temporary folder beside the output,
// which then replaces the output in two renames. A failed build leaves the previous output as it was.
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';
import type { OutputFile } from '../render/types.js';

/** A refusal to write into a folder, reported as a usage error (exit 2). */
export class OutputFolderError extends Error {}

/** Name of the marker file that identifies a folder written by cs-train. */
export const MARKER = '.cs-train-output';

/** Refuse output folders whose replacement would destroy sources or unrelated files. */
export function checkOutputFolder(outDir: string, sourceDir: string): void {
  const out = resolve(outDir);
  const src = resolve(sourceDir);
  if (out === parse(out).root) throw new OutputFolderError(`Refusing to write the output into the root folder ${out}.`);
  if (out === src) throw new OutputFolderError('The output folder is the source folder; choose another with -o.');
  if (isInside(src, out)) throw new OutputFolderError(`The output folder ${outDir} contains the source folder; choose another with -o.`);
  if (isInside(out, src)) throw new OutputFolderError(`The output folder ${outDir} is inside the source folder; choose a folder outside it with -o.`);
  if (out === resolve(process.env.HOME ?? '/nonexistent')) throw new OutputFolderError('Refusing to write the output into your home folder.');
  if (existsSync(out)) {
    if (!lstatSync(out).isDirectory()) throw new OutputFolderError(`The output path ${outDir} exists and is not a folder.`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER)) {
      throw new OutputFolderError(`The output folder ${outDir} already holds files that cs-train did not write; empty it or choose another with -o.`);
    }
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** Write every file into a fresh temporary folder and swap it in place of `outDir`. */
export function emitFiles(outDir: string, files: OutputFile[]): void {
  const out = resolve(outDir);
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(parent, `.${parse(out).base}.tmp-${stamp}`);
  const old = join(parent, `.${parse(out).base}.old-${stamp}`);
  try {
    mkdirSync(tmp);
    writeFileSync(join(tmp, MARKER), 'This folder is written by cs-train build and replaced on every build.\n');
    for (const f of files) {
      const target = resolve(tmp, f.path);
      if (!isInside(target, tmp)) throw new Error(`output path escapes the output folder: ${f.path}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.contents);
    }
    if (existsSync(out)) renameSync(out, old);
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(out) && existsSync(old)) renameSync(old, out);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
