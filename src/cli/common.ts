// Shared CLI plumbing: source folder resolution, diagnostics printing, exit codes.
import { lstatSync, readlinkSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pc } from '../util/colors.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { OutputFolderError } from '../emit/emit.js';
import { countLine, formatDiagnostics, type ReportFormat } from '../diagnostics/reporters.js';
import { cacheWriteFailure } from '../cache/entry-files.js';
import { refusal } from '../util/fs-refusal.js';
import { TemplateError } from '../render/templates.js';

/** Port `serve` tries first. */
export const DEFAULT_PORT = 4100;

/** Exit statuses of format.md. */
export const EXIT = { ok: 0, sourceErrors: 1, usage: 2 } as const;

/** A usage problem (bad option, missing folder): printed without a stack, exit 2. */
export class UsageError extends Error {}

/** A refusal of the output folder as a usage error (exit 2); any other error as it is. */
export function asUsageError(error: unknown): unknown {
  return error instanceof OutputFolderError || error instanceof TemplateError ? new UsageError(error.message) : error;
}

/** Resolve SOURCE (default ./curricula) and make sure it is a folder; `command` names the command in hints. */
export function sourceFolder(source: string | undefined, command: 'check' | 'build' | 'serve' = 'build'): string {
  const dir = resolve(source ?? 'curricula');
  const name = source ?? 'curricula';
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Source folder ${name} cannot be opened (${code === 'ELOOP' ? 'its symbolic links point at each other' : code}). Pass the folder that holds curriculum.yaml, e.g. \`cs-train ${command} path/to/curricula\`.`);
  }
  if (!stat && lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw new UsageError(`Source folder ${name} is a symbolic link to ${readlinkSync(dir)}, which does not exist. Point the link at the folder that holds curriculum.yaml, or pass that folder.`);
  }
  if (stat && !stat.isDirectory()) {
    throw new UsageError(`${name} is a file, not a folder. Pass the folder that holds curriculum.yaml, e.g. \`cs-train ${command} ${relative(process.cwd(), dirname(dir)) || '.'}\`.`);
  }
  if (!stat) {
    // The usual slips: running inside curricula/ itself, or outside the repository.
    const here = ['curriculum.yaml', 'curriculum.yml'].some((f) => statSync(resolve(f), { throwIfNoEntry: false })?.isFile());
    const hint = here
      ? `This folder holds curriculum.yaml itself: run cs-train from the folder above it, the repository (\`cd ..\`, then \`cs-train ${command}\`).`
      : name === 'curricula'
        ? `Run cs-train in your curriculum repository (the folder that holds curricula/), or pass the folder that holds curriculum.yaml, e.g. \`cs-train ${command} path/to/curricula\`.`
        : `Pass the folder that holds curriculum.yaml, e.g. \`cs-train ${command} path/to/curricula\`.`;
    throw new UsageError(`Source folder ${name} does not exist. ${hint}`);
  }
  return dir;
}

/**
 * Refuse a SOURCE_DATE_EPOCH that is set but is not whole seconds since 1970, as the
 * reproducible-builds specification asks: the edition date would otherwise come from git unnoticed.
 */
export function checkSourceDateEpoch(): void {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return;
  const hint = 'set it to whole seconds since 1970 (for example `git log -1 --format=%ct`), or unset it to date the edition by the last commit.';
  if (!/^\d+$/.test(value)) throw new UsageError(`SOURCE_DATE_EPOCH is "${value.slice(0, 40)}", which is not a time; ${hint}`);
  if (Number(value) > MAX_SOURCE_DATE_EPOCH) throw new UsageError(`SOURCE_DATE_EPOCH is "${value.slice(0, 40)}", which is too far in the future (the latest is ${MAX_SOURCE_DATE_EPOCH}, in December 9999); ${hint}`);
}

/**
 * 9999-12-30T23:59:59Z: the latest edition time whose date is still in the year 9999 in every time zone
 * (up to UTC+14); later ones cannot be written as YYYY-MM-DD or as an iCalendar DTSTAMP.
 */
export const MAX_SOURCE_DATE_EPOCH = 253402214399;

/** Parse `--format`. */
export function reportFormat(value: string | undefined): ReportFormat {
  const f = value ?? 'text';
  if (f !== 'text' && f !== 'json' && f !== 'github') throw new UsageError(`Unknown --format "${f}"; use text, json or github.`);
  return f;
}

/** Print diagnostics in the chosen format; returns whether the run fails (errors, or warnings with --strict). */
export function printDiagnostics(diagnostics: Diagnostics, format: ReportFormat, strict: boolean): boolean {
  const list = diagnostics.list();
  const output = formatDiagnostics(diagnostics, format);
  if (format === 'json' || list.length > 0) process.stdout.write(output);
  const errors = list.filter((d) => d.severity === 'error').length;
  const failed = errors > 0 || (strict && list.length > 0);
  if (list.length > 0 && format === 'text') {
    const line = `${countLine(list)}${strict && errors === 0 ? ' (--strict: warnings fail the run)' : ''}`;
    process.stderr.write((failed ? pc.red(line) : pc.yellow(line)) + '\n');
  }
  return failed;
}

/** Write a status line to stderr (stdout stays for reports). */
export function status(message: string): void {
  process.stderr.write(message + '\n');
}

/**
 * After a build or check: say so when the cache folder could not be written (a read-only disk, a
 * full one, a path through a file), so a slow rebuild is not a mystery. The run itself is not affected.
 */
export function noteCacheProblem(cacheDir: string | undefined): void {
  const failure = cacheWriteFailure();
  if (cacheDir === undefined || failure === undefined) return;
  const why = refusal(failure.code);
  // A temporary file or an entry's own folder is cs-train's business: name the place the user chose,
  // or the file standing where one of cs-train's folders in it goes.
  let place = failure.path ?? cacheDir;
  if (place.startsWith(cacheDir + sep)) place = (failure.code === 'ENOTDIR' || failure.code === 'EEXIST' ? fileInTheWay(cacheDir, place) : undefined) ?? cacheDir;
  const reason = why === undefined ? failure.message : `${shownPath(place)} ${why} (${failure.code})`;
  status(pc.yellow(`Note: the cache folder ${shownPath(cacheDir)} could not be written: ${reason}. Nothing was kept to speed up the next run; point --cache-dir at a folder you can write, or pass --no-cache.`));
}

/** The first file on the way from `folder` (itself included) down to `path` inside it, where a folder should be; undefined when there is none. */
function fileInTheWay(folder: string, path: string): string | undefined {
  const places = [folder];
  for (const part of relative(folder, path).split(sep)) places.push(join(places.at(-1)!, part));
  for (const at of places) {
    let stat: ReturnType<typeof lstatSync>;
    try {
      stat = lstatSync(at, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
    if (stat === undefined) return undefined;
    if (!stat.isDirectory()) return at;
  }
  return undefined;
}

/** A path as a message shows it: relative to the working folder when inside it ("." for that folder itself), else absolute. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel || '.';
}
