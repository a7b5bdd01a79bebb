// Ordered lists on the slides and the block texts of the trainer outline: an ordered list stays an
// ordered list with its numbers (also from a number other than 1) in the Marp deck and in the PPTX,
// and the outline lists a homework block's text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerDirective } from 'mdast-util-directive';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../src/i18n/labels.js';
import { blankFrontMatter, parseMarkdown } from '../src/markdown/parse.js';
import type { Session } from '../src/model/types.js';
import { newSlide, type Deck, type Slide, type SlideItem } from '../src/render/slides/deck-types.js';
import { buildSessionSlides, noteText } from '../src/render/slides/session-slides.js';
import { writeMarp } from '../src/render/slides/write-marp.js';
import { daySections } from '../src/render/slides/write-outline.js';
import { writePptx } from '../src/render/slides/write-pptx.js';
import { tempDir, type RunResult } from './helpers/cli.js';
import { marpSections, openPptx, renderWithMarp } from './slides-helpers.js';

const labels = labelsFor('zh-CN');

function session(body: string): { session: Session; source: string } {
  const frontMatter = '---\ntitle: 课\nduration: 60m\n---\n';
  const source = frontMatter + body;
  const mdast = parseMarkdown(blankFrontMatter(source, frontMatter.length));
  const s = { id: 'm/s', moduleId: 'm', slug: 's', file: 'm/01-s.md', title: '课', minutes: 60, methods: [], objectives: [], materials: [], competencies: [], mdast, assets: [] };
  return { session: s as unknown as Session, source };
}

/** The title slide and the body slides of a session body. */
function slidesOf(body: string): Slide[] {
  const { session: s, source } = session(body);
  const title = newSlide('session', '课', ['09:00–10:00']);
  return [title, ...buildSessionSlides(s, labels, source, title)];
}

const deckOf = (slides: Slide[]): Deck => ({ path: 'programs/p/slides/day-01', header: '入职培训 · 第1天', lang: 'zh-CN', slides });
const marpOf = (slides: Slide[]): string => writeMarp(deckOf(slides), labels.trainerNote);
const bullets = (...items: [level: number, number: number | undefined, text: string][]): SlideItem[] =>
  items.map(([level, number, text]) => (number === undefined ? { kind: 'bullet', level, text } : { kind: 'bullet', level, number, text }));

/** Render Marp decks (by file name) with Marp CLI; the HTML of each deck's slides. */
async function renderDecks(decks: Record<string, string>): Promise<Map<string, string[]>> {
  const out = tempDir('cs-train-lists-');
  const paths = Object.keys(decks).map((name) => `programs/p/slides/${name}.md`);
  mkdirSync(join(out, 'programs/p/slides'), { recursive: true });
  for (const [name, md] of Object.entries(decks)) writeFileSync(join(out, `programs/p/slides/${name}.md`), md);
  const [html] = await renderWithMarp([{ out, result: {} as RunResult, decks: paths }]);
  return new Map([...html!].map(([path, h]) => [path.replace(/^.*\/(.*)\.md$/, '$1'), marpSections(h)]));
}

const BELIEFS = '## 三条服务信念\n\n1. 热情：以饱满的热情对待客户和同事\n2. 敬业：尽职尽责，让认真成为习惯\n3. 勤勉：踏实肯干，不把问题留给下一班\n';
const FROM_THREE = '## 接着讲\n\n3. 第三步：核对订单\n4. 第四步：回访客户\n';

describe('an ordered list in a session body', () => {
  it('becomes a numbered list in the Marp deck, from 1 and from 3, without escaped numbers', () => {
    const md = marpOf(slidesOf(`${BELIEFS}\n${FROM_THREE}`));
    expect(md).toContain('## 三条服务信念\n\n1. 热情：以饱满的热情对待客户和同事\n2. 敬业：尽职尽责，让认真成为习惯\n3. 勤勉：踏实肯干，不把问题留给下一班\n');
    expect(md).toContain('## 接着讲\n\n3. 第三步：核对订单\n4. 第四步：回访客户\n');
    expect(md).not.toMatch(/^\s*- \d+\\\./m);
  });

  it('keeps its place among nested lists, and stays apart where Markdown would merge or swallow it', () => {
    const slide = (items: SlideItem[]) => marpOf([{ ...newSlide('section', 'S'), items }]).split('\n\n## S\n\n')[1]!.trimEnd();
    // Nested under a numbered item: indented to its text.
    expect(slide(bullets([0, 9, '甲'], [1, undefined, '甲一'], [1, 1, '甲二'], [0, 10, '乙'], [1, undefined, '乙一']))).toBe('9. 甲\n   - 甲一\n   1. 甲二\n10. 乙\n    - 乙一');
    // From 3 right under a bullet: a blank line, or Markdown would read it as more of the bullet's text.
    expect(slide(bullets([0, undefined, '要点'], [1, 3, '三'], [1, 4, '四']))).toBe('- 要点\n\n  3. 三\n  4. 四');
    // From 3 after a sibling bullet needs nothing.
    expect(slide(bullets([0, undefined, '段落'], [0, 3, '三']))).toBe('- 段落\n3. 三');
    // A second list right after another: a blank paragraph between, or Markdown would number on.
    expect(slide(bullets([0, 1, '一'], [0, 2, '二'], [0, 1, '又一']))).toBe('1. 一\n2. 二\n\n&nbsp;\n\n1. 又一');
    // 0 is a list number; ten digits are not, and stay text.
    expect(slide(bullets([0, 0, '零'], [0, 1, '一']))).toBe('0. 零\n1. 一');
    expect(slide(bullets([0, 1_000_000_000, '太大']))).toBe('- 1000000000\\. 太大');
  });

  it('renders as <ol> with Marp CLI, with its start number', async () => {
    const nested = [{ ...newSlide('section', '嵌套'), items: bullets([0, undefined, '要点'], [1, 3, '三'], [1, 4, '四'], [0, undefined, '下一点']) }];
    const twice = [{ ...newSlide('section', '两个列表'), items: bullets([0, 1, '一'], [0, 2, '二'], [0, 1, '又一']) }];
    const wide = [{ ...newSlide('section', '两位数'), items: bullets([0, 9, '甲'], [1, undefined, '甲一'], [0, 10, '乙'], [1, 1, '乙一']) }];
    const decks = { 'day-01': marpOf(slidesOf(`${BELIEFS}\n${FROM_THREE}`)), 'day-02': marpOf(nested), 'day-03': marpOf(twice), 'day-04': marpOf(wide) };
    const html = await renderDecks(decks);
    const [, beliefs, fromThree] = html.get('day-01')!;
    expect(beliefs).toContain('<ol>\n<li>热情：以饱满的热情对待客户和同事</li>\n<li>敬业：尽职尽责，让认真成为习惯</li>\n<li>勤勉：踏实肯干，不把问题留给下一班</li>\n</ol>');
    expect(fromThree).toContain('<ol start="3">\n<li>第三步：核对订单</li>\n<li>第四步：回访客户</li>\n</ol>');
    expect(html.get('day-02')![0]).toMatch(/<p>要点<\/p>\s*<ol start="3">\s*<li>三<\/li>\s*<li>四<\/li>\s*<\/ol>/);
    expect(html.get('day-04')![0]).toMatch(/<ol start="9">\s*<li>甲\s*<ul>\s*<li>甲一<\/li>\s*<\/ul>\s*<\/li>\s*<li>乙\s*<ol>\s*<li>乙一<\/li>\s*<\/ol>\s*<\/li>\s*<\/ol>/);
    expect(html.get('day-03')![0]).toMatch(/<ol>\s*<li>一<\/li>\s*<li>二<\/li>\s*<\/ol>\s*<p>\u00a0<\/p>\s*<ol>\s*<li>又一<\/li>\s*<\/ol>/);
  }, 120_000);

  it('becomes paragraphs PowerPoint numbers itself in the PPTX, each starting at its own number', async () => {
    const slides = slidesOf(`${BELIEFS}\n${FROM_THREE}\n- 要点\n\n  2. 嵌套第二\n\n0. 从零开始\n`);
    const pptx = await openPptx(await writePptx(deckOf(slides), labels.trainerNote, '2026-11-01'));
    /** The paragraph properties and text of every paragraph of a slide. */
    const paragraphs = (xml: string) => [...xml.matchAll(/<a:p>(<a:pPr[^>]*(?:\/>|>.*?<\/a:pPr>))(?:<a:r>.*?<a:t>([^<]*)<\/a:t><\/a:r>)?/g)].map((m) => [m[1], m[2]]);
    const spacing = '<a:spcAft><a:spcPts val="400"/></a:spcAft><a:buSzPct val="100000"/>';
    const numbered = (n: number, level = 0) =>
      `<a:pPr${level ? ` lvl="${level}"` : ''} marL="${342900 * (level + 1)}" indent="-342900">${spacing}<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="${n}"/></a:pPr>`;
    // After the header's and the title's paragraphs, before the slide number's.
    const body = (i: number) => paragraphs(pptx.slides[i]!).slice(2, -1);
    expect(body(1)).toEqual([
      [numbered(1), '热情：以饱满的热情对待客户和同事'],
      [numbered(2), '敬业：尽职尽责，让认真成为习惯'],
      [numbered(3), '勤勉：踏实肯干，不把问题留给下一班'],
    ]);
    expect(body(2)).toEqual([
      [numbered(3), '第三步：核对订单'],
      [numbered(4), '第四步：回访客户'],
      [`<a:pPr marL="342900" indent="-342900">${spacing}<a:buChar char="&#x2022;"/></a:pPr>`, '要点'],
      [numbered(2, 1), '嵌套第二'],
      // Automatic numbering starts at 1 at the least: a list from 0 keeps its numbers as text.
      ['<a:pPr indent="0" marL="0"><a:spcAft><a:spcPts val="400"/></a:spcAft><a:buNone/></a:pPr>', '0. 从零开始'],
    ]);
  });

  it('keeps its numbers in a tip, a warning and a trainer note', () => {
    const [, section] = slidesOf('## 提醒\n\n:::tip\n1. 先听\n2. 再问\n:::\n\n:::warning\n| 说法 | 场合 |\n|---|---|\n| 您好 | 开场 |\n:::\n\n:::trainer\n3. 第三条\n4. 第四条\n:::\n');
    expect(section!.items).toEqual([
      { kind: 'callout', label: '提示', text: '1. 先听 2. 再问' },
      { kind: 'callout', label: '注意', text: '您好 | 开场' },
    ]);
    expect(section!.notes).toEqual(['3. 第三条\n4. 第四条']);
    const { session: s } = session(':::trainer\n- 一段\n\n  同一项的第二段\n- 二\n:::\n');
    expect(noteText(s.mdast.children[0] as ContainerDirective)).toBe('- 一段\n  同一项的第二段\n- 二');
  });
});

describe('the trainer outline', () => {
  const outlineOf = (body: string) => daySections(slidesOf(body), labels, 'zh-CN').join('\n\n');

  it("lists a homework block's paragraphs and list items, one line each, before its trainer notes", () => {
    const outline = outlineOf(
      [
        '## 一',
        '正文。',
        ':::homework\n下班前写一份当天小结：学到了什么、\n还有哪些疑问。讲师第二天上午统一解答。\n:::',
        ':::trainer\n次日上午统一解答。\n:::',
        '## 二',
        ':::homework{title="读手册"}\n读完手册后：\n\n1. 写出三个问题\n2. 交给组长\n   - 当天交\n:::',
        ':::homework\n3. 第三题\n4. 第四题\n:::',
      ].join('\n\n'),
    );
    expect(outline).toBe(
      [
        '### 课 · 09:00–10:00',
        '',
        '- 一',
        '  - 课后作业',
        '    - 下班前写一份当天小结：学到了什么、还有哪些疑问。讲师第二天上午统一解答。',
        '    - 讲师提示：次日上午统一解答。',
        '- 二',
        '  - 读手册 · 课后作业',
        '    - 读完手册后：',
        '    1. 写出三个问题',
        '    2. 交给组长',
        '       - 当天交',
        '  - 课后作业',
        '',
        '    3. 第三题',
        '    4. 第四题',
      ].join('\n'),
    );
  });

  it('lists the text of an activity or script without a title of its own, and only the title of one with', () => {
    const outline = outlineOf(
      [
        '## 一',
        ':::activity{minutes=10}\n两人一组，轮流扮演客户。\n:::',
        ':::activity{minutes=10 title="角色扮演"}\n两人一组。\n:::',
        ':::script\n客户：快递晚了！\n客服：非常抱歉。\n:::',
        '::::homework\n:::tip\n别写太长。\n:::\n::::',
      ].join('\n\n'),
    );
    expect(outline).toContain(
      [
        '- 一',
        '  - 练习 · 10 分钟',
        '    - 两人一组，轮流扮演客户。',
        '  - 角色扮演 · 练习 · 10 分钟',
        '  - 话术',
        '    - 客户：快递晚了！ 客服：非常抱歉。',
        '  - 课后作业',
        '    - 提示：别写太长。',
      ].join('\n'),
    );
  });
});
