// The pieces of the slides output alone: escaping, notes, condensing, pagination, script lines and
// the way a session tree becomes slides.
import type { Paragraph } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../src/i18n/labels.js';
import { blankFrontMatter, parseMarkdown } from '../src/markdown/parse.js';
import type { Session } from '../src/model/types.js';
import { newSlide, type Slide, type SlideItem } from '../src/render/slides/deck-types.js';
import { escapeInline, noteComment } from '../src/render/slides/markdown-escape.js';
import { paginate, SLIDE_LIMITS, slideHeight, timetableSize } from '../src/render/slides/paginate.js';
import { tableFont } from '../src/render/slides/write-pptx.js';
import { scriptLines } from '../src/render/slides/script-lines.js';
import { buildSessionSlides } from '../src/render/slides/session-slides.js';
import { chunkText, condense, cutToUnits, sentences, units } from '../src/render/slides/slide-text.js';
import { writeMarp } from '../src/render/slides/write-marp.js';

const labels = labelsFor('zh-CN');

function session(body: string, frontMatter = '---\ntitle: 课\nduration: 60m\n---\n'): { session: Session; source: string } {
  const source = frontMatter + body;
  const mdast = parseMarkdown(blankFrontMatter(source, frontMatter.length));
  const s = { id: 'm/s', moduleId: 'm', slug: 's', file: 'm/01-s.md', title: '课', minutes: 60, methods: [], objectives: [], materials: [], competencies: [], mdast, assets: [] };
  return { session: s as Session, source };
}

describe('escapeInline', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['<!-- _class: lead -->', '\\<\\!-- \\_class: lead --\\>'],
    ['**粗** _斜_ `码` [链](x) ~删~', '\\*\\*粗\\*\\* \\_斜\\_ \\`码\\` \\[链\\](x) \\~删\\~'],
    ['价格 $5 与 $10', '价格 \\$5 与 \\$10'],
    ['&amp; 与 |', '\\&amp; 与 \\|'],
    ['1. 不是编号', '1\\. 不是编号'],
    ['- 不是列表', '\\- 不是列表'],
    ['# 不是标题 #', '\\# 不是标题 \\#'],
    ['  多个\n空白  ', '多个 空白'],
    ['09:00 开始，客户: 您好', '09:00 开始，客户: 您好'],
  ])('%j → %j', (input, output) => {
    expect(escapeInline(input)).toBe(output);
  });

  it('breaks emoji shortcodes with an invisible space and leaves clock times alone', () => {
    expect(escapeInline('状态 :ok: 与 :smile:')).toBe('状态 :\u200bok: 与 :\u200bsmile:');
    expect(escapeInline('12:30:45')).toBe('12:30:45');
  });
});

describe('noteComment', () => {
  it('starts with the label and never closes early', () => {
    const c = noteComment('讲师提示', ['header: x\n---\n结束 --> 与 --!> 与 <!-- 开始']);
    expect(c.startsWith('<!--\n讲师提示\n  header: x\n  ---\n')).toBe(true);
    expect(c.indexOf('-->')).toBe(c.length - 3);
    expect(c.slice(4, -3)).not.toContain('<!--');
  });
});

describe('condensing text', () => {
  it('splits sentences after CJK and Latin sentence ends', () => {
    expect(sentences('第一句。第二句！Third one. Fourth')).toEqual(['第一句。', '第二句！', 'Third one.', 'Fourth']);
  });

  it('keeps the first sentence of a paragraph, and the next while the point stays short', () => {
    expect(condense('先听。再问清楚客户的需求，并用自己的话复述一遍。最后确认。', 80)).toBe('先听。再问清楚客户的需求，并用自己的话复述一遍。');
    expect(condense('先听。再问。最后确认。', 80)).toBe('先听。再问。最后确认。');
    expect(condense('客户情绪激动时，任何解释听起来都像是推卸。先让情绪降下来。', 80)).toBe('客户情绪激动时，任何解释听起来都像是推卸。');
    const long = '很'.repeat(200);
    expect(condense(long, 80)).toBe(`${'很'.repeat(79)}…`);
    expect(units(cutToUnits(long, 80))).toBeLessThanOrEqual(80);
  });

  it('ends a cut point with the ellipsis in place of the clause mark where it was cut', () => {
    expect(condense('调解时组长要保持中立，不在一方面前评价另一方；谈话内容只在必要范围内分享，保护双方的面子。', 80)).toBe('调解时组长要保持中立，不在一方面前评价另一方…');
    expect(condense('Stay neutral; share what was said only where needed, and protect both sides.', 20)).toBe('Stay neutral…');
    expect(cutToUnits('一二三四，五六七八九十', 6)).toBe('一二三四…');
    expect(condense('先听。再问。', 80)).toBe('先听。再问。');
  });

  it('chunks instructions at sentence ends without losing words', () => {
    const text = '第一步做这个。第二步做那个。第三步收尾。';
    expect(chunkText(text, 15)).toEqual(['第一步做这个。第二步做那个。', '第三步收尾。']);
    expect(chunkText(text, 15).join('')).toBe(text);
  });
});

describe('paginate', () => {
  const bullets = (n: number): SlideItem[] => Array.from({ length: n }, (_, i) => ({ kind: 'bullet', level: 0, text: `要点${i + 1}` }));

  it('keeps a slide that fits', () => {
    const s = { ...newSlide('section', '标题'), items: bullets(7) };
    expect(paginate(s, '（续）')).toEqual([s]);
  });

  it('moves points past the seventh to a continued slide; notes stay on the first', () => {
    const s = { ...newSlide('section', '标题'), items: bullets(9), notes: ['提示'] };
    const pages = paginate(s, '（续）');
    expect(pages.map((p) => [p.title, p.items.length, p.notes.length])).toEqual([
      ['标题', 7, 1],
      ['标题（续）', 2, 0],
    ]);
    expect(pages.flatMap((p) => p.items)).toEqual(s.items);
  });

  it('splits on text amount and on height, never leaving a page over the limits but for a single huge item', () => {
    const long: SlideItem[] = Array.from({ length: 5 }, () => ({ kind: 'text', text: '长'.repeat(100) }));
    const pages = paginate({ ...newSlide('activity', '练习'), items: long }, '（续）');
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(slideHeight(p)).toBeLessThanOrEqual(SLIDE_LIMITS.height);
    const huge = paginate({ ...newSlide('section', '大'), items: [{ kind: 'text', text: '字'.repeat(2000) }] }, '（续）');
    expect(huge).toHaveLength(1);
  });

  it('repeats a table header on the continued slide', () => {
    const rows: SlideItem[] = Array.from({ length: 12 }, (_, i) => ({ kind: 'row', table: 0, header: ['编号', '说法'], cells: [String(i + 1), '您好'] }));
    const slides = paginate({ ...newSlide('section', '表'), items: rows }, '（续）');
    expect(slides.map((s) => s.items.length)).toEqual([10, 2]);
    const md = writeMarp({ path: 'x', header: 'h', lang: 'zh-CN', slides }, '讲师提示');
    expect(md.match(/^\| 编号 \| 说法 \|$/gm)).toHaveLength(2);
  });
});

describe('the timetable slide', () => {
  const day = (n: number, title = '情景演练与复盘讨论（含客户投诉升级处理）'): Slide => ({
    ...newSlide('timetable', '今日安排'),
    items: Array.from({ length: n }, (_, i) => ({ kind: 'row', table: -1, header: ['时间', '名称', '讲师'], cells: [`${9 + i}:00–${9 + i}:50`, `第${i + 1}项 ${title}`, '刘敏'] })),
  });

  it('is set as large as its slide allows, in both decks, and the size chosen keeps within the height', () => {
    const sizes = [3, 6, 9, 10].map((n) => {
      const slide = day(n);
      const size = timetableSize(slide);
      expect(slideHeight(slide, size.scale)).toBeLessThanOrEqual(SLIDE_LIMITS.height);
      const md = writeMarp({ path: 'x', header: 'h', lang: 'zh-CN', slides: [slide] }, '讲师提示');
      expect(md).toContain(`<!-- _class: ${size.marp} -->`);
      return [n, size.marp, tableFont(slide).fontSize];
    });
    expect(sizes).toEqual([
      [3, 'timetable large', 18],
      [6, 'timetable large', 18],
      [9, 'timetable large', 18],
      [10, 'timetable medium', 16],
    ]);
    // Titles that wrap take the room a larger size would need.
    expect(timetableSize(day(10, '长'.repeat(60))).marp).toBe('timetable');
    // Other tables keep their one size.
    expect(tableFont({ ...day(3), kind: 'section' }).fontSize).toBe(16);
  });

  it('continues onto a next slide only past ten rows or the height, however much text its titles hold', () => {
    expect(paginate(day(9), '（续）').map((p) => p.items.length)).toEqual([9]);
    expect(paginate(day(12), '（续）').map((p) => p.items.length)).toEqual([10, 2]);
    // A section's table is still held to the text limit.
    expect(paginate({ ...day(9), kind: 'section' }, '（续）').length).toBe(2);
  });
});

describe('writeMarp front matter', () => {
  it('quotes header and footer as YAML strings holding escaped Markdown', () => {
    const md = writeMarp({ path: 'x', header: '课程 "A" \\ <b>', footer: '公司: #1', lang: 'zh-CN', slides: [newSlide('section', 't')] }, '讲师提示');
    const front = parseYaml(md.split('\n---\n')[0]!.slice(4)) as Record<string, string>;
    expect(front.header).toBe('课程 "A" \\\\ \\<b\\>');
    expect(front.footer).toBe('公司: \\#1');
    expect(front.marp).toBe(true);
    expect(front.paginate).toBe(true);
  });
});

describe('script lines', () => {
  it('takes back the line breaks the CJK soft-break join removed, with the front matter blanked', () => {
    const { session: s, source } = session(':::script{title="话术"}\n客户：快递晚了三天！\n客服：非常抱歉。\n旁白没有说话人\n:::\n');
    const block = s.mdast.children[0] as ContainerDirective;
    expect(scriptLines(block.children[0] as Paragraph, source, 110)).toEqual([
      { kind: 'line', speaker: '客户', text: '快递晚了三天！' },
      { kind: 'line', speaker: '客服', text: '非常抱歉。' },
      { kind: 'line', text: '旁白没有说话人' },
    ]);
  });
});

describe('buildSessionSlides', () => {
  it('makes a slide per section and block, and puts each trainer note on the slide where it stands', () => {
    const { session: s, source } = session(
      [
        ':::trainer\n开课前\n:::',
        '## 一',
        '1. 先听\n2. 再问',
        ':::trainer\n节内\n:::',
        ':::activity{minutes=10 title="练"}\n两人一组。\n:::',
        ':::trainer\n练习后\n:::',
        ':::tip\n先听完再回答。\n:::',
        '## 二',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        ':::homework\n写一段。\n:::',
      ].join('\n\n'),
    );
    const title = newSlide('session', '课');
    const slides: Slide[] = buildSessionSlides(s, labels, source, title);
    expect(title.notes).toEqual(['开课前']);
    expect(slides.map((x) => [x.kind, x.title, x.meta, x.notes])).toEqual([
      ['section', '一', [], ['节内']],
      ['activity', '练', ['练习 · 10 分钟'], ['练习后']],
      ['section', '二', [], []],
      ['homework', '课后作业', [], []],
    ]);
    expect(slides[0]!.items).toEqual([
      { kind: 'bullet', level: 0, number: 1, text: '先听' },
      { kind: 'bullet', level: 0, number: 2, text: '再问' },
      { kind: 'callout', label: '提示', text: '先听完再回答。' },
    ]);
    expect(slides[0]!.source?.place).toEqual({ line: 9, column: 1, endLine: 9, endColumn: 5 });
    expect(slides[2]!.items).toEqual([{ kind: 'row', table: 0, header: ['a', 'b'], cells: ['1', '2'] }]);
  });
});
