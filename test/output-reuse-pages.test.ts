// Schedule files, trainer pages, the index page and curriculum.json are taken over from the previous
// output unread when the output manifest records them as made from the same stored piece; a change to
// what they print, or a file changed by hand in the output, makes them again. The output always
// equals a fresh build.
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

let source: string;
let cache: string;
let out: string;

const KINDS = ['schedule-files', 'trainer-files', 'index-page', 'curriculum-json'] as const;

/** Build into `out` with the shared cache; reused/rendered counters of the kinds above. */
function build(): Record<(typeof KINDS)[number], string> {
  const r = runCli(['build', source, '-o', out, '--cache-dir', cache, '--only', 'schedule,trainers'], { env: { CS_TRAIN_CACHE_STATS: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const count = (kind: string) => new RegExp(`[:,] ${kind} (\\d+/\\d+)`).exec(r.stderr)?.[1] ?? '0/0';
  return Object.fromEntries(KINDS.map((k) => [k, count(k)])) as Record<(typeof KINDS)[number], string>;
}

function fresh(): Map<string, Buffer> {
  const dir = join(tempDir(), 'dist');
  expect(runCli(['build', source, '-o', dir, '--no-cache', '--only', 'schedule,trainers']).status).toBe(0);
  return snapshot(dir);
}

const ino = (path: string) => statSync(join(out, path)).ino;

/** Empty every stored piece: only files taken over unread can then count as reused. */
function emptyOutputEntries(): void {
  const outputs = join(cache, 'outputs');
  for (const d of readdirSync(outputs)) for (const f of readdirSync(join(outputs, d))) writeFileSync(join(outputs, d, f), '');
}

/** The schedule files of a programme in the output (the calendar only with cohorts). */
const schedules = (program: string) => readdirSync(join(out, 'programs', program)).filter((f) => f.startsWith('schedule.')).map((f) => `programs/${program}/${f}`);
let trainers: string;

beforeAll(() => {
  source = join(tempDir(), 'curricula');
  cpSync(fixture('valid', 'schedule-calendar'), source, { recursive: true });
  cache = join(tempDir(), 'cache');
  out = join(tempDir(), 'dist');
  const first = build();
  expect(first).toMatchObject({ 'schedule-files': '0/3', 'index-page': '0/1', 'curriculum-json': '0/1' });
  trainers = first['trainer-files'];
  expect(trainers).toMatch(/^0\/[1-9]\d*$/);
});

describe('pages taken over from the previous output', () => {
  it('links schedules, trainer pages, the index page and curriculum.json unread when nothing changed', () => {
    const before = [...schedules('coaching'), 'index.html', 'curriculum.json'].map(ino);
    emptyOutputEntries();
    expect(build()).toEqual({ 'schedule-files': '3/0', 'trainer-files': trainers.replace(/^0\/(\d+)$/, '$1/0'), 'index-page': '1/0', 'curriculum-json': '1/0' });
    expect([...schedules('coaching'), 'index.html', 'curriculum.json'].map(ino)).toEqual(before);
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('makes again the schedule of a changed programme, and the pages that list it', () => {
    const others = [...schedules('onboarding'), ...schedules('refresher')].map(ino);
    const file = join(source, 'programs', 'coaching.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: (.*)$/m, 'title: $1（修订）'));
    const counts = build();
    expect(counts).toMatchObject({ 'index-page': '0/1', 'curriculum-json': '0/1' });
    expect(counts['schedule-files']).toMatch(/^2\/1$/);
    expect([...schedules('onboarding'), ...schedules('refresher')].map(ino)).toEqual(others);
    expect(readFileSync(join(out, 'programs/coaching/schedule.html'), 'utf8')).toContain('（修订）');
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });

  it('reads one entry per programme for its slides, not one per day, when no day changed', () => {
    // While nothing the decks are made from changed, the programme's group entry names every deck's
    // keys; after a change elsewhere in the model, its entry of the days' facts (keyed by the days' decks).
    const args = (dir: string, cacheArgs: string[]) => ['build', source, '-o', dir, ...cacheArgs, '--only', 'slides'];
    const slidesOut = join(tempDir(), 'slides');
    expect(runCli(args(slidesOut, ['--cache-dir', cache])).status).toBe(0);
    // Empty the entries of the day decks (named by the manifest's record of the day-NN.md files).
    const manifests = join(cache, 'output-manifests');
    const records = readdirSync(manifests).map((f) => JSON.parse(readFileSync(join(manifests, f), 'utf8')) as { out: string; files: Record<string, [string, string]> });
    const record = records.find((r) => r.out.endsWith('slides'))!;
    const decks = Object.entries(record.files).filter(([path]) => /\/day-\d+\.md$/.test(path));
    expect(decks.length).toBeGreaterThan(3);
    for (const [, [key]] of decks) writeFileSync(join(cache, 'outputs', key.slice(0, 2), key), '');
    const r = runCli(args(slidesOut, ['--cache-dir', cache]), { env: { CS_TRAIN_CACHE_STATS: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`slides-deck ${decks.length}/0`));
    expect(r.stderr).toMatch(/slides-group 3\/0/);
    expect(r.stderr).not.toMatch(/slides-program/);
    const freshSlides = () => {
      const dir = join(tempDir(), 'slides-fresh');
      expect(runCli(args(dir, ['--no-cache'])).status).toBe(0);
      return snapshot(dir);
    };
    expect(differences(snapshot(slidesOut), freshSlides())).toEqual([]);
    // An outline changed by hand is written again from the sections the group keeps.
    const outline = join(slidesOut, 'programs/coaching/slides/outline.md');
    writeFileSync(outline, 'edited by hand\n');
    const again = runCli(args(slidesOut, ['--cache-dir', cache]), { env: { CS_TRAIN_CACHE_STATS: '1' } });
    expect(again.stderr).toMatch(/slides-group 3\/0/);
    expect(differences(snapshot(slidesOut), freshSlides())).toEqual([]);
    // A role's title is in the model, not in any deck: the groups miss, the days' facts do not.
    const role = join(source, 'roles', 'agent.yaml');
    const roleText = readFileSync(role, 'utf8');
    writeFileSync(role, roleText.replace(/^title: (.*)$/m, 'title: $1（新）'));
    const after = runCli(args(slidesOut, ['--cache-dir', cache]), { env: { CS_TRAIN_CACHE_STATS: '1' } });
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/slides-group 0\/3/);
    expect(after.stderr).toMatch(/slides-program 3\/0/);
    expect(after.stderr).toMatch(new RegExp(`slides-deck ${decks.length}/0`));
    expect(differences(snapshot(slidesOut), freshSlides())).toEqual([]);
    writeFileSync(role, roleText);
  });

  it('makes a schedule file again when it was changed in the output folder', () => {
    const csv = join(out, 'programs/refresher/schedule.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}edited by hand\n`);
    // Its stored piece was emptied above: it is rendered again.
    expect(build()['schedule-files']).toBe('2/1');
    expect(readFileSync(csv, 'utf8')).not.toContain('edited by hand');
    expect(differences(snapshot(out), fresh())).toEqual([]);
  });
});
