// Every build is atomic: a failed, crashed or killed build leaves the previous output exactly as it
// was (or, killed during its commit, is finished by the next build), the next build clears what a
// killed one left behind, and dangerous output folders are refused.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER, OutputStage, recoverInterrupted } from '../src/emit/emit.js';
import type { OutputFile } from '../src/render/types.js';
import { BIN, fixture, ROOT, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

/** Write every file into a fresh staging folder and swap it in place of `outDir`, as a build does. */
function emitFiles(outDir: string, files: OutputFile[]): void {
  const stage = new OutputStage(outDir);
  for (const f of files) stage.write(f);
  stage.commit();
}

/** Every file of `dir` as text, by path. */
function texts(dir: string): Record<string, string> {
  return Object.fromEntries([...snapshot(dir)].map(([p, b]) => [p, b.toString('utf8')]));
}

/** A repository with the starter curriculum and a good build in dist/. */
function builtRepo(): { repo: string; out: string } {
  const repo = tempDir();
  cpSync(join(ROOT, 'starter/curricula'), join(repo, 'curricula'), { recursive: true });
  const r = runCli(['build'], { cwd: repo });
  expect(r.status).toBe(0);
  return { repo, out: join(repo, 'dist') };
}

const siblings = (out: string) => readdirSync(dirname(out)).filter((n) => n.startsWith('.dist.'));

/**
 * Whether two snapshots are the same build: the same files, with the same pages (the built-in
 * stylesheets are left out, since they may be edited while the suite runs).
 */
function sameBuild(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
  return differences(a, b).every((p) => p.startsWith('assets/') && a.has(p) && b.has(p));
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('atomic builds', () => {
  it('leave the previous output unchanged when the sources have errors', () => {
    const { repo, out } = builtRepo();
    const before = snapshot(out);
    writeFileSync(join(repo, 'curricula/roles/agent.yaml'), 'titel: 客服专员\n');
    const r = runCli(['build'], { cwd: repo });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Build stopped: nothing was written.');
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(siblings(out)).toEqual([]);
  });

  it('leave the previous output unchanged when writing fails part-way, and leave nothing behind', () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    emitFiles(out, [{ path: 'index.html', contents: 'old' }, { path: 'a/b.txt', contents: 'old b' }]);
    const before = snapshot(out);
    expect([...before.keys()]).toEqual([MARKER, 'a/b.txt', 'index.html']);
    const broken = [{ path: 'index.html', contents: 'new' }, { path: 'z.txt', contents: 42 as unknown as string }];
    expect(() => emitFiles(out, broken)).toThrow();
    for (const bad of ['../escape.txt', '/abs.txt', 'a//b', 'a\\b', MARKER]) {
      expect(() => emitFiles(out, [{ path: bad, contents: 'x' }]), bad).toThrow();
    }
    expect(() => emitFiles(out, [{ path: 'x', contents: '1' }, { path: 'x', contents: '2' }])).toThrow(/same file x/);
    expect(differences(before, snapshot(out))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['dist']);
  });

  it('take files whose bytes are unchanged from the previous output, and write the others', () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    emitFiles(out, [{ path: 'same.html', contents: '同一页' }, { path: 'a/same.bin', contents: new Uint8Array([1, 2, 3]) }, { path: 'edited.html', contents: 'old' }, { path: 'longer.html', contents: 'abc' }]);
    const before = new Map(['same.html', 'a/same.bin', 'edited.html', 'longer.html'].map((p) => [p, statSync(join(out, p)).ino]));
    const stage = new OutputStage(out);
    stage.write({ path: 'same.html', contents: '同一页' });
    stage.write({ path: 'a/same.bin', contents: new Uint8Array([1, 2, 3]) });
    stage.write({ path: 'edited.html', contents: 'new' });
    stage.write({ path: 'longer.html', contents: 'abcd' });
    stage.write({ path: 'added.html', contents: 'added' });
    // Until the commit, the previous output is untouched.
    expect(readFileSync(join(out, 'edited.html'), 'utf8')).toBe('old');
    stage.commit();
    expect(stage.reused).toBe(2);
    expect(statSync(join(out, 'same.html')).ino).toBe(before.get('same.html'));
    expect(statSync(join(out, 'a/same.bin')).ino).toBe(before.get('a/same.bin'));
    expect(statSync(join(out, 'edited.html')).ino).not.toBe(before.get('edited.html'));
    expect(texts(out)).toEqual({
      [MARKER]: readFileSync(join(out, MARKER), 'utf8'),
      'a/same.bin': '\u0001\u0002\u0003',
      'added.html': 'added',
      'edited.html': 'new',
      'longer.html': 'abcd',
      'same.html': '同一页',
    });
    expect(readdirSync(dir)).toEqual(['dist']);
  });

  it('update the output in place: move in only new and changed files, remove the others, keep the folder on failure', () => {
    const dir = tempDir();
    const out = join(dir, 'site');
    const first = [
      { path: 'same.html', contents: '同一页' },
      { path: 'edited.html', contents: 'old' },
      { path: 'gone/deep/page.html', contents: 'gone' },
      { path: 'becomes-folder', contents: 'a file now' },
      { path: 'keeps/one.html', contents: 'one' },
      { path: 'keeps/two.html', contents: 'two' },
    ];
    emitFiles(out, first);
    const inode = (p: string) => statSync(join(out, p)).ino;
    const mtime = (p: string) => statSync(join(out, p)).mtimeMs;
    const before = { same: inode('same.html'), sameTime: mtime('same.html'), one: inode('keeps/one.html'), folder: statSync(out).ino, keeps: inode('keeps') };
    const update = (files: OutputFile[]) => {
      const stage = new OutputStage(out);
      for (const f of files) stage.write(f);
      return stage;
    };
    const stage = update([
      { path: 'same.html', contents: '同一页' },
      { path: 'edited.html', contents: 'new' },
      { path: 'becomes-folder/inside.html', contents: 'inside' },
      { path: 'keeps/one.html', contents: 'one' },
      { path: 'gone', contents: 'a file where a folder was' },
    ]);
    // Until the commit, the folder is untouched.
    expect(readFileSync(join(out, 'edited.html'), 'utf8')).toBe('old');
    stage.commit();
    expect({ reused: stage.reused, written: [...stage.written].sort() }).toEqual({ reused: 2, written: ['becomes-folder/inside.html', 'edited.html', 'gone'] });
    // Unchanged files were never touched: same inode, same modification time.
    expect([inode('same.html'), mtime('same.html'), inode('keeps/one.html')]).toEqual([before.same, before.sameTime, before.one]);
    // The folders themselves stay: nothing was copied or linked into a new one.
    expect([statSync(out).ino, inode('keeps')]).toEqual([before.folder, before.keeps]);
    expect(texts(out)).toEqual({
      [MARKER]: readFileSync(join(out, MARKER), 'utf8'),
      'becomes-folder/inside.html': 'inside',
      'edited.html': 'new',
      'gone': 'a file where a folder was',
      'keeps/one.html': 'one',
      'same.html': '同一页',
    });
    // Nothing is left beside the folder, and a build that fails changes nothing.
    expect(readdirSync(dir)).toEqual(['site']);
    const good = snapshot(out);
    const failed = update([{ path: 'edited.html', contents: 'never seen' }]);
    failed.abort();
    expect(differences(good, snapshot(out))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['site']);
    // The same files written in place and by a build from nothing are the same folder.
    const fresh = join(dir, 'fresh');
    emitFiles(fresh, [{ path: 'edited.html', contents: 'new' }, { path: 'same.html', contents: '同一页' }]);
    update([{ path: 'edited.html', contents: 'new' }, { path: 'same.html', contents: '同一页' }]).commit();
    expect(differences(snapshot(fresh), snapshot(out))).toEqual([]);
  });

  it('write through a symlinked output folder into its target, keeping the link', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'dist'));
    emitFiles(join(dir, 'dist'), [{ path: 'index.html', contents: 'hi' }]);
    expect(snapshot(join(dir, 'real')).get('index.html')?.toString()).toBe('hi');
    expect(readdirSync(dir).sort()).toEqual(['dist', 'real']);
  });

  it('finish a commit that a kill cut short, and clear stages whose commit had not begun', () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    const old = [{ path: 'index.html', contents: 'old' }, { path: 'gone.html', contents: 'gone' }, { path: 'same.html', contents: 'same' }, { path: 'a/b.html', contents: 'old b' }];
    const next = [{ path: 'index.html', contents: 'new' }, { path: 'same.html', contents: 'same' }, { path: 'a/b.html', contents: 'new b' }, { path: 'c/added.html', contents: 'added' }];
    const expected = join(dir, 'expected');
    emitFiles(expected, next);
    emitFiles(out, old);
    // A commit killed after its journal and one move: index.html is new, the rest is still to do.
    const pid = deadPid();
    const stage = join(dir, `.dist.tmp-${pid}-a1`);
    mkdirSync(join(stage, 'a'), { recursive: true });
    mkdirSync(join(stage, 'c'));
    writeFileSync(join(stage, MARKER), 'marker');
    writeFileSync(join(stage, 'a/b.html'), 'new b');
    writeFileSync(join(stage, 'c/added.html'), 'added');
    writeFileSync(join(stage, '.cs-train-commit'), JSON.stringify({ keep: next.map((f) => f.path), move: ['index.html', 'a/b.html', 'c/added.html'] }));
    writeFileSync(join(out, 'index.html'), 'new');
    // A stage killed before its commit (no journal) is dropped; one of a live process, and a folder cs-train did not write, are left alone.
    mkdirSync(join(dir, `.dist.tmp-${pid}-b2`));
    writeFileSync(join(dir, `.dist.tmp-${pid}-b2/index.html`), 'never committed');
    writeFileSync(join(dir, `.dist.tmp-${pid}-b2/${MARKER}`), 'marker');
    mkdirSync(join(dir, `.dist.tmp-${pid}-c3`));
    writeFileSync(join(dir, `.dist.tmp-${pid}-c3/notes.txt`), 'not written by cs-train');
    mkdirSync(join(dir, `.dist.tmp-${process.ppid}-d4`));
    recoverInterrupted(out);
    expect(texts(out)).toEqual(texts(expected));
    expect(readdirSync(dir).sort()).toEqual([`.dist.tmp-${pid}-c3`, `.dist.tmp-${process.ppid}-d4`, 'dist', 'expected'].sort());
  });

  it('keep the last good output when killed with SIGKILL while writing, and clean up on the next build', async () => {
    const { repo, out } = builtRepo();
    const before = snapshot(out);
    const source = join(tempDir(), 'curricula');
    cpSync(fixture('valid/minimal'), source, { recursive: true });
    const after = join(tempDir(), 'expected');
    expect(runCli(['build', source, '-o', after], { cwd: repo }).status).toBe(0);
    const expected = snapshot(after);
    let killedWhileWriting = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const child = spawn(process.execPath, [BIN, 'build', source, '-o', out], { cwd: repo, env: { ...process.env, SOURCE_DATE_EPOCH: '1793491200' }, stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      const until = Date.now() + 30_000;
      const mine = `.dist.tmp-${child.pid}-`;
      while (child.exitCode === null && Date.now() < until && !siblings(out).some((n) => n.startsWith(mine))) {
        await new Promise((r) => setImmediate(r));
      }
      child.kill('SIGKILL');
      await exited;
      const stage = siblings(out).find((n) => n.startsWith(mine));
      if (stage) killedWhileWriting++;
      // A kill during the commit's few renames leaves it to the next build to finish (the test above).
      if (stage && existsSync(join(dirname(out), stage, '.cs-train-commit'))) continue;
      const now = snapshot(out);
      expect([before, expected].some((whole) => sameBuild(whole, now)), 'after SIGKILL the output is neither the old nor the new build').toBe(true);
    }
    expect(killedWhileWriting).toBeGreaterThan(0);
    const r = runCli(['build', source, '-o', out], { cwd: repo });
    expect(r.stderr).toContain('Wrote');
    expect(r.status).toBe(0);
    expect(sameBuild(expected, snapshot(out))).toBe(true);
    expect(siblings(out)).toEqual([]);
  });
});

describe('refused output folders', () => {
  const cases: [string, (repo: string) => string[], RegExp][] = [
    ['the source folder', () => ['-o', 'curricula'], /is the source folder/],
    ['the repository root, which contains the source folder', () => ['-o', '.'], /contains the source folder/],
    ['a parent of the repository', () => ['-o', '..'], /contains the source folder/],
    ['the root folder', () => ['-o', '/'], /root folder/],
    ['a folder inside the source folder', () => ['-o', 'curricula/dist'], /inside the source folder/],
    ['a folder of files cs-train did not write', () => ['-o', 'notes'], /did not write/],
    ['a file', () => ['-o', 'notes/todo.txt'], /is not a folder/],
    ['a symlink to the source folder', () => ['-o', 'link'], /is the source folder/],
    ['the home folder', (repo) => ['-o', join(repo, 'home')], /home folder/],
  ];
  it.each(cases)('refuse %s with exit 2 and delete nothing', (_name, args, message) => {
    const repo = tempDir();
    cpSync(fixture('valid/minimal'), join(repo, 'curricula'), { recursive: true });
    mkdirSync(join(repo, 'notes'));
    writeFileSync(join(repo, 'notes/todo.txt'), 'keep me\n');
    mkdirSync(join(repo, 'home'));
    symlinkSync(join(repo, 'curricula'), join(repo, 'link'));
    const before = snapshot(repo);
    // Node 22 and later keep cs-train's compiled code in the user's cache folder (src/util/compile-cache.ts): outside the repository.
    const r = runCli(['build', 'curricula', ...args(repo)], { cwd: repo, env: { HOME: join(repo, 'home'), XDG_CACHE_HOME: tempDir() } });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(2);
    expect(differences(before, snapshot(repo))).toEqual([]);
  });
});
