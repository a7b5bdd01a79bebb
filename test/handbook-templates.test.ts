// A curriculum repository can override any handbook template with a file of the same name in its own
// templates/ folder; labels follow the curriculum's locale; the cover never invents an edition date.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { Diagnostics } from '../src/diagnostics/diagnostics.js';
import { labelsFor } from '../src/i18n/labels.js';
import { OutputCache } from '../src/cache/output-cache.js';
import { renderBooks } from '../src/render/handbook/index.js';
import { loadTemplates } from '../src/render/templates.js';
import { keepDates } from '../src/render/view-helpers.js';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';

/** A repository folder holding a copy of the fixture as curricula/. */
function repository(): string {
  const repo = tempDir();
  cpSync(fixture('valid', 'handbook-full'), join(repo, 'curricula'), { recursive: true });
  return repo;
}

function build(repo: string): string {
  const out = join(repo, 'dist');
  const r = runCli(['build', 'curricula', '-o', out, '--only', 'handbook'], { cwd: repo });
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
  return out;
}

describe('template overrides', () => {
  it('names a template of the repository that fails, without calling it a bug of cs-train, and writes nothing', () => {
    const repo = repository();
    mkdirSync(join(repo, 'templates/handbook'), { recursive: true });
    writeFileSync(join(repo, 'templates/handbook/cover.eta'), '<h1><%= it.nope.title %></h1>\n');
    const failing = runCli(['build', 'curricula', '-o', 'dist', '--only', 'handbook'], { cwd: repo });
    expect(failing.status).toBe(2);
    expect(failing.stderr).toBe("cs-train: The template templates/handbook/cover.eta failed: Cannot read properties of undefined (reading 'title'). Templates run as code: fix it, or remove it to use cs-train's own.\n");
    expect(existsSync(join(repo, 'dist'))).toBe(false);
    // One that does not compile is named the same way.
    writeFileSync(join(repo, 'templates/handbook/cover.eta'), '<h1><%= it.book.role.title </h1>\n');
    const broken = runCli(['build', 'curricula', '-o', 'dist', '--only', 'handbook'], { cwd: repo });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^cs-train: The template templates\/handbook\/cover\.eta failed: .+\. Templates run as code: fix it, or remove it to use cs-train's own\.\n$/);
    expect(broken.stderr).not.toContain('internal error');
  });

  it('uses templates/handbook/cover.eta and templates/assets/handbook.css of the repository instead of the built-in ones', () => {
    const repo = repository();
    mkdirSync(join(repo, 'templates/handbook'), { recursive: true });
    mkdirSync(join(repo, 'templates/assets'), { recursive: true });
    writeFileSync(join(repo, 'templates/handbook/cover.eta'), '<header class="cover" id="cover"><h1>定制封面 <%= it.book.role.title %> <%= it.editionName %></h1></header>\n');
    writeFileSync(join(repo, 'templates/assets/handbook.css'), '.cover { color: purple; }\n');
    const out = build(repo);
    const html = readFileSync(join(out, 'roles/agent/handbook.html'), 'utf8');
    expect(html).toContain('<h1>定制封面 客服专员 学员手册</h1>');
    expect(html).not.toContain('cover-band');
    expect(html).toContain('<nav class="toc" id="contents"');
    expect(readFileSync(join(out, 'assets/handbook.css'), 'utf8')).toBe('.cover { color: purple; }\n');
  });
});

describe('the role profile', () => {
  it('is left out, with its line in the contents, for a role given only a title; a role with any profile keeps it', () => {
    const repo = repository();
    writeFileSync(join(repo, 'curricula/roles/lead.yaml'), 'title: 客服组长\n');
    const out = build(repo);
    const bare = readFileSync(join(out, 'roles/lead/handbook.html'), 'utf8');
    expect(bare).not.toContain('id="profile"');
    expect(bare).not.toContain('href="#profile"');
    expect(bare).not.toContain('岗位概况');
    // The agent still reports to the lead, whose title is all the profile needs to name it.
    const agent = readFileSync(join(out, 'roles/agent/handbook.html'), 'utf8');
    expect(agent).toContain('<a href="#profile">岗位概况</a>');
    expect(agent).toContain('<h2>岗位概况：客服专员</h2>');
    expect(agent).toMatch(/<span class="fact-label">[^<]+<\/span>客服组长<\/p>/);
    // A title and whom it reports to is a profile.
    writeFileSync(join(repo, 'curricula/roles/agent.yaml'), 'title: 客服专员\nreportsTo: lead\n');
    const reporting = readFileSync(join(build(repo), 'roles/agent/handbook.html'), 'utf8');
    expect(reporting).toContain('<h2>岗位概况：客服专员</h2>');
    expect(reporting).not.toContain('<h3>');
  });
});

describe('locales', () => {
  for (const [locale, expected] of [
    ['en', ['<html lang="en">', 'Handbook', 'Timetable', 'Role profile', 'Page " counter(page) " of " counter(pages)']],
    ['zh-TW', ['<html lang="zh-TW">', '學員手冊', '課程日程', '職務概況', '第 " counter(page) " 頁 / 共 " counter(pages) " 頁']],
  ] as const) {
    it(`labels every part of the book in ${locale}`, () => {
      const repo = repository();
      const file = join(repo, 'curricula/curriculum.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('locale: zh-CN', `locale: ${locale}`));
      const html = readFileSync(join(build(repo), 'roles/agent/handbook.html'), 'utf8');
      for (const text of expected) expect(html).toContain(text);
      expect(html).not.toMatch(/学员手册|课程日程|岗位概况/);
    });
  }
});

describe('cohort dates in a programme\'s facts', () => {
  it('gives a cohort its first and last day in the locale\'s brackets, one date for a one-day programme, none when the name is that date', () => {
    const row = (html: string) => /<tr><th scope="row">(?:批次|Cohorts)<\/th><td>(.*?)<\/td><\/tr>/.exec(html)?.[1];
    const repo = repository();
    const zh = readFileSync(join(build(repo), 'roles/agent/handbook.html'), 'utf8');
    expect(row(zh)).toBe('三月批次（<span class="nowrap">2027-03-01</span> – <span class="nowrap">2027-03-04</span>）');

    const file = join(repo, 'curricula/curriculum.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('locale: zh-CN', 'locale: en'));
    const en = readFileSync(join(build(repo), 'roles/agent/handbook.html'), 'utf8');
    expect(row(en)).toBe('三月批次 (<span class="nowrap">2027-03-01</span> – <span class="nowrap">2027-03-04</span>)');

    const out = join(tempDir(), 'dist');
    expect(runCli(['build', fixture('valid', 'slides-en'), '-o', out, '--only', 'handbook']).status).toBe(0);
    expect(row(readFileSync(join(out, 'roles/agent/handbook.html'), 'utf8'))).toBe('2027-03-01');
  });
});

describe('an assessment\'s instructions in the books', () => {
  it('keep their paragraphs (separated by a blank line) apart', () => {
    const repo = repository();
    const file = join(repo, 'curricula/assessments/exam.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('instructions: 独立完成，不得查阅资料。', 'instructions: |\n  独立完成，不得查阅资料。\n\n  考试时间 30 分钟，交卷后不得修改。'));
    const html = readFileSync(join(build(repo), 'roles/agent/handbook.html'), 'utf8');
    expect(html).toContain('<p class="instructions">独立完成，不得查阅资料。</p>\n      <p class="instructions">考试时间 30 分钟，交卷后不得修改。</p>');
  });
});

describe('edition date', () => {
  it('leaves the date off the cover when neither SOURCE_DATE_EPOCH nor a commit gives one', async () => {
    const { model, diagnostics } = compileCurriculum(fixture('valid', 'handbook-full'), ROOT);
    const labels = labelsFor(model.locale);
    const ctx = { model, labels, templates: loadTemplates(), editionDate: undefined, diagnostics: new Diagnostics(), pdf: false, outputs: new Set(['handbook']), memo: new OutputCache(undefined), reuse: () => false, emit: () => undefined };
    expect(diagnostics.errorCount).toBe(0);
    const books = await renderBooks(ctx);
    expect(books.map((b) => b.path)).toEqual(['roles/agent/handbook.html', 'roles/agent/trainer-guide.html', 'roles/lead/handbook.html', 'roles/lead/trainer-guide.html']);
    for (const b of books) expect(String(b.contents)).not.toContain(labels.edition);
    const dated = await renderBooks({ ...ctx, editionDate: '2027-02-03' });
    expect(String(dated[0]!.contents)).toContain('<dt>版本日期</dt><dd>2027-02-03</dd>');
  });
});

describe('dates in schedule lines', () => {
  it('keeps each date with its weekday and each clock time on one line, escaping the rest', () => {
    expect(keepDates('2027年5月批次: 2027-05-10 周一 – 2027-06-14 周一 · A&B 室', ['周一'])).toBe(
      '2027年5月批次: <span class="nowrap">2027-05-10 周一</span> – <span class="nowrap">2027-06-14 周一</span> · A&amp;B 室',
    );
    expect(keepDates('第1天 09:00–10:30 · <新员工> 培训')).toBe('第1天 <span class="nowrap">09:00–10:30</span> · &lt;新员工&gt; 培训');
    expect(keepDates('Day 2 9:30 · "Lab"', ['Mon'])).toBe('Day 2 <span class="nowrap">9:30</span> · &quot;Lab&quot;');
  });
});
