// `cs-train init [DIR]`: a new curriculum repository that builds at once, with CI that checks pull
// requests and publishes to GitHub Pages on merge. Never overwrites a file.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { listStarterFiles } from '../init/starter.js';
import { EXIT, status, UsageError } from './common.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Run `init` and return the exit status. */
export function runInit(dir: string | undefined): number {
  const root = resolve(dir ?? '.');
  if (existsSync(root) && !statSync(root).isDirectory()) throw new UsageError(`${dir} exists and is not a folder.`);
  const files = listStarterFiles(pkg.version, basename(root));
  const taken = files.filter((f) => existsSync(join(root, f.path))).map((f) => f.path);
  if (taken.length > 0) {
    status(`cs-train: init writes nothing because these files already exist in ${shown(root)}:`);
    for (const path of taken) status(`  ${path}`);
    status('Move them away or run `cs-train init` in an empty folder.');
    return EXIT.usage;
  }
  for (const f of files) {
    const target = join(root, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.contents, { flag: 'wx' });
  }
  status(nextSteps(root, files.length));
  return EXIT.ok;
}

function shown(root: string): string {
  const rel = relative(process.cwd(), root);
  return rel.startsWith('..') || isAbsolute(rel) ? root : rel || '.';
}

function nextSteps(root: string, count: number): string {
  const where = shown(root);
  const cd = where === '.' ? '' : `  cd ${where.includes(' ') ? JSON.stringify(where) : where}\n`;
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
  ].join('\n');
}
