// What a rendered piece depends on besides its input: every file of the tool's code, the versions of
// its dependencies, and the template files in use (built-in and the curriculum's overrides).
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../util/list-files.js';
import { packageVersion, readOrEmpty } from './tool-fingerprint.js';

let code: string | undefined;
const memo = new Map<string, string>();

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

/** A hash of the tool's code and dependencies and of the template folders, once per process and folder set. */
export function renderFingerprint(templateDirs: readonly string[]): string {
  const id = templateDirs.join('\0');
  const known = memo.get(id);
  if (known) return known;
  const hash = createHash('sha256').update('render fingerprint 2\n').update(codeFingerprint()).update('\n');
  for (const dir of templateDirs) {
    hash.update(`templates ${dir}\n`);
    for (const rel of listFiles(dir, (name) => name.startsWith('.'))) hash.update(rel).update('\0').update(readOrEmpty(join(dir, rel)));
  }
  const digest = hash.digest('hex');
  memo.set(id, digest);
  return digest;
}
