// The same small curriculum built in each locale: the generated words, separators, brackets and
// plural forms of every page follow the curriculum's `locale`, never another locale's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';

type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** Source files of a curriculum in `locale`: two roles, two one-day programmes (one with two cohorts), a one-question exam. */
function sources(locale: Locale): Record<string, string> {
  const zh = locale !== 'en';
  return {
    'curriculum.yaml': [
      `title: ${zh ? '客服培训' : 'Service training'}`,
      `organization: ${zh ? '示例公司' : 'Example Ltd'}`,
      `locale: ${locale}`,
      'timezone: Europe/London',
      'competencies:',
      `  listening: ${zh ? '倾听' : 'Listening'}`,
      '',
    ].join('\n'),
    'roles/agent.yaml': `title: ${zh ? '专员' : 'Agent'}\ncompetencies: [listening]\n`,
    'roles/lead.yaml': `title: ${zh ? '组长' : 'Team lead'}\ncompetencies: [listening]\n`,
    'modules/basics/module.yaml': `title: ${zh ? '基础' : 'Basics'}\n`,
    'modules/basics/01-listening.md': [
      '---',
      `title: ${zh ? '倾听' : 'Listening well'}`,
      'duration: 1h',
      'methods: [lecture, role-play]',
      'competencies: [listening]',
      '---',
      '',
      zh ? '先听，再回答。' : 'Listen first, then answer.',
      '',
    ].join('\n'),
    'programs/induction.yaml': [
      `title: ${zh ? '入职培训' : 'Induction'}`,
      'roles: [agent, lead]',
      'cohorts:',
      `  - { name: ${zh ? '三月班' : 'March'}, start: "2027-03-01" }`,
      `  - { name: ${zh ? '五月班' : 'May'}, start: "2027-05-10" }`,
      'days:',
      `  - title: ${zh ? '第一天' : 'First day'}`,
      '    sessions: [basics/listening, { assessment: quiz }]',
      '',
    ].join('\n'),
    // The team lead's handbook meets the session and the exam again: printed once, referred to after.
    'programs/refresher.yaml': [
      `title: ${zh ? '复训' : 'Refresher'}`,
      'roles: [lead]',
      'days:',
      `  - title: ${zh ? '复习' : 'Review'}`,
      '    sessions: [basics/listening, { assessment: quiz }]',
      `  - block: ${zh ? '实践' : 'Practice'}`,
      '    days: 2',
      '',
    ].join('\n'),
    'assessments/quiz.yaml': [
      `title: ${zh ? '小测验' : 'Quiz'}`,
      'kind: exam',
      'duration: 20m',
      'competencies: [listening]',
      'questions:',
      `  - prompt: ${zh ? '第一步做什么？' : 'What comes first?'}`,
      '    type: single',
      `    options: [${zh ? '倾听, 解释' : 'Listen, Explain'}]`,
      '    answer: 1',
      '    points: 1',
      '',
    ].join('\n'),
  };
}

/** Build the curriculum of `locale` (no PDF unless `args` ask for it) and return a reader of its output files. */
function build(locale: Locale, ...args: string[]): (path: string) => string {
  const root = tempDir(`cs-train-locale-${locale}-`);
  for (const [path, text] of Object.entries(sources(locale))) {
    const file = join(root, 'src', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const r = runCli(['build', join(root, 'src'), '-o', join(root, 'out'), '--no-cache', ...args]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toContain('0 warnings');
  if (!args.length) summary = r.stderr;
  return (path) => (path.endsWith('.pdf') ? join(root, 'out', path) : readFileSync(join(root, 'out', path), 'utf8'));
}

const out = {} as Record<Locale, (path: string) => string>;
let summary = '';

beforeAll(() => {
  for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) out[locale] = build(locale);
}, 60_000);

describe('lists and brackets follow the locale', () => {
  it('index page: audience, cohorts and methods are joined with the locale list separator', () => {
    const en = out.en('index.html');
    expect(en).toContain('Audience: Agent, Team lead ·');
    // Each name kept on one line with the separator after it; English's space stays between the blocks.
    expect(en).toContain('Cohorts: <span class="keep">March,</span> <span class="keep">May</span></p>');
    expect(en).toContain('<td>Lecture, Role-play</td>');
    expect(en).not.toContain('、');
    const cn = out['zh-CN']('index.html');
    expect(cn).toContain('培训对象：专员、组长 ·');
    expect(cn).toContain('批次：<span class="keep">三月班、</span><span class="keep">五月班</span></p>');
    expect(cn).toContain('<td>讲授、角色扮演</td>');
    expect(out['zh-TW']('index.html')).toContain('<td>講授、角色扮演</td>');
  });

  it('handbook: a cohort’s dates are in the locale’s brackets (a one-day programme’s date once)', () => {
    const dates = '<span class="nowrap">2027-03-01</span>';
    const en = out.en('roles/agent/handbook.html');
    expect(en).toContain(`March (${dates}), May (`);
    expect(en).not.toMatch(/[（）]/);
    expect(out['zh-CN']('roles/agent/handbook.html')).toContain(`三月班（${dates}）、五月班（`);
    expect(out['zh-TW']('roles/agent/handbook.html')).toContain(`三月班（${dates}）、五月班（`);
  });
});

describe('label colons follow the locale', () => {
  it('schedule page, handbook timetable and calendar: full-width in Chinese, ": " in English', () => {
    expect(out['zh-CN']('programs/induction/schedule.html')).toContain('<th scope="col">批次：三月班</th>');
    expect(out['zh-TW']('programs/induction/schedule.html')).toContain('<span class="cohort-date">三月班：<strong>');
    expect(out.en('programs/induction/schedule.html')).toContain('<span class="cohort-date">March: <strong>');
    expect(out['zh-CN']('roles/agent/handbook.html')).toContain('三月班：<span class="nowrap">2027-03-01 周一</span>');
    expect(out.en('roles/agent/handbook.html')).toContain('March: <span class="nowrap">2027-03-01 Mon</span>');
    const ics = (locale: Locale) => out[locale]('programs/induction/schedule.ics').replace(/\r\n /g, '');
    expect(ics('zh-CN')).toContain('\\n类型：课程\\n培训方式：讲授、角色扮演\r\n');
    expect(ics('zh-TW')).toContain('\\n類型：課程\\n培訓方式：講授、角色扮演\r\n');
    expect(ics('en')).toContain('\\nKind: Session\\nMethods: Lecture\\, Role-play\r\n');
    expect(ics('zh-CN')).not.toMatch(/\p{Script=Han}: /u);
  });
});

describe('day ranges and column heads', () => {
  it('schedule page: a block is headed by its range of days and its length in the locale’s brackets', () => {
    expect(out.en('programs/refresher/schedule.html')).toContain('<h2>Days 2–3 · Practice<span class="meta"> (2 days)</span></h2>');
    expect(out['zh-CN']('programs/refresher/schedule.html')).toContain('<h2>第2–3天 · 实践<span class="meta">（2 天）</span></h2>');
    expect(out['zh-TW']('programs/refresher/schedule.html')).toContain('<h2>第2–3天 · 实践<span class="meta">（2 天）</span></h2>');
  });

  it('trainer outline: a block is headed by its range of days, as on the schedule page', () => {
    expect(out.en('programs/refresher/slides/outline.md')).toContain('\n## Days 2–3 · Practice block · Practice\n');
    expect(out['zh-CN']('programs/refresher/slides/outline.md')).toContain('\n## 第2–3天 · 集中实践 · 实践\n');
    expect(out['zh-TW']('programs/refresher/slides/outline.md')).toContain('\n## 第2–3天 · 集中實踐 · 实践\n');
  });

  it('answer key: the column of questions is headed in the singular in English', () => {
    expect(out.en('assessments/quiz/answer-key.html')).toContain('<th class="num">No.</th><th>Question</th>');
    expect(out['zh-CN']('assessments/quiz/answer-key.html')).toContain('<th class="num">题号</th><th>题目</th>');
    expect(out['zh-TW']('assessments/quiz/answer-key.html')).toContain('<th class="num">題號</th><th>題目</th>');
  });
});

describe('quotation marks follow the locale', () => {
  it('handbook: a session or exam printed in an earlier programme is referred to with the locale’s quotes', () => {
    expect(out['zh-CN']('roles/lead/handbook.html')).toContain('本课程已收录于“复训”部分，请参阅：');
    expect(out['zh-CN']('roles/lead/handbook.html')).toContain('本考核已收录于“复训”部分，请参阅：');
    expect(out['zh-TW']('roles/lead/handbook.html')).toContain('本課程已收錄於「复训」部分，請參閱：');
    expect(out.en('roles/lead/handbook.html')).toContain('This session is printed in “Refresher”; see:');
  });
});

describe('counts take the singular for one in English', () => {
  it('index page: roles, programmes, modules, sessions and days', () => {
    const en = out.en('index.html');
    expect(en).toContain('<p class="meta">2 roles · 2 programmes · 1 module · 1 session · Course hours 1</p>');
    expect(en).toContain('Audience: Agent, Team lead · 1 day · 1.33 h</p>');
    expect(out['zh-CN']('index.html')).toContain('<p class="meta">2 岗位 · 2 培训项目 · 1 课程模块 · 1 课程 · 课程总学时 1</p>');
    expect(out['zh-TW']('index.html')).toContain('<p class="meta">2 職務 · 2 培訓計畫 · 1 課程模組 · 1 課程 · 課程總時數 1</p>');
  });

  it('handbook: days and sessions of a programme, questions of an exam', () => {
    const en = out.en('roles/agent/handbook.html');
    expect(en).toContain('<td>1 day · 1.33 h · 1 session</td>');
    expect(en).toContain('<td>Single choice: 1 question</td>');
    expect(en).not.toMatch(/\b1 (days|sessions|questions)\b/);
    const cn = out['zh-CN']('roles/agent/handbook.html');
    expect(cn).toContain('<td>1 天 · 1.33 小时 · 1 门课程</td>');
    expect(cn).toContain('<td>单选题 1 道题</td>');
    expect(out['zh-TW']('roles/agent/handbook.html')).toContain('<td>1 天 · 1.33 小時 · 1 門課程</td>');
  });

  it('schedule page: the programme total', () => {
    expect(out.en('programs/induction/schedule.html')).toContain('<strong>Programme total</strong>: 1 day · ');
    expect(out['zh-CN']('programs/induction/schedule.html')).toContain('<strong>项目合计</strong>：1 天 · ');
  });
});

describe('English words outside the labels', () => {
  it('the build summary and the GIFT comments say "1 teaching hour", "1 question", "1 point"', () => {
    // 60 minutes of sessions (the exam is not a session).
    expect(summary).toMatch(/^2 roles, 1 module, 1 session, 2 programmes, 1 assessment, 1 teaching hour\. Wrote /);
    const gift = out.en('assessments/quiz.gift');
    expect(gift).toContain('// Quiz (quiz): 1 question, 1 point.\n');
    expect(gift).toContain('\n// 1 point [tag:listening]\n');
  });
});

describe('English pages are set in Latin faces', () => {
  it('the stylesheets put Latin faces first for English and give print footers the page font', () => {
    const css = out.en('assets/style.css');
    expect(css).toMatch(/html:lang\(en\) \{\n  --font-sans: "Noto Sans",[^;]*"Liberation Sans", "DejaVu Sans", "Noto Sans CJK SC"/);
    expect(css).toMatch(/html:lang\(en\) \{[^}]*--font-serif: "Noto Serif",[^;]*"Liberation Serif", "DejaVu Serif", "Noto Serif CJK SC"/);
    expect(css).toContain('\nhtml { font-family: var(--font-sans); }');
    // Margin boxes inherit the root's font; a font named here would be one locale's for all.
    expect(out.en('assets/handbook.css')).not.toMatch(/@bottom-(left|right) \{[^}]*font-family/);
    expect(out.en('programs/induction/slides/day-01.md')).toContain('section:lang(en) { font-family: "Noto Sans",');
  });

  it('an English handbook PDF embeds a Latin face, not only the CJK faces Chromium writes as Type 3', () => {
    const pdf = build('en', '--pdf', '--only', 'handbook')('roles/agent/handbook.pdf');
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.some((line) => !/Type 3/.test(line))).toBe(true);
  }, 120_000);
});
