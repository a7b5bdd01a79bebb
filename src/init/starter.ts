// The files of a new curriculum repository: the starter/ folder shipped with cs-train (kept as real
// files so they can be read and tested), the editor schemas, and a package.json pinned to this version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editorSchemaFiles, vscodeSettings } from './editor-files.js';
import { listFiles } from '../util/list-files.js';

/** The starter/ folder shipped with cs-train. */
export const STARTER_DIR = fileURLToPath(new URL('../../starter/', import.meta.url));

/** A file of the new repository, path relative to its root with forward slashes. */
export interface StarterFile {
  path: string;
  contents: string;
}

/** Names stored differently in starter/ because npm would drop or act on them when publishing. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** Every file `cs-train init` writes, in a stable order; `spec` is where its package.json installs cs-train from (default `^version`). */
export function listStarterFiles(version: string, folderName: string, spec = `^${version}`): StarterFile[] {
  const files = listFiles(STARTER_DIR, (name) => NOT_STARTER.has(name)).map((rel) => ({ path: RENAMED[rel] ?? rel, contents: readFileSync(join(STARTER_DIR, rel), 'utf8') }));
  for (const f of files) if (f.path === 'package.json') f.contents = patchPackageJson(f.contents, spec, folderName);
  files.push(...editorSchemaFiles(), { path: '.vscode/settings.json', contents: vscodeSettings(undefined, 'curricula') as string });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The starter's package.json with the repository's name and its dependency on cs-train. */
function patchPackageJson(text: string, spec: string, folderName: string): string {
  const pkg = JSON.parse(text) as { name: string; dependencies: Record<string, string> };
  pkg.name = packageName(folderName);
  pkg.dependencies['cs-train'] = spec;
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** An npm package name made from the folder name, or the starter's default when nothing usable is left. */
export function packageName(folderName: string): string {
  const name = folderName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|[-._]+$/g, '').slice(0, 214);
  return name || 'training-curriculum';
}

/** What a build or an install may leave in starter/ (tests, a developer's tries); never copied. */
const NOT_STARTER = new Set(['.cs-train-cache', 'node_modules', 'dist', '.DS_Store']);

