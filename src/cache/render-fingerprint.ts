// What a rendered piece depends on besides its input: every file of the tool's code, the versions of
// its dependencies, and the template files in use (built-in and the curriculum's overrides).
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../util/list-files.js';
import { packageVersion, readOrEmpty } from './tool-fingerprint.js';

let code: string | undefined;
/** The last template set's fingerprint and its digest (a `serve` session meets a new set at each template edit). */
let last: { templates: string; digest: string } | undefined;

/** A hash of the tool's code (package.json, the code that runs) and its dependencies' versions, once per process: names this build of the tool. */
export function codeFingerprint(): string {
  if (code !== undefined) return code;
  const here = dirname(fileURLToPath(import.meta.url));
  // The code that runs: the bundle when the tool runs from it (lib/bundle), else every module of lib/
  // (or src/) but the bundle, which is made from them; hashing both would read the code twice.
  const bundled = basename(here) === 'bundle';
  const codeRoot = bundled ? here : join(here, '..');
  const toolRoot = join(here, '..', '..');
  const hash = createHash('sha256').update('code fingerprint 1\n');
  const pkg = readOrEmpty(join(toolRoot, 'package.json'));
  hash.update(pkg);
  const skip = (name: string) => name.startsWith('.') || (!bundled && name === 'bundle');
  for (const rel of listFiles(codeRoot, skip)) if (/\.(js|ts)$/.test(rel)) hash.update(rel).update('\0').update(readOrEmpty(join(codeRoot, rel)));
  const deps = Object.keys((JSON.parse(pkg || '{}') as { dependencies?: Record<string, string> }).dependencies ?? {}).sort();
  for (const name of deps) hash.update(`${name}@${packageVersion(name)}\n`);
  code = hash.digest('hex');
  return code;
}

/**
 * A hash of the tool's code and dependencies and of the template set in use (`templates`: the
 * fingerprint of the files loaded, built-in and overrides). The code part is computed once per
 * process; the templates part comes from each build's own load, so an override edited while
 * `serve` runs gives new keys.
 */
export function renderFingerprint(templates: string): string {
  if (last?.templates === templates) return last.digest;
  const digest = createHash('sha256').update('render fingerprint 3\n').update(codeFingerprint()).update('\n').update(templates).digest('hex');
  last = { templates, digest };
  return digest;
}
