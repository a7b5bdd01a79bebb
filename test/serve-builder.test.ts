// The build loop behind `cs-train serve`, in process: each pass goes through a stage of the served
// folder, the slide decks follow in a second pass and are carried over until then, the reports name
// exactly the files that changed or went away, and the served folder always equals a fresh build.
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveBuilder, type BuildReport } from '../src/serve/live-builder.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot, walkFiles } from './helpers/tree.js';

const EPOCH = '1793491200';

describe('the serve build loop', () => {
  let root: string;
  let source: string;
  let site: string;
  let reports: BuildReport[];
  let builder: LiveBuilder;
  /** Deck files in the served folder when each pages report came. */
  let decksAtPages: string[][];
  const saved = process.env.SOURCE_DATE_EPOCH;

  const decks = () => walkFiles(site).filter((p) => p.endsWith('.pptx'));
  /** The served folder equals what `build --no-cache` makes from the same sources. */
  const expectFreshBuild = () => {
    const fresh = join(tempDir(), 'dist');
    const r = runCli(['build', source, '-o', fresh, '--no-cache'], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(r.status, r.stderr).toBe(0);
    expect(differences(snapshot(fresh), snapshot(site))).toEqual([]);
  };
  /** Run one build (both passes) and return its reports. */
  const build = async () => {
    const from = reports.length;
    await builder.run();
    return reports.slice(from);
  };

  beforeAll(() => {
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    root = tempDir('cs-train-serve-loop-');
    source = join(root, 'curricula');
    site = join(root, 'site');
    cpSync(join(ROOT, 'starter/curricula'), source, { recursive: true });
    const onboarding = readFileSync(join(source, 'programs/onboarding.yaml'), 'utf8');
    writeFileSync(join(source, 'programs/refresher.yaml'), onboarding.replace('新员工入职培训', '复训').replace('2027-03-01', '2027-06-07'));
    reports = [];
    decksAtPages = [];
    builder = new LiveBuilder({ sourceDir: source, outDir: site, cacheDir: join(root, 'cache') }, (report) => {
      reports.push(report);
      if (report.following.length > 0) decksAtPages.push(decks());
    }, 0);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  it('builds everything at first, decks included, in one report', async () => {
    const [first, ...more] = await build();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ ok: true, first: true, following: [], deferred: false, removed: [] });
    expect(first!.fileCount).toBe(walkFiles(site).length - 1); // the marker file is not an output
    expect(decks()).toEqual(['programs/onboarding/slides/day-01.pptx', 'programs/refresher/slides/day-01.pptx']);
    expectFreshBuild();
  });

  it('rebuilds the pages of an edited session first, carries the decks over, then rebuilds the changed decks', async () => {
    const file = join(source, 'modules/communication/01-active-listening.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n补充：每次通话结束前复述一次客户的诉求。\n`);
    const before = decks().map((p) => readFileSync(join(site, p)));
    const [pages, slides] = await build();
    expect(pages).toMatchObject({ ok: true, first: false, following: ['slides'], deferred: false, removed: [] });
    expect(pages!.changed).toEqual(['roles/agent/handbook.html', 'roles/agent/trainer-guide.html']);
    // While the pages were swapped in, the previous decks were still served.
    expect(decksAtPages.at(-1)).toEqual(['programs/onboarding/slides/day-01.pptx', 'programs/refresher/slides/day-01.pptx']);
    expect(slides).toMatchObject({ ok: true, deferred: true, following: [], removed: [] });
    expect(slides!.changed).toEqual([
      'programs/onboarding/slides/day-01.md',
      'programs/onboarding/slides/day-01.pptx',
      'programs/refresher/slides/day-01.md',
      'programs/refresher/slides/day-01.pptx',
    ]);
    expect(decks().map((p, i) => readFileSync(join(site, p)).equals(before[i]!))).toEqual([false, false]);
    expectFreshBuild();
  });

  it('reports nothing changed when nothing did', async () => {
    const [pages, slides] = await build();
    expect(pages).toMatchObject({ ok: true, changed: [], removed: [] });
    expect(slides).toMatchObject({ ok: true, changed: [], removed: [] });
    expectFreshBuild();
  });

  it('reports the files of a removed programme as removed, pages in the first pass and decks in the second', async () => {
    rmSync(join(source, 'programs/refresher.yaml'));
    const [pages, slides] = await build();
    expect(pages!.ok).toBe(true);
    expect(pages!.removed.length).toBeGreaterThan(3);
    expect(pages!.removed.every((p) => p.startsWith('programs/refresher/') || p.startsWith('trainers/'))).toBe(true);
    expect(pages!.removed).toContain('programs/refresher/schedule.html');
    expect(slides!.removed).toEqual(['programs/refresher/slides/day-01.md', 'programs/refresher/slides/day-01.pptx', 'programs/refresher/slides/outline.md']);
    expect(readdirSync(join(site, 'programs'))).toEqual(['onboarding']);
    expectFreshBuild();
  });

  it('rebuilds the pages of a template override edited, edited again and removed between builds', async () => {
    // Before, the first template set seen was hashed once per process: the second edit and the
    // removal kept the pages made from the first version of the override.
    const overrides = join(root, 'templates/handbook');
    mkdirSync(overrides, { recursive: true });
    const cover = readFileSync(join(ROOT, 'templates/handbook/cover.eta'), 'utf8');
    const handbook = () => readFileSync(join(site, 'roles/agent/handbook.html'), 'utf8');
    for (const mark of ['cover A', 'cover B']) {
      writeFileSync(join(overrides, 'cover.eta'), `<!-- ${mark} -->\n${cover}`);
      await build();
      expect(handbook()).toContain(`<!-- ${mark} -->`);
      expectFreshBuild();
    }
    rmSync(join(root, 'templates'), { recursive: true });
    await build();
    expect(handbook()).not.toContain('<!-- cover');
    expectFreshBuild();
  });

  it('drops the cache entries that the edits left behind, as `build` does, once enough have piled up', async () => {
    const cache = join(root, 'cache');
    const entries = (dir: string) => ['sessions', 'yaml', 'outputs'].flatMap((area) => walkFiles(join(dir, area))).filter((p) => /[0-9a-f]{64}$/.test(p));
    const file = join(source, 'modules/communication/01-active-listening.md');
    const text = readFileSync(file, 'utf8');
    for (const mark of ['一', '二']) {
      writeFileSync(file, `${text}\n补充${mark}。\n`);
      await build();
    }
    writeFileSync(file, text);
    const piled = entries(cache).length;
    writeFileSync(join(cache, 'stored-since-pruning'), '100000\n');
    await build();
    // What is left is as much as a build from nothing stores (the keys differ: this process runs the
    // sources, the command the bundle): serve prunes after its decks' pass too.
    const fresh = join(tempDir(), 'cache');
    const r = runCli(['build', source, '-o', join(tempDir(), 'dist'), '--cache-dir', fresh], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(r.status, r.stderr).toBe(0);
    expect(entries(cache).length).toBeLessThan(piled);
    expect(entries(cache).length).toBe(entries(fresh).length);
    expect(readFileSync(join(cache, 'stored-since-pruning'), 'utf8')).toBe('0\n');
    expectFreshBuild();
  });

  it('rewrites the files of a folder replaced by a link to it by hand, which the update in place removes', async () => {
    // Before, the files seen through the link counted as unchanged and were left "in place", then the
    // link was removed as a file no output makes: the served folder lost the handbooks and the decks.
    for (const folder of ['roles', 'programs']) {
      const away = join(tempDir(), folder);
      renameSync(join(site, folder), away);
      symlinkSync(away, join(site, folder));
    }
    const [pages, slides] = await build();
    expect(pages!.ok && slides!.ok).toBe(true);
    expectFreshBuild();
  });

  it('leaves the served folder as it was when an edit breaks the sources', async () => {
    const good = snapshot(site);
    const file = join(source, 'programs/onboarding.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('communication/active-listening', 'communication/no-such-session'));
    const [failed, ...more] = await build();
    expect(more).toEqual([]);
    expect(failed!.ok).toBe(false);
    expect(differences(good, snapshot(site))).toEqual([]);
  });
});

describe('the serve build loop into an existing empty folder', () => {
  const saved = process.env.SOURCE_DATE_EPOCH;
  afterAll(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  it('claims the folder with the marker at the first pass, so the decks pass updates it too', async () => {
    // `mkdir site; cs-train serve -o site`: before, the pages were moved in without the marker, the
    // decks pass then took the folder for someone else's and replaced it whole with the decks alone.
    process.env.SOURCE_DATE_EPOCH = EPOCH;
    const root = tempDir('cs-train-serve-empty-');
    const source = join(root, 'curricula');
    const site = join(root, 'site');
    cpSync(join(ROOT, 'starter/curricula'), source, { recursive: true });
    mkdirSync(site);
    const reports: BuildReport[] = [];
    const builder = new LiveBuilder({ sourceDir: source, outDir: site, cacheDir: join(root, 'cache') }, (report) => reports.push(report), 0);
    await builder.run();
    expect(reports.map((r) => r.ok)).toEqual([true]);
    const fresh = join(tempDir(), 'dist');
    const r = runCli(['build', source, '-o', fresh, '--no-cache'], { env: { SOURCE_DATE_EPOCH: EPOCH } });
    expect(r.status, r.stderr).toBe(0);
    expect(differences(snapshot(fresh), snapshot(site))).toEqual([]);
  });
});
