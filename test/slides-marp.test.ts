// The decks as Marp CLI renders them: as many slides as the model has, with the same titles, trainer
// notes as presenter notes on their slide, and curriculum text that never turns into HTML, math,
// emoji or directives (even with Marp's HTML option on).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Slide } from '../src/render/slides/deck-types.js';
import { fixture, runCli } from './helpers/cli.js';
import { buildSlides, expectedSlides, marpNotes, marpSections, renderWithMarp, type SlidesBuild } from './slides-helpers.js';

interface Case {
  name: string;
  source: string;
  build: SlidesBuild;
  expected: Map<string, Slide[]>;
  html: Map<string, string>;
}

const cases: Case[] = [];
let unsafe: Map<string, string>;

beforeAll(async () => {
  const sources = [
    ['slides-edge fixture', fixture('valid/slides-edge')],
    ['slides-en fixture', fixture('valid/slides-en')],
  ];
  if (runCli(['check', 'curricula', '--strict']).status === 0) sources.push(['sample curriculum', 'curricula']);
  const builds = sources.map(([, source]) => buildSlides(source!));
  const html = await renderWithMarp(builds);
  for (const [i, [name, source]] of sources.entries()) {
    cases.push({ name: name!, source: source!, build: builds[i]!, expected: await expectedSlides(source!), html: html[i]! });
  }
  [unsafe] = (await renderWithMarp([builds[0]!], ['--html'])) as [Map<string, string>];
}, 240_000);

/** Text of a rendered slide title, tags stripped, entities and invisible breaks removed. */
function titleOf(section: string): string {
  const m = /<h([12])[^>]*>([\s\S]*?)<\/h\1>/.exec(section);
  return (m?.[2] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

describe('Marp CLI renders every deck', () => {
  it('with the slides and titles the model has, for every teaching day', () => {
    for (const c of cases) {
      expect([...c.html.keys()], c.name).toEqual([...c.expected.keys()].sort());
      for (const [deck, html] of c.html) {
        const slides = c.expected.get(deck)!;
        const sections = marpSections(html);
        expect(sections.length, `${c.name} ${deck}`).toBe(slides.length);
        expect(sections.map(titleOf), `${c.name} ${deck}`).toEqual(slides.map((s) => s.title));
      }
    }
  });

  it('with trainer notes as presenter notes on exactly the slides where they stand', () => {
    for (const c of cases) {
      for (const [deck, html] of c.html) {
        const notes = marpNotes(html);
        const slides = c.expected.get(deck)!;
        expect([...notes.keys()].sort((a, b) => a - b), `${c.name} ${deck}`).toEqual(slides.flatMap((s, i) => (s.notes.length ? [i] : [])));
        for (const [i, text] of notes) expect(text.replace(/[\s\u200b]+/g, ''), `${c.name} ${deck} slide ${i + 1}`).toContain(slides[i]!.notes[0]!.replace(/\s+/g, ''));
      }
    }
  });

  it('keeps a note holding `-->`, `<!--`, `---` and directive-like lines whole, as a note', () => {
    const html = cases[0]!.html.get('programs/onboarding/slides/day-01.md')!;
    const notes = marpNotes(html);
    expect(notes.get(3)).toContain('header: hacked paginate: false');
    expect(notes.get(3)?.replace(/\u200b/g, '')).toContain('注释结束符 --> 也只是文字，<!-- 开头也一样。');
    expect(notes.get(5)).toContain('第二条讲师提示。');
    const headers = new Set([...html.matchAll(/<section\b[^>]*data-header="([^"]*)"/g)].map((m) => m[1]));
    expect(headers).toEqual(new Set(['入职培训 · 第1天']));
    expect([...html.matchAll(/<section\b[^>]*data-paginate="true"/g)].length).toBe(marpSections(html).length);
  });

  it('shows curriculum text as text even with Marp HTML enabled', () => {
    for (const html of unsafe.values()) {
      const body = marpSections(html).join('\n');
      expect(body).not.toMatch(/<(script|i|b)\b/);
      expect(body).not.toContain('javascript:');
      expect(body).not.toContain('mjx-container');
      expect(body).not.toContain('class="emoji"');
      expect(body).not.toContain('<em>不是强调');
    }
    const day1 = marpSections(unsafe.get('programs/onboarding/slides/day-01.md')!);
    expect(day1[2]).toContain('标题含 &lt;script&gt;alert(1)&lt;/script&gt; 与 --- 和 &lt;!-- 注释');
    expect(day1[2]).toContain('价格 $5 与 $10 不是公式');
    // `- 1. 开头的数字` is a bullet holding an ordered list; `- 2\. …` a bullet whose text starts with a number.
    expect(day1[4]).toContain('<ol>\n<li>开头的数字</li>\n</ol>');
    expect(day1[4]).toContain('<li>2. 转义的编号只是文字</li>');
  });

  it('sets script lines as dialogue, one speaker per line', () => {
    const zh = marpSections(cases[0]!.html.get('programs/onboarding/slides/day-01.md')!)[5]!;
    expect(zh.match(/<strong>[^<]+<\/strong>/g)).toEqual(['<strong>客户：</strong>', '<strong>客服：</strong>', '<strong>客户：</strong>']);
    expect(zh).toContain('<strong>客服：</strong> 非常抱歉，我马上为您查询。');
    const en = cases[1]!.html.get('programs/induction/slides/day-01.md')!;
    expect(en).toContain('<strong>Customer:</strong> My parcel is three days late!');
    expect(marpSections(en).map(titleOf)).toContain('Nine habits (continued)');
  });

  it('is Markdown that Marp reads with its front matter: theme, pagination, header and footer', () => {
    const md = readFileSync(join(cases[1]!.build.out, 'programs/induction/slides/day-01.md'), 'utf8');
    expect(md.split('\n---\n')[0]).toMatch(/^---\nmarp: true\ntheme: default\nsize: 16:9\npaginate: true\nlang: en\nheader: "Induction · Day 1"\nfooter: "Example Support Team"\nstyle: \|\n/);
  });
});
