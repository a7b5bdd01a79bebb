// Every build is deterministic: the same sources give byte-identical output folders, whatever the
// working directory, output path, time zone or locale of the machine; the edition date comes from
// SOURCE_DATE_EPOCH or the last commit, never the wall clock.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

function build(source: string, out: string, cwd: string, env: Record<string, string> = {}, extra: string[] = []): void {
  const r = runCli(['build', source, '-o', out, ...extra], { cwd, env });
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
}

describe('deterministic builds', () => {
  it.each([
    ['the minimal fixture', 'test/fixtures/valid/minimal'],
    ['the starter curriculum', 'starter/curricula'],
  ])('give byte-identical output folders for %s, whatever the output path, time zone and locale', (_name, from) => {
    const source = join(tempDir(), 'curricula');
    cpSync(join(ROOT, from), source, { recursive: true });
    const a = join(tempDir(), 'dist');
    const b = join(tempDir(), 'elsewhere', 'out');
    build(source, a, ROOT, { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    build(source, b, ROOT, { TZ: 'America/Los_Angeles', LANG: 'en_US.UTF-8', LC_ALL: 'C' });
    const first = snapshot(a);
    expect(first.size).toBeGreaterThan(5);
    expect([...first.keys()]).toContain('index.html');
    expect(differences(first, snapshot(b))).toEqual([]);
    // No wall-clock date or machine path leaks into the files.
    const text = [...first.values()].map((v) => v.toString('utf8')).join('\n');
    expect(text).not.toContain(a);
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain(new Date().toISOString().slice(0, 10));
  });

  // Known bug: curriculum.json gives session files relative to the working directory (model-json.ts).
  it('give byte-identical output folders whatever the working directory', () => {
    const a = join(tempDir(), 'dist');
    const b = join(tempDir(), 'dist');
    const source = join(tempDir(), 'curricula');
    cpSync(fixture('valid/minimal'), source, { recursive: true });
    build(source, a, ROOT);
    build(source, b, tempDir());
    expect(differences(snapshot(a), snapshot(b))).toEqual([]);
  });

  it('take the edition date from the last commit when SOURCE_DATE_EPOCH is not set', () => {
    const repo = tempDir();
    cpSync(join(ROOT, 'starter/curricula'), join(repo, 'curricula'), { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_DATE: '2026-12-01T10:00:00+08:00', GIT_COMMITTER_DATE: '2026-12-01T10:00:00+08:00' },
        stdio: 'ignore',
      });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'curriculum');
    build('curricula', 'a', repo, { SOURCE_DATE_EPOCH: '' });
    build('curricula', 'b', repo, { SOURCE_DATE_EPOCH: '' });
    expect(differences(snapshot(join(repo, 'a')), snapshot(join(repo, 'b')))).toEqual([]);
    expect(readFileSync(join(repo, 'a/index.html'), 'utf8')).toContain('2026-12-01');
    build('curricula', 'c', repo, { SOURCE_DATE_EPOCH: '1793491200' });
    expect(readFileSync(join(repo, 'c/index.html'), 'utf8')).toContain('2026-11-01');
  });

  it('give byte-identical PDFs', () => {
    const a = join(tempDir(), 'dist');
    const b = join(tempDir(), 'dist');
    const source = join(tempDir(), 'curricula');
    cpSync(join(ROOT, 'starter/curricula'), source, { recursive: true });
    build(source, a, ROOT, {}, ['--pdf', '--only', 'handbook,pdf']);
    build(source, b, ROOT, { TZ: 'America/Los_Angeles' }, ['--pdf', '--only', 'handbook,pdf']);
    const first = snapshot(a);
    expect([...first.keys()].filter((p) => p.endsWith('.pdf')).sort()).toEqual(['roles/agent/handbook.pdf', 'roles/agent/trainer-guide.pdf']);
    expect(differences(first, snapshot(b))).toEqual([]);
  });
});
