// `cs-train schema [DIR]`: JSON Schemas for editors, wired for yaml-language-server, so curriculum
// files get completion and inline errors while typing.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { editorSchemaFiles, SCHEMA_DIR, vscodeSettings, yamlSchemasSetting } from '../init/editor-files.js';
import { EXIT, status, UsageError } from './common.js';
import { makeFolder } from '../util/make-folder.js';

/** Options of `schema`. */
export interface SchemaOptions {
  source?: string;
}

/** Run `schema` and return the exit status; only files whose contents change are written. */
export function runSchema(dir: string | undefined, options: SchemaOptions): number {
  const root = resolve(dir ?? '.');
  if (!existsSync(root)) throw new UsageError(`Folder ${dir ?? '.'} does not exist.`);
  if (!statSync(root).isDirectory()) throw new UsageError(`${dir ?? '.'} is a file, not a folder; pass the repository folder (the one that holds curricula/).`);
  const source = (options.source ?? 'curricula').replace(/\\/g, '/');
  if (isAbsolute(source) || source.split('/').includes('..')) {
    throw new UsageError(`--source must be a folder inside ${dir ?? 'the repository'}, relative to it (e.g. curricula).`);
  }
  // The mapping names files by this folder: a misspelt one would give the editor nothing to check, without a word.
  if (!statSync(join(root, source), { throwIfNoEntry: false })?.isDirectory()) {
    status(`Note: there is no folder ${join(dir ?? '.', source)} (yet); the editor checks the files in it once it exists. If the curriculum is elsewhere, pass --source with the folder that holds curriculum.yaml.`);
  }
  let written = 0;
  for (const f of editorSchemaFiles()) if (writeIfChanged(join(root, f.path), f.contents)) written++;
  const settingsPath = join(root, '.vscode/settings.json');
  const existing = existsSync(settingsPath) ? readFileSync(settingsPath, 'utf8') : undefined;
  const settings = vscodeSettings(existing, source);
  if (settings === undefined) {
    status('.vscode/settings.json is not plain JSON (comments?), so it was left unchanged. Add this to it:');
    status(JSON.stringify({ 'yaml.schemas': yamlSchemasSetting(source) }, null, 2));
  } else if (writeIfChanged(settingsPath, settings)) written++;
  status(
    written === 0
      ? `Editor schemas in ${SCHEMA_DIR} are up to date.`
      : `Wrote ${written} ${written === 1 ? 'file' : 'files'}: JSON Schemas in ${SCHEMA_DIR}, mapped to ${source}/ in .vscode/settings.json for the VS Code YAML extension.`,
  );
  return EXIT.ok;
}

function writeIfChanged(path: string, contents: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === contents) return false;
  makeFolder(dirname(path));
  writeFileSync(path, contents);
  return true;
}
