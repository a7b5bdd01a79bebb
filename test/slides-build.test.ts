// The `slides` output as a user builds it: which files, which warnings, the --program filter,
// byte-identical rebuilds, the trainer outline, and the sample curriculum building clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshot, differences } from './helpers/tree.js';
import { fixture, runCli } from './helpers/cli.js';
import { buildSlides, listFiles, type SlidesBuild } from './slides-helpers.js';

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

const EDGE = fixture('valid/slides-edge');
let edge: SlidesBuild;

beforeAll(() => {
  edge = buildSlides(EDGE);
});

describe('slides build', () => {
  it('writes a Marp deck and a PPTX per teaching day, none for block days, and one outline per programme', () => {
    expect(edge.result.status).toBe(0);
    expect(listFiles(edge.out).filter((f) => f.includes('/slides/'))).toEqual([
      'programs/onboarding/slides/day-01.md',
      'programs/onboarding/slides/day-01.pptx',
      'programs/onboarding/slides/day-04.md',
      'programs/onboarding/slides/day-04.pptx',
      'programs/onboarding/slides/outline.md',
      'programs/refresher/slides/day-01.md',
      'programs/refresher/slides/day-01.pptx',
      'programs/refresher/slides/outline.md',
    ]);
  });

  it('warns once per overfull section, at its heading, even when the session is taught on several days', () => {
    const list = JSON.parse(edge.result.stdout) as JsonDiagnostic[];
    const overflow = list.filter((d) => d.rule === 'slide-overflow');
    expect(overflow.map((d) => `${d.file.split('/').pop()}:${d.line}:${d.column}`)).toEqual([
      '02-long-lists.md:10:1',
      '02-long-lists.md:34:1',
      '02-long-lists.md:51:1',
    ]);
    expect(overflow[0]!.message).toContain('Slide "九个要点" is too full to read (9 points');
    expect(overflow[0]!.message).toContain('continues on 1 more slide(s)');
    expect(overflow.every((d) => d.file === 'test/fixtures/valid/slides-edge/modules/service/02-long-lists.md')).toBe(true);
  });

  it('builds only the programmes named with --program', () => {
    const only = buildSlides(EDGE, ['--program', 'refresher']);
    expect(only.result.status).toBe(0);
    expect(listFiles(only.out).filter((f) => f.includes('/slides/'))).toEqual([
      'programs/refresher/slides/day-01.md',
      'programs/refresher/slides/day-01.pptx',
      'programs/refresher/slides/outline.md',
    ]);
  });

  it('gives byte-identical decks and PPTX packages on a rebuild in another time zone', () => {
    const again = buildSlides(EDGE, [], { TZ: 'America/Los_Angeles' });
    expect(again.result.status).toBe(0);
    const slidesOnly = (dir: string) => new Map([...snapshot(dir)].filter(([path]) => path.includes('/slides/')));
    const first = slidesOnly(edge.out);
    expect(first.size).toBe(8);
    expect(differences(first, slidesOnly(again.out))).toEqual([]);
  });

  it('writes a trainer outline with days, dates, times, sessions, sections, activities and notes', () => {
    const outline = readFileSync(join(edge.out, 'programs/onboarding/slides/outline.md'), 'utf8');
    expect(outline.startsWith('# 入职培训 · 讲师大纲\n')).toBe(true);
    expect(outline).toContain('## 第1天 · 第一天课程\n\n- 地点：101 室\n- 春季班：2027-03-01 周一\n- 2027-09-06 周一');
    expect(outline).toContain('### 长列表 · 13:30–15:00 · 90 分钟 · 地点：101 室');
    expect(outline).toContain('- 一段长文\n  - 分组练习 · 练习 · 15 分钟');
    expect(outline).toContain('  - 安抚话术 · 话术\n    - 讲师提示：第二条讲师提示。');
    expect(outline).toContain('## 第2–3天 · 集中实践 · 跟岗实践');
    expect(outline).toContain('- 春季班：2027-03-02 周二 – 2027-03-03 周三');
    expect(outline).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(outline).not.toContain('<script>');
  });
});

describe('slides of the sample curriculum', () => {
  it('build without a single warning under --strict', () => {
    const sample = buildSlides('curricula', ['--strict']);
    expect(JSON.parse(sample.result.stdout)).toEqual([]);
    expect(sample.result.status).toBe(0);
    expect(sample.decks.length).toBeGreaterThanOrEqual(10);
  });
});
