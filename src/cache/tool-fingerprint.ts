// What a cached parse depends on besides the session text: the tool's version, the code that
// parses and validates sessions, and the versions of the parser packages. Any change makes new keys.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY_FORMAT } from './entry-codec.js';

/** Folders (next to this one) whose code shapes a parsed session. */
const CODE_DIRS = ['cache', 'load', 'markdown', 'schema'];
/** Packages whose version shapes a parsed session. */
const PACKAGES = ['gray-matter', 'yaml', 'zod', 'unified', 'remark-parse', 'remark-gfm', 'remark-directive', 'remark-cjk-friendly', 'micromark', 'mdast-util-from-markdown'];

let memo: string | undefined;

/** A hash naming this build of the tool, computed once per process. */
export function toolFingerprint(): string {
  if (memo) return memo;
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(`entry format ${ENTRY_FORMAT}\n`);
  hash.update(readOrEmpty(join(here, '..', '..', 'package.json')));
  for (const dir of CODE_DIRS) {
    const abs = join(here, '..', dir);
    for (const name of listOrEmpty(abs)) if (/\.(js|ts)$/.test(name)) hash.update(name).update(readOrEmpty(join(abs, name)));
  }
  for (const name of PACKAGES) hash.update(`${name}@${packageVersion(name)}\n`);
  memo = hash.digest('hex');
  return memo;
}

/** The installed version of a package as this tool resolves it, or `?`. */
export function packageVersion(name: string): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (let i = 0; i < 6; i++, dir = dirname(dir)) {
      const pkg = JSON.parse(readOrEmpty(join(dir, 'package.json')) || '{}') as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? '?';
    }
  } catch {
    /* unknown version: the tool version still applies */
  }
  return '?';
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** A file's text, or '' when it cannot be read (a missing file then simply hashes as empty). */
export function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
