// Page templates: eta files shipped in templates/, each overridable by a file of the same name in
// the curriculum repository's own templates/ folder (next to the source folder).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta, type TemplateFunction } from 'eta';
import { listFiles } from '../util/list-files.js';

/** The templates/ folder shipped with cs-train. */
export const BUILTIN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));

/** A loaded template set. */
export interface Templates {
  /** Render a template by name without extension, e.g. "index" or "handbook/session". */
  render(name: string, data: object): string;
  /** A static file of the template set (CSS, images), by relative path, user's copy first. */
  asset(path: string): Buffer;
  /** Every static asset path (non-.eta files), for copying into the output. */
  assetPaths(): string[];
  /** Folders the templates came from (built-in first, then overrides), for watching and cache keys. */
  dirs: string[];
  /** SHA-256 of every file this set was loaded from (folder, path, bytes): part of every rendered piece's key. */
  fingerprint: string;
}

/**
 * A template of the curriculum repository's own `templates/` folder that does not compile or fails
 * while rendering. Those templates are code its authors wrote, so the error is theirs to fix, not a
 * bug of cs-train (a built-in template's failure still is one).
 */
export class TemplateError extends Error {}

function templateError(file: string, error: unknown): TemplateError {
  const message = (error instanceof Error ? error.message : String(error)).trim().split('\n')[0]!.replace(/[:.]\s*$/, '');
  const shown = relative(process.cwd(), file) || file;
  return new TemplateError(`The template ${shown} failed: ${message}. Templates run as code: fix it, or remove it to use cs-train's own.`);
}

/**
 * A template of the repository compiled, as a function that names its file when it fails, also when
 * another template includes it; one that does not compile fails here, naming its file too.
 */
function ownTemplate(eta: Eta, file: string, text: string): TemplateFunction {
  let compiled: TemplateFunction;
  try {
    compiled = eta.compile(text);
  } catch (error) {
    throw templateError(file, error);
  }
  return function (this: ThisParameterType<TemplateFunction>, data?: object, options?: Parameters<TemplateFunction>[1]): string {
    try {
      return compiled.call(this, data, options);
    } catch (error) {
      throw error instanceof TemplateError ? error : templateError(file, error);
    }
  };
}

/** Load the built-in templates, then the overrides from `userDir` if it exists. */
export function loadTemplates(userDir?: string): Templates {
  const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false, varName: 'it' });
  const dirs = [BUILTIN_TEMPLATES];
  if (userDir && existsSync(userDir) && statSync(userDir).isDirectory() && !sameDir(userDir, BUILTIN_TEMPLATES)) dirs.push(userDir);
  const assets = new Map<string, Buffer>();
  // Hashed from the bytes loaded here, not read again later: an override edited while `serve` runs
  // changes the keys of the next build, and never names pieces made from another version of it.
  const hash = createHash('sha256').update('templates 1\n');
  for (const dir of dirs) {
    hash.update(`templates ${dir}\n`);
    for (const rel of listFiles(dir, (name) => name.startsWith('.'))) {
      const bytes = readFileSync(join(dir, rel));
      hash.update(rel).update('\0').update(String(bytes.length)).update('\0').update(bytes);
      if (rel.endsWith('.eta')) {
        const name = `@${rel.slice(0, -4)}`;
        if (dir === BUILTIN_TEMPLATES) eta.loadTemplate(name, bytes.toString('utf8'));
        else eta.loadTemplate(name, ownTemplate(eta, join(dir, rel), bytes.toString('utf8')));
      } else assets.set(rel, bytes);
    }
  }
  return {
    render: (name, data) => eta.render(`@${name}`, data),
    asset: (path) => {
      const a = assets.get(path);
      if (a === undefined) throw new Error(`template asset ${path} is missing`);
      return a;
    },
    assetPaths: () => [...assets.keys()].sort(),
    dirs,
    fingerprint: hash.digest('hex'),
  };
}

function sameDir(a: string, b: string): boolean {
  return relative(a, b) === '';
}
