// Size and nesting: YAML alias bombs, huge maps, error floods and deep YAML; Markdown nested
// thousands deep, 10 MB and 60,000-line sessions, 50,000 list items, shapes that made the parser
// quadratic; a named pipe among the sources. Each is handled or refused with a clear diagnostic
// within a loose time bound, and none crashes or hangs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { Diagnostics, type Diagnostic } from '../src/diagnostics/diagnostics.js';
import { lineStartsOf, MAX_SOURCE_BYTES } from '../src/load/source-text.js';
import { MAX_YAML_ALIASES, parseYamlSource } from '../src/load/yaml-source.js';
import { MAX_MARKDOWN_LINES, MAX_MARKDOWN_NESTING } from '../src/markdown/limits.js';
import { parseMarkdownChecked } from '../src/markdown/parse.js';
import { crashLines, runCliTimed } from './hardening-helpers.js';
import { fixture, ROOT, tempDir } from './helpers/cli.js';

const SESSION = 'modules/communication/02-phone-etiquette.md';
const FRONT = '---\ntitle: 电话礼仪\nduration: 1h\n---\n\n';

/** A copy of the minimal curriculum with some files replaced; returns its folder. */
function curriculumWith(files: Record<string, string | Buffer>): string {
  const dir = join(tempDir('cs-train-limits-'), 'curricula');
  cpSync(fixture('valid/minimal'), dir, { recursive: true });
  for (const [path, contents] of Object.entries(files)) writeFileSync(join(dir, path), contents);
  return dir;
}

/** Compile in process, timing it. */
function check(dir: string): { list: Diagnostic[]; seconds: number; tree: Root | undefined } {
  const started = performance.now();
  const { diagnostics, model } = compileCurriculum(dir, ROOT);
  return { list: diagnostics.list(), seconds: (performance.now() - started) / 1000, tree: model.sessions.get('communication/phone-etiquette')?.mdast };
}

const rules = (list: Diagnostic[]) => list.map((d) => d.rule);

describe('YAML: aliases, huge maps, floods of errors, deep nesting', () => {
  it('a "billion laughs" alias bomb exits 1 fast with a yaml-aliases error at the first alias', () => {
    const started = Date.now();
    const r = runCliTimed(['check', fixture('invalid/yaml-alias-bomb'), '--no-cache'], { timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(crashLines(r.stderr)).toEqual([]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('roles/agent.yaml:8:10 error YAML aliases here expand to more than 100 copies of one anchor');
    expect(r.stdout).toContain('[yaml-aliases]');
  });

  it(`more than ${MAX_YAML_ALIASES} aliases in one file are refused, in linear time`, () => {
    const pairs = Array.from({ length: 20_000 }, (_, i) => `  - &a${i} x\n  - *a${i}\n`).join('');
    const { list, seconds } = check(curriculumWith({ 'roles/agent.yaml': `title: 客服专员\nextra:\n${pairs}` }));
    expect(seconds).toBeLessThan(20);
    expect(list.map((d) => `${d.rule} ${d.line}:${d.column} ${d.message}`)).toEqual(['yaml-aliases 204:5 This file uses 20000 YAML aliases (*name); the limit is 100 per file.']);
  });

  it('a map of 40,000 keys is checked for duplicates in linear time, the duplicate reported at its key', () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  k${i}: v\n`).join('');
    const { list, seconds } = check(curriculumWith({ 'roles/agent.yaml': `title: 客服专员\nextra:\n${keys}  k7: again\n` }));
    expect(seconds).toBeLessThan(20);
    expect(list.map((d) => `${d.rule} ${d.line}:${d.column}`)).toEqual(['yaml-duplicate-key 40003:3']);
  });

  it('a file of nothing but syntax errors reports the first 100 and a count of the rest', () => {
    const { list, seconds } = check(curriculumWith({ 'roles/agent.yaml': ': :\n'.repeat(50_000) }));
    expect(seconds).toBeLessThan(20);
    expect(list.length).toBe(101);
    expect(list[100]!.message).toMatch(/^\d+ more YAML problems in this file are not shown/);
  });

  it('5,000 questions each giving `options` a single value get the list to write each, in linear time', () => {
    const questions = Array.from({ length: 5000 }, (_, i) => `  - { prompt: 问题${i}, type: single, options: 甲, answer: 1, points: 1 }\n`).join('');
    const { list, seconds } = check(curriculumWith({ 'assessments/quiz.yaml': `title: 小测\nkind: exam\nquestions:\n${questions}` }));
    expect(seconds).toBeLessThan(20);
    expect(list).toHaveLength(5000);
    expect(list[4999]!.message).toBe('"questions[5000].options" should be a list, not the text "甲". Write it as a list, even with one entry: ["甲"], or the entry on a line of its own after "- ".');
  });

  it('YAML nested 100,000 deep (flow) is a syntax error and 900 deep (block, 800 KB) is read, neither crashes', () => {
    const flow = check(curriculumWith({ 'roles/agent.yaml': `title: x\nextra: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` }));
    expect(flow.seconds).toBeLessThan(20);
    expect(rules(flow.list)).toEqual(['yaml-syntax']);
    const block = check(curriculumWith({ 'roles/agent.yaml': `title: x\nextra:\n${Array.from({ length: 900 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join('')}` }));
    expect(block.seconds).toBeLessThan(20);
    expect(block.list.filter((d) => d.rule !== 'yaml-syntax')).toEqual([]);
  });

  it('nesting that exhausts the call stack is one diagnostic, however deep the caller already is', () => {
    const text = `title: x\nextra: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n`;
    const src = { abs: '/x.yaml', path: 'x.yaml', text, lineStarts: lineStartsOf(text) };
    // The yaml parser fails once or twice depending on the stack already in use: try many depths.
    const counts = new Set<number>();
    for (let depth = 0; depth < 120; depth += 3) {
      const diagnostics = new Diagnostics();
      const parseAt = (d: number): void => (d > 0 ? parseAt(d - 1) : void parseYamlSource(src, text, 0, diagnostics));
      parseAt(depth);
      counts.add(diagnostics.list().filter((d) => d.rule === 'yaml-syntax').length);
    }
    expect([...counts]).toEqual([1]);
  });
});

describe(`Markdown nested deeper than ${MAX_MARKDOWN_NESTING} levels is refused, never a stack overflow`, () => {
  const n = 5_000;
  const shapes: Record<string, string> = {
    'block quotes': `${'> '.repeat(n)}x\n`,
    'list markers on one line': `${'- '.repeat(n)}x\n`,
    'indented lists (700 levels, 490 KB)': Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i)}- x\n`).join(''),
    ':::blocks': `${':::tip\n'.repeat(n)}x\n${':::\n'.repeat(n)}`,
    emphasis: `${'*a '.repeat(n)}x${' a*'.repeat(n)}\n`,
    'strong emphasis': `${'**a '.repeat(n)}x${' a**'.repeat(n)}\n`,
    'emphasis runs': `${'*'.repeat(n)}x${'*'.repeat(n)}\n`,
    links: `${'['.repeat(n)}x${'](u)'.repeat(n)}\n`,
    images: `${'!['.repeat(n)}x${'](u)'.repeat(n)}\n`,
    'links over lines': `${'[\n'.repeat(n)}x${'](u)\n'.repeat(n)}`,
    'quotes and lists mixed': `${'> - '.repeat(n)}x\n`,
  };
  for (const [name, body] of Object.entries(shapes)) {
    it(`${name}: markdown-too-deep within 20 s`, () => {
      const { list, seconds } = check(curriculumWith({ [SESSION]: FRONT + body }));
      expect(seconds).toBeLessThan(20);
      expect(list.map((d) => d.rule)).toEqual(['markdown-too-deep']);
      expect(list[0]!.line).toBeGreaterThanOrEqual(6);
    });
  }

  it('the committed fixture invalid/markdown-too-deep exits 1 through the CLI, no stack trace', () => {
    const r = runCliTimed(['check', fixture('invalid/markdown-too-deep'), '--no-cache'], { timeoutMs: 30_000 });
    expect(crashLines(r.stderr)).toEqual([]);
    expect(r.status).toBe(1);
    expect(r.stdout.match(/\[markdown-too-deep\]/g)).toHaveLength(2);
  });

  it('nesting within the limit is read as usual', () => {
    const { problem, tree } = parseMarkdownChecked(`${'> '.repeat(40)}${'- '.repeat(40)}*a **b [c](d)** e*\n`);
    expect(problem).toBeUndefined();
    let quotes = 0;
    visit(tree, 'blockquote', () => void quotes++);
    expect(quotes).toBe(40);
  });
});

describe('large sessions', () => {
  it(`a 10 MB session is refused with file-too-large naming the ${MAX_SOURCE_BYTES / 1048576} MiB limit, and nothing else`, () => {
    const dir = curriculumWith({ [SESSION]: FRONT + '客服培训内容。\n'.repeat(500_000) });
    const started = Date.now();
    const r = runCliTimed(['check', dir, '--no-cache', '--format', 'json'], { timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.status).toBe(1);
    const list = JSON.parse(r.stdout) as Diagnostic[];
    expect(list.map((d) => `${d.rule}: ${d.message}`)).toEqual(['file-too-large: File is 10.5 MiB; the limit is 1 MiB per source file.']);
  });

  it('a 2 MB YAML file is refused the same way', () => {
    const { list } = check(curriculumWith({ 'roles/agent.yaml': `title: x\nextra:\n${'  - 一段很长的说明文字\n'.repeat(70_000)}` }));
    expect(list.map((d) => d.rule)).toEqual(['file-too-large']);
  });

  it(`a session of more than ${MAX_MARKDOWN_LINES} lines is refused with markdown-too-large at the first line over`, () => {
    const { list, seconds } = check(curriculumWith({ [SESSION]: FRONT + 'a\n'.repeat(70_000) }));
    expect(seconds).toBeLessThan(20);
    expect(list.map((d) => `${d.rule} ${d.line}`)).toEqual([`markdown-too-large ${MAX_MARKDOWN_LINES + 1}`]);
  });

  it('50,000 list items in one session are read, every one, within 20 s', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => `- 第 ${i + 1} 项\n`).join('');
    const { list, seconds, tree } = check(curriculumWith({ [SESSION]: FRONT + items }));
    expect(seconds).toBeLessThan(20);
    expect(list.filter((d) => d.severity === 'error')).toEqual([]);
    let count = 0;
    visit(tree!, 'listItem', () => void count++);
    expect(count).toBe(50_000);
  });

  const quadratic: Record<string, string> = {
    '12,000 alternating nested list items': '- a\n  - b\n'.repeat(6_000),
    '8,000 setext headings': 'a\n=\n'.repeat(8_000),
    '6,000 quotes between paragraphs': '> a\n\nb\n\n'.repeat(6_000),
    '6,000 lists between paragraphs': '- a\n\nb\n\n'.repeat(6_000),
    '3,000 :::blocks': ':::tip\nx\n:::\n\n'.repeat(3_000),
  };
  for (const [name, body] of Object.entries(quadratic)) {
    it(`${name}: parsed in linear time (was minutes before the EditMap fix)`, () => {
      const started = performance.now();
      const { problem } = parseMarkdownChecked(body);
      expect(problem).toBeUndefined();
      expect((performance.now() - started) / 1000).toBeLessThan(10);
    });
  }
});

describe('the in-place EditMap gives exactly the trees of the original parser', () => {
  it('on every session of the repository and on 300 generated documents', () => {
    const lines = ['- a', '  - b', '    - c', '* d', '1. e', '   1. f', '> q', '> > r', '> - s', '', '', 'para', 'text *em* **strong**', '===', '---', '```', '~~~', ':::tip', ':::activity{minutes=5}', ':::', '| a | b |', '| - | - |', '# h', '## h2', '[a]: https://x', '[a]', '<div>', '</div>', '  ', '\t- t', '- [ ] task', 'x[^1]', '[^1]: note', '    code', '***', '___', '客户: 您好', '09:00'];
    const generated = fc.sample(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 60 }).map((ls) => ls.join('\n') + '\n'), { seed: 42, numRuns: 300 });
    const corpus = [...markdownFiles(join(ROOT, 'curricula')), ...markdownFiles(join(ROOT, 'test/fixtures'))]
      .filter((t) => t.length < 100_000 && parseMarkdownChecked(t).problem === undefined)
      .concat(generated);
    const file = join(tempDir('cs-train-editmap-'), 'corpus.json');
    writeFileSync(file, JSON.stringify(corpus));
    const original = spawnSync(process.execPath, ['--input-type=module', '-e', ORIGINAL_PARSER, file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    expect(original.status, original.stderr).toBe(0);
    const fixed = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCjkFriendly);
    expect(JSON.stringify(corpus.map((t) => fixed.parse(t)))).toBe(readFileSync(`${file}.out`, 'utf8'));
  });
});

/** Parses the corpus with the unpatched micromark (a fresh process that never loads src/markdown/parse.ts). */
const ORIGINAL_PARSER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkCjkFriendly from 'remark-cjk-friendly';
const file = process.argv[1];
const p = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkCjkFriendly);
writeFileSync(file + '.out', JSON.stringify(JSON.parse(readFileSync(file, 'utf8')).map((t) => p.parse(t))));
`;

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.md')) out.push(readFileSync(join(e.parentPath, e.name), 'utf8'));
  }
  return out;
}

describe('special files among the sources', () => {
  it('a named pipe is refused as not a regular file instead of blocking the run', () => {
    const dir = curriculumWith({});
    try {
      execFileSync('mkfifo', [join(dir, 'modules/communication/03-pipe.md')]);
      execFileSync('mkfifo', [join(dir, 'roles/pipe.yaml')]);
    } catch {
      return;
    }
    const r = runCliTimed(['check', dir, '--no-cache', '--format', 'json'], { timeoutMs: 30_000 });
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(1);
    const list = JSON.parse(r.stdout) as Diagnostic[];
    expect(list.filter((d) => d.rule === 'file-unreadable').map((d) => d.file.replace(/^.*curricula\//, ''))).toEqual(['modules/communication/03-pipe.md', 'roles/pipe.yaml']);
  });
});
