// Schedule files (per programme) and trainer pages (per trainer) come from the output cache while
// what they print is unchanged: a body edit keeps them all, a changed time or cohort date renders
// again exactly the programme and the trainers it touches, and the curriculum's own templates (which
// may print any part of the model) make every change to the model count. Each build equals a build
// from nothing, byte for byte.
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindCounts } from './helpers/cache-stats.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

const root = tempDir('cs-train-schedule-memo-');
const source = join(root, 'curricula');
const cacheDir = join(root, 'cache');
let builds = 0;

interface Build {
  files: Map<string, Buffer>;
  reused: number;
  rendered: number;
}

function build(cached = true): Build {
  const out = join(root, `out-${builds++}`);
  const r = runCli(['build', source, '-o', out, '--only', 'schedule,trainers', ...(cached ? ['--cache-dir', cacheDir] : ['--no-cache'])], { env: { CS_TRAIN_CACHE_STATS: '1' } });
  expect(r.status, r.stderr).toBe(0);
  // The counters of schedule files and trainer pages (the index page and curriculum.json count apart).
  const [reused, rendered] = kindCounts(r.stderr, ['schedule-files', 'trainer-files']);
  const files = new Map([...snapshot(out)].filter(([path]) => /^(programs|trainers)\//.test(path)));
  return { files, reused, rendered };
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(source, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

/** Build with the cache, expect the counters, and the same bytes as a build from nothing; returns the paths that changed. */
function rebuild(previous: Build, reused: number, rendered: number): { build: Build; changed: string[] } {
  const cached = build();
  expect([cached.reused, cached.rendered]).toEqual([reused, rendered]);
  expect(differences(build(false).files, cached.files)).toEqual([]);
  return { build: cached, changed: differences(previous.files, cached.files) };
}

let last: Build;

beforeAll(() => {
  cpSync(fixture('valid/schedule-calendar'), source, { recursive: true });
  last = build();
});

describe('cached schedule files and trainer pages', () => {
  it('are made once per programme and trainer, then reused', () => {
    // Three programmes, two trainers.
    expect([last.reused, last.rendered]).toEqual([0, 5]);
    expect(last.files.size).toBe(3 * 3 + 2 + 2 * 2);
    last = rebuild(last, 5, 0).build;
  });

  it('are kept when only a session body changes', () => {
    edit('modules/communication/04-complaints.md', (t) => `${t}\n补充一段正文，不影响任何日程。\n`);
    const { build: b, changed } = rebuild(last, 5, 0);
    expect(changed).toEqual([]);
    last = b;
  });

  it('are made again for the programme and the trainer whose item moved', () => {
    edit('programs/onboarding.yaml', (t) => t.replace('start: "10:00", trainer: li-lei', 'start: "10:30", trainer: li-lei'));
    const { build: b, changed } = rebuild(last, 3, 2);
    expect(changed.filter((p) => p.startsWith('trainers/'))).toEqual(['trainers/li-lei.html', 'trainers/li-lei.ics']);
    expect(changed.filter((p) => !p.startsWith('programs/onboarding/') && !p.startsWith('trainers/'))).toEqual([]);
    expect(changed).toContain('programs/onboarding/schedule.csv');
    last = b;
  });

  it('are made again when a cohort starts on another date', () => {
    edit('programs/coaching.yaml', (t) => t.replace('cohorts: ["2027-04-09"]', 'cohorts: ["2027-04-16"]'));
    const { build: b, changed } = rebuild(last, 3, 2);
    expect(changed).toEqual([
      'programs/coaching/schedule.csv',
      'programs/coaching/schedule.html',
      'programs/coaching/schedule.ics',
      'programs/coaching/schedule.json',
      'trainers/wang-fang.html',
      'trainers/wang-fang.ics',
    ]);
    last = b;
  });

  it('are made again when a session title changes, where it is scheduled', () => {
    // complaints is taught in all three programmes, by wang-fang in two of them.
    edit('modules/communication/04-complaints.md', (t) => t.replace(/^title: .*$/m, 'title: 投诉处理（修订）'));
    const { build: b, changed } = rebuild(last, 1, 4);
    expect(changed.filter((p) => p.startsWith('trainers/li-lei'))).toEqual([]);
    last = b;
  });

  it('are taken over by the keys their group recorded while only bodies change, and made again when the group changes', () => {
    // Into one output folder, as a lead rebuilds: the previous output holds the files.
    const out = join(root, 'out-kept');
    const run = (cached = true) => {
      const r = runCli(['build', source, '-o', cached ? out : join(root, `out-${builds++}`), '--only', 'schedule,trainers', ...(cached ? ['--cache-dir', cacheDir] : ['--no-cache'])], { env: { CS_TRAIN_CACHE_STATS: '1' } });
      expect(r.status, r.stderr).toBe(0);
      return { counts: kindCounts(r.stderr, ['schedule-files-group', 'trainer-files-group']), stats: r.stderr };
    };
    const files = () => new Map([...snapshot(out)].filter(([path]) => /^(programs|trainers)\//.test(path)));
    run();
    const inode = () => statSync(join(out, 'programs/coaching/schedule.html')).ino;
    const before = inode();
    edit('modules/communication/04-complaints.md', (t) => `${t}\n又补充一段正文。\n`);
    const bodyOnly = run();
    // Both groups hit, and every piece was taken over (reused, none rendered), its file untouched.
    expect(bodyOnly.counts).toEqual([2, 0]);
    expect(kindCounts(bodyOnly.stats, ['schedule-files', 'trainer-files'])).toEqual([5, 0]);
    expect(inode()).toBe(before);
    // A title the schedules print: the groups miss, and the files equal a build from nothing.
    edit('modules/communication/04-complaints.md', (t) => t.replace(/^title: .*$/m, 'title: 投诉处理（再次修订）'));
    const retitled = run();
    expect(retitled.counts).toEqual([0, 2]);
    expect(files().get('programs/coaching/schedule.html')?.toString()).toContain('投诉处理（再次修订）');
    expect(differences(build(false).files, files())).toEqual([]);
  });

  it('count every change to the model when the curriculum brings its own templates', () => {
    mkdirSync(join(root, 'templates/schedule'), { recursive: true });
    const builtIn = readFileSync(join(import.meta.dirname, '../templates/schedule/program.eta'), 'utf8');
    // A page that prints something no built-in page shows: the competencies' titles.
    writeFileSync(join(root, 'templates/schedule/program.eta'), builtIn.replace('</main>', '<p class="competencies"><%= it.model.competencies.map((c) => c.title).join(" ") %></p>\n</main>'));
    last = build();
    expect(last.files.get('programs/coaching/schedule.html')?.toString()).toContain('沟通技巧');
    expect(build().rendered).toBe(0);
    edit('curriculum.yaml', (t) => t.replace('communication: 沟通技巧', 'communication: 沟通与倾听'));
    const { changed } = rebuild(last, 0, 5);
    expect(changed.filter((p) => p.endsWith('.html') && p.startsWith('programs/'))).toHaveLength(3);
  });
});
