// `cs-train init`: a repository that checks clean and builds at once, never overwriting a file, and
// whose starter files are really shipped in the npm package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromCheckout } from '../src/cli/init.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';

const ourVersion = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(dir, prefix ? `${prefix}/${e.name}` : e.name) : [prefix ? `${prefix}/${e.name}` : e.name]))
    .sort();
}

describe('cs-train init', () => {
  it('a folder that cannot be made (below a file, under /proc) is a usage error, not an internal error', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const below = runCli(['init', join(dir, 'afile', 'repo')]);
    expect(below.status).toBe(2);
    expect(below.stderr).toContain(`: ${join(dir, 'afile')} is a file, not a folder.`);
    expect(below.stderr).not.toContain('internal error');
    if (existsSync('/proc/self/status')) {
      const proc = runCli(['init', '/proc/cs-train-repo']);
      expect(proc.status).toBe(2);
      expect(proc.stderr).toContain('Cannot write .cs-train/schemas/assessment.schema.json: /proc/cs-train-repo does not take new folders (ENOENT). Nothing was written;');
      expect(proc.stderr).not.toContain('internal error');
    }
  });

  it('a file that cannot be written half-way through leaves nothing behind: no starter file, no folder it made', () => {
    const dir = tempDir();
    // .vscode comes last: every other starter file has been written when its folder turns out to be a file.
    writeFileSync(join(dir, '.vscode'), 'not a folder');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = runCli(['init', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cs-train: Cannot write .vscode/extensions.json: ${join(dir, '.vscode')} is a file, not a folder (ENOTDIR). Nothing was written; move it away, or run \`cs-train init\` in another folder.`);
    expect(r.stderr).not.toContain('internal error');
    expect(readdirSync(dir).sort()).toEqual(['.vscode', 'notes.txt']);
    expect(readFileSync(join(dir, '.vscode'), 'utf8')).toBe('not a folder');
  });

  it('creates a repository that checks clean and builds with our binary', () => {
    const dir = join(tempDir(), '客服 Training-2027');
    const r = runCli(['init', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Next steps:');
    expect(r.stderr).toContain('npm install');
    expect(r.stderr).toContain('Settings > Pages > Source: GitHub Actions');
    expect(listFiles(dir)).toEqual([
      '.cs-train/schemas/assessment.schema.json',
      '.cs-train/schemas/curriculum.schema.json',
      '.cs-train/schemas/module.schema.json',
      '.cs-train/schemas/program.schema.json',
      '.cs-train/schemas/role.schema.json',
      '.cs-train/schemas/session.schema.json',
      '.github/workflows/check.yml',
      '.github/workflows/publish.yml',
      '.gitignore',
      '.vscode/extensions.json',
      '.vscode/settings.json',
      'README.md',
      'curricula/assessments/onboarding-quiz.yaml',
      'curricula/curriculum.yaml',
      'curricula/modules/communication/01-active-listening.md',
      'curricula/modules/communication/02-phone-etiquette.md',
      'curricula/modules/communication/module.yaml',
      'curricula/programs/onboarding.yaml',
      'curricula/roles/agent.yaml',
      'package.json',
    ]);

    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('training-2027');
    expect(pkg.private).toBe(true);
    // Made by this clone of cs-train, which the registry does not have yet (see the --from tests).
    expect(pkg.dependencies).toEqual({ 'cs-train': `file:${relative(dir, ROOT).split(sep).join('/')}` });
    expect(pkg.scripts).toMatchObject({ check: 'cs-train check', build: 'cs-train build', serve: 'cs-train serve' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'dist/', '.cs-train-cache/']));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/npm run serve[\s\S]*Pull Request[\s\S]*GitHub Actions/);

    const check = runCli(['check', 'curricula', '--strict'], { cwd: dir });
    expect(check.stderr).toBe('1 role, 1 module, 2 sessions, 1 programme, 1 assessment, 2.5 teaching hours\n');
    expect(check.status).toBe(0);
    const build = runCli(['build', join(dir, 'curricula')], { cwd: dir });
    expect(build.stderr).toMatch(/Wrote \d+ files to dist in [\d.]+ s; 0 warnings\.\n$/);
    expect(build.status).toBe(0);
    expect(existsSync(join(dir, 'dist/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist/roles/agent/handbook.html'))).toBe(true);
    expect(existsSync(join(dir, 'dist/programs/onboarding/schedule.ics'))).toBe(true);
    expect(readFileSync(join(dir, 'dist/programs/onboarding/schedule.csv'), 'utf8')).toContain('2027-03-01');
  });

  it('refuses to overwrite existing files: lists them, exits 2 and writes nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'curricula/roles'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), 'mine\n');
    writeFileSync(join(dir, 'curricula/roles/agent.yaml'), 'title: mine\n');
    const before = listFiles(dir);
    const r = runCli(['init'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('init writes nothing because these files already exist');
    expect(r.stderr).toContain('  README.md\n');
    expect(r.stderr).toContain('  curricula/roles/agent.yaml\n');
    expect(r.stderr).not.toContain('package.json');
    expect(listFiles(dir)).toEqual(before);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('mine\n');
  });

  it('works in a folder that already holds unrelated files, such as a fresh git clone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
    const r = runCli(['init', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('cd ');
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe('MIT\n');
    expect(existsSync(join(dir, 'curricula/curriculum.yaml'))).toBe(true);
  });

  it('--from: a repository installs cs-train from where the organisation keeps it, and builds after npm install', () => {
    const dir = tempDir();
    // The package as npm would publish it (lib/ is built by `npm test` before the tests run).
    const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    const r = runCli(['init', 'dept', '--from', `./${tarball}`], { cwd: dir });
    expect(r.status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'dept/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['cs-train']).toBe(`file:../${tarball}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: join(dir, 'dept'), stdio: 'pipe' });
    const build = execFileSync('npx', ['--no-install', 'cs-train', 'build'], { cwd: join(dir, 'dept'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOURCE_DATE_EPOCH: '1793491200' } });
    expect(build).toBe('');
    expect(existsSync(join(dir, 'dept/dist/index.html'))).toBe(true);
    // cs-train installed as a package (in node_modules) makes repositories that install this version from the registry.
    const made = execFileSync('npx', ['--no-install', 'cs-train', 'init', 'next'], { cwd: join(dir, 'dept'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(made).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'dept/next/package.json'), 'utf8')).dependencies['cs-train']).toBe(`^${ourVersion}`);
  }, 240_000);

  it('--from: a git URL is written as given; a local path must exist; run from a clone of cs-train, the default is that clone', () => {
    const dir = tempDir();
    expect(runCli(['init', 'a', '--from', 'git+https://git.example.com/training/cs-train.git#v1.0.0'], { cwd: dir }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a/package.json'), 'utf8')).dependencies['cs-train']).toBe('git+https://git.example.com/training/cs-train.git#v1.0.0');
    const missing = runCli(['init', 'b', '--from', '../no-such-cs-train.tgz'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--from ../no-such-cs-train.tgz: there is no file or folder at');
    expect(existsSync(join(dir, 'b'))).toBe(false);
    const dash = runCli(['init', 'd', '--from', '-'], { cwd: dir });
    expect(dash.status).toBe(2);
    expect(dash.stderr).toContain('--from - is not where cs-train can be installed from');
    expect(existsSync(join(dir, 'd'))).toBe(false);
    // cs-train is not on the npm registry yet: the repository a clone makes installs that clone, and init says so.
    const c = runCli(['init', 'c'], { cwd: dir });
    expect(c.status).toBe(0);
    const clone = `file:${relative(join(dir, 'c'), ROOT).split(sep).join('/')}`;
    expect(JSON.parse(readFileSync(join(dir, 'c/package.json'), 'utf8')).dependencies['cs-train']).toBe(clone);
    expect(c.stderr).toContain(`package.json installs cs-train from this copy of it (${clone}), which only this computer has.`);
    expect(runCli(['init', 'e', '--from', 'git+https://git.example.com/training/cs-train.git#v1.0.0'], { cwd: dir }).stderr).not.toContain('this copy of it');
    expect([fromCheckout('/home/lead/cs-train'), fromCheckout('/srv/dept/node_modules/cs-train'), fromCheckout('C:\\dept\\node_modules\\cs-train')]).toEqual([true, false, false]);
  });

  it('--from refuses what npm could not install cs-train from: a folder that is not cs-train, a file that is not a .tgz, an ftp:// URL', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'not cs-train'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    mkdirSync(join(dir, 'my cs-train'));
    writeFileSync(join(dir, 'my cs-train/package.json'), JSON.stringify({ name: 'cs-train' }));
    const folder = runCli(['init', 'a', '--from', './not cs-train'], { cwd: dir });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain(`--from ./not cs-train: the folder ${join(dir, 'not cs-train')} is not a cs-train package (it has no package.json named "cs-train")`);
    const file = runCli(['init', 'a', '--from', './notes.txt'], { cwd: dir });
    expect(file.status).toBe(2);
    expect(file.stderr).toContain(`--from ./notes.txt: ${join(dir, 'notes.txt')} is not a .tgz`);
    const ftp = runCli(['init', 'a', '--from', 'ftp://example.com/cs-train.tgz'], { cwd: dir });
    expect(ftp.status).toBe(2);
    expect(ftp.stderr).toContain('--from ftp://example.com/cs-train.tgz: npm cannot install from ftp:// addresses');
    expect(existsSync(join(dir, 'a'))).toBe(false);
    // A folder with spaces that is cs-train is taken, as a path from the new repository.
    expect(runCli(['init', 'a', '--from', 'file:./my cs-train'], { cwd: dir }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'a/package.json'), 'utf8')).dependencies['cs-train']).toBe('file:../my cs-train');
  });

  it('refuses a DIR that is a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const r = runCli(['init', 'file'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('exists and is not a folder');
  });

  it('ships every starter file in the npm package', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const packed = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    const starter = listFiles(join(ROOT, 'starter')).map((f) => `starter/${f}`);
    expect(starter).toContain('starter/gitignore');
    expect(starter).toContain('starter/.github/workflows/publish.yml');
    for (const f of starter) expect(packed, f).toContain(f);
  });

  it('the README for leads points to reference docs that are in the package, and asks for the Node.js version the package needs', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const packed = new Set((JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
    const readme = readFileSync(join(ROOT, 'starter/README.md'), 'utf8');
    const named = [...readme.matchAll(/node_modules\/cs-train\/([\w./-]+)/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['docs/format.md', 'templates/']));
    for (const f of named) expect([...packed].some((p) => (f.endsWith('/') ? p.startsWith(f) : p === f)), f).toBe(true);
    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(readme).toContain(`Node.js](https://nodejs.org/) ${engines.replace('>=', '')} 或更新版本`);
  });
});
