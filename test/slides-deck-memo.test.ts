// A day's deck is reused from the output cache whole (Marp text, outline part, PPTX, overflow
// warnings) while its key is unchanged: a cached rebuild never reads a session tree, an edit
// re-renders exactly the decks that show it, and every build reports the overflow warnings a build
// from nothing reports, even when the deck that first reported one changes or the programme file
// moves its lines.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindCounts } from './helpers/cache-stats.js';
import { OutputCache } from '../src/cache/output-cache.js';
import { renderAll } from '../src/build.js';
import { compileCurriculum } from '../src/compile.js';
import { fixture, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';
import { buildSlides, type SlidesBuild } from './slides-helpers.js';

const root = tempDir('cs-train-deck-memo-');
const source = join(root, 'curricula');
const cacheDir = join(root, 'cache');

/** A programme whose one day has 12 activities: its timetable overflows, a warning placed in the programme file. */
const DRILLS = ['title: 演练日', 'roles: [agent]', 'days:', '  - title: 短练习', '    sessions:', ...Array.from({ length: 12 }, (_, i) => `      - { title: 练习${i + 1}, duration: 25 }`), ''].join('\n');

interface Build extends SlidesBuild {
  reused: number;
  rendered: number;
  warnings: { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; message: string }[];
}

function build(cached = true): Build {
  const b = buildSlides(source, cached ? ['--cache-dir', cacheDir] : ['--no-cache'], { CS_TRAIN_CACHE_STATS: '1', CS_TRAIN_RENDER_WORKERS: '0' });
  expect(b.result.status, b.result.stderr).toBe(0);
  // Day decks and PPTX decks (a programme's facts, the index page and curriculum.json count apart).
  const [reused, rendered] = kindCounts(b.result.stderr, ['slides-deck', 'slides-pptx']);
  return { ...b, reused, rendered, warnings: JSON.parse(b.result.stdout) };
}

const slides = (b: SlidesBuild) => new Map([...snapshot(b.out)].filter(([path]) => path.includes('/slides/')));
const overflow = (b: Build) => b.warnings.filter((w) => w.rule === 'slide-overflow');

/** Rewrite a source file. */
function edit(path: string, change: (text: string) => string): void {
  const file = join(source, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Expect a cached build to equal a build from nothing, files and diagnostics. */
function expectFresh(cached: Build): void {
  const fresh = build(false);
  expect(differences(slides(fresh), slides(cached))).toEqual([]);
  expect(cached.warnings).toEqual(fresh.warnings);
}

let cold: Build;

beforeAll(() => {
  cpSync(fixture('valid/slides-edge'), source, { recursive: true });
  writeFileSync(join(source, 'programs/drills.yaml'), DRILLS);
  cold = build();
});

describe('cached day decks', () => {
  it('are all reused on a rebuild, with the same files and the same warnings as a build from nothing', () => {
    expect(cold.decks).toHaveLength(4);
    expect([cold.reused, cold.rendered]).toEqual([0, 8]);
    expect(overflow(cold).some((w) => w.file.endsWith('programs/drills.yaml'))).toBe(true);
    const warm = build();
    expect([warm.reused, warm.rendered]).toEqual([8, 0]);
    expect(differences(slides(cold), slides(warm))).toEqual([]);
    expect(warm.warnings).toEqual(cold.warnings);
    expectFresh(warm);
  });

  it('never read a session tree when every deck is cached', async () => {
    const reads = async (): Promise<{ reads: number; files: Map<string, string | Uint8Array> }> => {
      const { model, diagnostics } = compileCurriculum(source);
      let n = 0;
      for (const session of model.sessions.values()) {
        const tree = session.mdast;
        Object.defineProperty(session, 'mdast', { get: () => (n++, tree) });
      }
      const files = await renderAll(model, diagnostics, { outDir: join(root, 'unused'), only: ['slides'], pdf: false, memo: new OutputCache(join(root, 'in-process-cache')) });
      return { reads: n, files: new Map(files.map((f) => [f.path, f.contents])) };
    };
    const first = await reads();
    expect(first.reads).toBeGreaterThan(0);
    const second = await reads();
    expect(second.reads).toBe(0);
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [path, contents] of first.files) expect(Buffer.from(second.files.get(path)!).equals(Buffer.from(contents)), path).toBe(true);
  });

  it('are rendered again after an edit exactly where the edited session is shown', () => {
    // long-lists is taught on onboarding days 1 and 4 and on the refresher's day.
    edit('modules/service/02-long-lists.md', (t) => `${t}\n## 补充一节\n\n- 补充的要点\n`);
    const edited = build();
    expect([edited.reused, edited.rendered]).toEqual([2, 6]);
    expect(differences(slides(cold), slides(edited))).toEqual([
      'programs/onboarding/slides/day-01.md',
      'programs/onboarding/slides/day-01.pptx',
      'programs/onboarding/slides/day-04.md',
      'programs/onboarding/slides/day-04.pptx',
      'programs/onboarding/slides/outline.md',
      'programs/refresher/slides/day-01.md',
      'programs/refresher/slides/day-01.pptx',
      'programs/refresher/slides/outline.md',
    ]);
    expectFresh(edited);
  });

  it('report a warning again from a cached deck when the deck that reported it first changed', () => {
    // Onboarding day 1 no longer teaches long-lists: its overflow warnings now come from day 4, which is cached.
    const before = build();
    const fromLongLists = overflow(before).filter((w) => w.file.endsWith('02-long-lists.md'));
    expect(fromLongLists.length).toBeGreaterThan(0);
    edit('programs/onboarding.yaml', (t) => t.replace('      - { session: service/long-lists, start: "13:30" }\n', ''));
    const after = build();
    expect([after.reused, after.rendered]).toEqual([6, 2]);
    expect(overflow(after).filter((w) => w.file.endsWith('02-long-lists.md'))).toEqual(fromLongLists);
    expectFresh(after);
  });

  it('report warnings at the places the programme file has now, though no deck changed', () => {
    const before = overflow(build()).find((w) => w.file.endsWith('programs/drills.yaml'))!;
    edit('programs/drills.yaml', (t) => `# 演练用的项目\n# 每项二十五分钟\n${t}`);
    const moved = build();
    expect([moved.reused, moved.rendered]).toEqual([8, 0]);
    expect(overflow(moved).find((w) => w.file.endsWith('programs/drills.yaml'))).toEqual({ ...before, line: before.line + 2, endLine: before.endLine + 2 });
    expectFresh(moved);
  });
});
