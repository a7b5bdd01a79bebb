// PPTX decks come from the output cache when their slides did not change: a warm build reuses every
// deck, an edit re-renders only the decks that show the edited session, and every build, cached or
// not, single-threaded or on workers, writes the same files and reports the same overflow warnings.
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindCounts } from './helpers/cache-stats.js';
import { differences, snapshot } from './helpers/tree.js';
import { fixture, tempDir } from './helpers/cli.js';
import { buildSlides, type SlidesBuild } from './slides-helpers.js';

const source = join(tempDir('cs-train-slides-cache-'), 'curricula');
const cacheDir = join(tempDir('cs-train-slides-cache-'), 'cache');

function build(extra: string[] = [], workers = '0'): SlidesBuild & { reused: number; rendered: number } {
  const b = buildSlides(source, extra.length ? extra : ['--cache-dir', cacheDir], { CS_TRAIN_CACHE_STATS: '1', CS_TRAIN_RENDER_WORKERS: workers });
  expect(b.result.status, b.result.stderr).toBe(0);
  // Day decks and PPTX decks (a programme's facts, the index page and curriculum.json count apart).
  const [reused, rendered] = kindCounts(b.result.stderr, ['slides-deck', 'slides-pptx']);
  return { ...b, reused, rendered };
}

const slides = (b: SlidesBuild) => new Map([...snapshot(b.out)].filter(([path]) => path.includes('/slides/')));
const warnings = (b: SlidesBuild) => JSON.parse(b.result.stdout) as { rule: string; line: number; message: string }[];

let cold: ReturnType<typeof build>;

beforeAll(() => {
  cpSync(fixture('valid/slides-edge'), source, { recursive: true });
  cold = build();
});

describe('cached PPTX decks', () => {
  // Each day is two pieces: its deck entry (Marp text, outline part, overflow warnings) and its PPTX.
  it('are rendered on a cold build and reused on a warm one, same files, same warnings', () => {
    expect(cold.decks).toHaveLength(3);
    expect([cold.reused, cold.rendered]).toEqual([0, 6]);
    expect(warnings(cold).filter((d) => d.rule === 'slide-overflow')).toHaveLength(3);
    const warm = build();
    expect([warm.reused, warm.rendered]).toEqual([6, 0]);
    expect(differences(slides(cold), slides(warm))).toEqual([]);
    expect(warnings(warm)).toEqual(warnings(cold));
  });

  it('equal those of an uncached build on two worker threads', () => {
    const fresh = build(['--no-cache'], '2');
    expect(fresh.rendered).toBe(6);
    expect(differences(slides(cold), slides(fresh))).toEqual([]);
    expect(warnings(fresh)).toEqual(warnings(cold));
  });

  it('are re-rendered after an edit only where the edited session is shown', () => {
    appendFileSync(join(source, 'modules/service/01-tricky-text.md'), '\n## 新增一节\n\n- 新增的要点\n');
    const edited = build();
    expect([edited.reused, edited.rendered]).toEqual([4, 2]);
    expect(differences(slides(cold), slides(edited))).toEqual([
      'programs/onboarding/slides/day-01.md',
      'programs/onboarding/slides/day-01.pptx',
      'programs/onboarding/slides/outline.md',
    ]);
    const fresh = build(['--no-cache']);
    expect(differences(slides(edited), slides(fresh))).toEqual([]);
  });
});
