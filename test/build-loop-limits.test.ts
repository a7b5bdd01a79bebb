// `--only <outputs>`, `--role <id>` and `--program <id>` limit what a build writes.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers/cli.js';
import { snapshot } from './helpers/tree.js';

let repo: string;

/** The starter plus a second role and a second programme. */
beforeAll(() => {
  repo = tempDir();
  cpSync(join(ROOT, 'starter/curricula'), join(repo, 'curricula'), { recursive: true });
  writeFileSync(join(repo, 'curricula/roles/team-lead.yaml'), 'title: 客服组长\ncompetencies: [communication]\n');
  writeFileSync(
    join(repo, 'curricula/programs/refresher.yaml'),
    'title: 组长复训\nroles: [team-lead]\ncohorts: ["2027-04-05"]\ndays:\n  - title: 复训\n    sessions: [communication/phone-etiquette]\n',
  );
});

function build(...args: string[]): string[] {
  const out = join(tempDir(), 'dist');
  const r = runCli(['build', 'curricula', '-o', out, ...args], { cwd: repo });
  expect(r.stderr).toContain('Wrote');
  expect(r.status).toBe(0);
  return [...snapshot(out).keys()];
}

const under = (files: string[], prefix: string) => files.filter((f) => f.startsWith(prefix));

describe('limited builds', () => {
  it('build everything without limits', () => {
    const all = build();
    for (const f of ['roles/agent/handbook.html', 'roles/team-lead/handbook.html', 'programs/onboarding/schedule.html', 'programs/refresher/schedule.csv']) expect(all).toContain(f);
    expect(under(all, 'assessments/').length).toBeGreaterThan(0);
    expect(under(all, 'trainers/').length).toBeGreaterThan(0);
    expect(all.some((f) => /^programs\/[^/]+\/slides\//.test(f))).toBe(true);
  });

  it('--only schedule writes schedules and no handbooks, slides or papers', () => {
    const files = build('--only', 'schedule');
    expect(files).toContain('programs/onboarding/schedule.html');
    expect(files).toContain('programs/refresher/schedule.ics');
    expect(under(files, 'roles/')).toEqual([]);
    expect(under(files, 'assessments/')).toEqual([]);
    expect(files.filter((f) => f.includes('/slides/'))).toEqual([]);
    expect(files).toContain('index.html');
  });

  it('--only handbook writes handbooks and trainer guides only', () => {
    const files = build('--only', 'handbook');
    expect(under(files, 'roles/').sort()).toEqual([
      'roles/agent/handbook.html', 'roles/agent/trainer-guide.html', 'roles/team-lead/handbook.html', 'roles/team-lead/trainer-guide.html',
    ]);
    expect(under(files, 'programs/')).toEqual([]);
  });

  it('--role limits the handbooks to that role', () => {
    const files = build('--role', 'team-lead');
    expect(under(files, 'roles/').sort()).toEqual(['roles/team-lead/handbook.html', 'roles/team-lead/trainer-guide.html']);
  });

  it('--program limits schedules and slides to that programme', () => {
    const files = build('--program', 'refresher', '--only', 'schedule,slides');
    expect(under(files, 'programs/onboarding/')).toEqual([]);
    expect(files).toContain('programs/refresher/schedule.html');
    expect(files.some((f) => f.startsWith('programs/refresher/slides/'))).toBe(true);
  });

  it('refuses unknown roles, programmes and outputs with exit 2', () => {
    for (const [args, message] of [
      [['--role', 'agnet'], 'Unknown role "agnet"'],
      [['--program', 'nope'], 'Unknown programme "nope"'],
      [['--only', 'handbooks'], 'Unknown output "handbooks"'],
    ] as const) {
      const r = runCli(['build', 'curricula', '-o', join(tempDir(), 'dist'), ...args], { cwd: repo });
      expect(r.stderr).toContain(message);
      expect(r.status).toBe(2);
    }
  });
});
