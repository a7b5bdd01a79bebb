// The output folder: `build -o` never deletes anything outside what cs-train wrote (the source
// folder, its parent, the root, the home folder, a folder of someone else's files are all refused
// with exit 2 and left byte for byte as they were), and a build killed with SIGKILL at any moment,
// even while it writes, leaves the last good output byte-identical.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { crashLines, runCliTimed } from './hardening-helpers.js';
import { BIN, fixture, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';


describe('build -o refuses folders whose replacement would delete what cs-train did not write', () => {
  let root: string;
  let src: string;
  let home: string;
  let before: Map<string, string>;

  beforeAll(() => {
    root = tempDir('cs-train-out-');
    src = join(root, 'repo', 'curricula');
    cpSync(fixture('valid/minimal'), src, { recursive: true });
    writeFileSync(join(root, 'repo', 'README.md'), 'not cs-train output\n');
    home = join(root, 'home');
    mkdirSync(join(home, 'documents'), { recursive: true });
    writeFileSync(join(home, 'documents', 'thesis.txt'), 'years of work\n');
    mkdirSync(join(root, 'theirs'));
    writeFileSync(join(root, 'theirs', 'notes.txt'), 'keep me\n');
    symlinkSync(src, join(root, 'link-to-source'));
    writeFileSync(join(root, 'a-file'), 'a file, not a folder\n');
    before = snapshot(root);
  });

  const cases: [string, () => string][] = [
    ['the source folder', () => src],
    ['the parent of the source folder', () => dirname(src)],
    ['a folder inside the source folder', () => join(src, 'dist')],
    ['the root folder', () => '/'],
    ['the home folder', () => home],
    ['a folder that holds the home folder', () => root],
    ['a non-empty folder cs-train did not write', () => join(root, 'theirs')],
    ['a symlink to the source folder', () => join(root, 'link-to-source')],
    ['a file', () => join(root, 'a-file')],
  ];
  for (const [name, out] of cases) {
    it(`${name}: exit 2 with a message, nothing deleted or written`, () => {
      // Node 22 and later keep cs-train's compiled code in the user's cache folder (src/util/compile-cache.ts): outside what is watched here.
      const r = runCliTimed(['build', src, '-o', out(), '--no-cache'], { timeoutMs: 60_000, env: { HOME: home, USERPROFILE: home, XDG_CACHE_HOME: tempDir() } });
      expect(crashLines(r.stderr)).toEqual([]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^cs-train: .*(with -o|empty it)/m);
      expect(snapshot(root)).toEqual(before);
    });
  }
});

/** A curriculum with many roles and programmes, so that a build writes a few hundred files. */
function largeCurriculum(dir: string, count: number): void {
  cpSync(fixture('valid/minimal'), dir, { recursive: true });
  for (let i = 1; i <= count; i++) {
    writeFileSync(join(dir, 'roles', `role-${i}.yaml`), `title: 岗位 ${i}\ncompetencies: [communication]\n`);
    writeFileSync(
      join(dir, 'programs', `program-${i}.yaml`),
      `title: 培训 ${i}\nroles: [role-${i}]\ncohorts: ["2027-04-05"]\ndays:\n  - title: 第一天\n    sessions:\n` +
        `      - { session: communication/active-listening, trainer: 讲师${i} }\n      - { session: communication/phone-etiquette, trainer: 讲师${i} }\n`,
    );
  }
}

/** Spawn a build and SIGKILL it when `when` says so; resolves with what was seen at the kill. */
function killBuild(src: string, out: string, when: { afterMs?: number; onTempFolder?: boolean }): Promise<{ killed: boolean; sawTemp: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', src, '-o', out, '--no-cache'], {
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1793491200', CS_TRAIN_PARSE_WORKERS: '0' },
    });
    let done = false;
    let sawTemp = false;
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ killed: signal === 'SIGKILL', sawTemp, code });
    });
    const parent = dirname(out);
    const prefix = `.${out.split('/').pop()}.tmp-`;
    if (when.afterMs !== undefined) {
      setTimeout(() => done || child.kill('SIGKILL'), when.afterMs);
      return;
    }
    const started = Date.now();
    const poll = () => {
      if (done) return;
      if (readdirSync(parent).some((n) => n.startsWith(prefix))) {
        sawTemp = true;
        child.kill('SIGKILL');
        return;
      }
      if (Date.now() - started > 60_000) child.kill('SIGKILL');
      else setImmediate(poll);
    };
    poll();
  });
}

describe('a build killed mid-way leaves the last good output byte-identical', () => {
  let root: string;
  let src: string;
  let out: string;
  let good: Map<string, string>;
  let buildMs: number;

  beforeAll(() => {
    root = tempDir('cs-train-kill-');
    src = join(root, 'curricula');
    out = join(root, 'dist');
    largeCurriculum(src, 30);
    const started = Date.now();
    const r = runCliTimed(['build', src, '-o', out, '--no-cache'], { timeoutMs: 120_000 });
    buildMs = Date.now() - started;
    expect(r.status, r.stderr).toBe(0);
    good = snapshot(out);
    expect(good.size).toBeGreaterThan(200);
    for (const f of readdirSync(join(src, 'roles'))) writeFileSync(join(src, 'roles', f), readFileSync(join(src, 'roles', f), 'utf8').replace(/^title: (.*)$/m, 'title: $1（新）'));
  }, 180_000);

  it('killed while it writes the new output: the old output is untouched', async () => {
    const r = await killBuild(src, out, { onTempFolder: true });
    expect(r.killed).toBe(true);
    expect(r.sawTemp).toBe(true);
    expect(differences(good, snapshot(out))).toEqual([]);
  }, 120_000);

  it('killed at several moments while it reads and renders: the old output is untouched each time', async () => {
    // A kill that comes after the build has finished is not a kill: the build then replaced the
    // output whole, as it should, and the last good output is put back before the next attempt.
    const goodCopy = join(root, 'good-dist');
    cpSync(out, goodCopy, { recursive: true, verbatimSymlinks: true });
    let kills = 0;
    for (const fraction of [0.1, 0.3, 0.6]) {
      const r = await killBuild(src, out, { afterMs: Math.round(buildMs * fraction) });
      expect(existsSync(out), `killed at ${fraction}`).toBe(true);
      if (r.killed) {
        kills++;
        expect(differences(good, snapshot(out)), `killed at ${fraction} of the build`).toEqual([]);
        continue;
      }
      expect(r.code, `the build that outran the kill at ${fraction}`).toBe(0);
      expect(readFileSync(join(out, 'roles/role-1/handbook.html'), 'utf8')).toContain('（新）');
      rmSync(out, { recursive: true });
      cpSync(goodCopy, out, { recursive: true, verbatimSymlinks: true });
      expect(differences(good, snapshot(out))).toEqual([]);
    }
    expect(kills, 'builds killed before they finished').toBeGreaterThan(0);
  }, 120_000);

  it('the next build replaces the output and clears what the killed builds left behind', () => {
    const r = runCliTimed(['build', src, '-o', out, '--no-cache'], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(root).filter((n) => n.startsWith('.dist.'))).toEqual([]);
    const fresh = snapshot(out);
    expect(fresh).not.toEqual(good);
    expect(readFileSync(join(out, 'roles/role-1/handbook.html'), 'utf8')).toContain('（新）');
  }, 180_000);
});

describe('build -o and --cache-dir where nothing can be written', () => {
  const source = fixture('valid', 'minimal');
  const unwritable = existsSync('/proc/self/status');

  it.runIf(unwritable)('an output folder under /proc or /proc/a is a usage error naming the folder, not a hang or an internal error', () => {
    for (const out of ['/proc/cs-train-out', '/proc/cs-train-a/b']) {
      const r = runCliTimed(['build', source, '-o', out, '--no-cache'], { timeoutMs: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`Could not write the output folder ${out}: ${dirname(out)} does not take new folders (ENOENT). Choose a folder you can write with -o.`);
      expect(crashLines(r.stderr)).toEqual([]);
    }
  });

  it('an output path that is a dangling or looping symbolic link is a usage error, and the links stay', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    for (const name of ['dangling', 'loop-a']) {
      const r = runCliTimed(['build', source, '-o', join(dir, name), '--no-cache'], { timeoutMs: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`The output path ${join(dir, name)} is a symbolic link that leads to no folder; remove the link or choose another with -o.`);
      expect(crashLines(r.stderr)).toEqual([]);
    }
    expect(readdirSync(dir).sort()).toEqual(['dangling', 'loop-a', 'loop-b']);
  });

  it('an output folder below a file is a usage error naming the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const r = runCliTimed(['build', source, '-o', join(dir, 'afile', 'dist'), '--no-cache'], { timeoutMs: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'afile')} is a file, not a folder (ENOTDIR)`);
    expect(crashLines(r.stderr)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['afile']);
  });

  it.runIf(unwritable)('a cache folder that cannot be made (under /proc, or a file) is no cache: the build still succeeds, and says so', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const cases = [
      ['/proc/cs-train-cache/x', '/proc/cs-train-cache does not take new folders (ENOENT)'],
      [join(dir, 'afile'), `${join(dir, 'afile')} is a file, not a folder (ENOTDIR)`],
      [join(dir, 'afile', 'cache'), `${join(dir, 'afile')} is a file, not a folder (ENOTDIR)`],
      // A file where one of cs-train's own folders in the cache goes is named.
      [join(dir, 'blocked'), `${join(dir, 'blocked', 'sessions')} is a file, not a folder (ENOTDIR)`],
    ];
    mkdirSync(join(dir, 'blocked'));
    writeFileSync(join(dir, 'blocked', 'sessions'), 'x');
    for (const [cache, why] of cases) {
      const out = join(dir, 'dist');
      const r = runCliTimed(['build', source, '-o', out, '--cache-dir', cache!], { timeoutMs: 20_000 });
      expect(r.timedOut).toBe(false);
      expect(crashLines(r.stderr)).toEqual([]);
      expect(r.status).toBe(0);
      expect(existsSync(join(out, 'index.html'))).toBe(true);
      expect(r.stderr).toContain(`Note: the cache folder ${cache} could not be written: ${why}. Nothing was kept to speed up the next run;`);
    }
    // A writable cache folder gets no note.
    const r = runCliTimed(['check', source, '--cache-dir', join(dir, 'cache')], { timeoutMs: 20_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('could not be written');
  });
});
