// Positions must match the file as the training lead sees it in an editor, whatever its encoding
// details (BOM, CRLF) and wherever the problem sits (front matter, body, nested YAML).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../../src/compile.js';
import { dateSuggestion, durationSuggestion, parseDuration, parseTime, isCalendarDate, timeSuggestion } from '../../src/schema/common.js';
import { tempDir } from '../helpers/cli.js';

function curriculum(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  const all: Record<string, string | Buffer> = { 'curriculum.yaml': 'title: T\ncompetencies:\n  communication: 沟通\n', ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function problems(dir: string) {
  return compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
}

/** The YAML syntax diagnostics of the curriculum in `dir`, each `file:line:column message`. */
function yamlSyntax(dir: string) {
  return compileCurriculum(dir, dir).diagnostics.list().filter((d) => d.rule === 'yaml-syntax').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
}

const moduleYaml = 'title: 沟通\n';

describe('positions', () => {
  it('are the same with a BOM and CRLF line ends as with LF', () => {
    const body = ['---', 'title: 倾听', 'duration: 9O', '---', '', ':::tranier', 'x', ':::', ''];
    const lf = curriculum({ 'modules/m/module.yaml': moduleYaml, 'modules/m/01-s.md': body.join('\n') });
    const crlf = curriculum({ 'modules/m/module.yaml': moduleYaml, 'modules/m/01-s.md': '\uFEFF' + body.join('\r\n') });
    const expected = ['modules/m/01-s.md:3:11 invalid-duration', 'modules/m/01-s.md:6:1 unknown-directive'];
    expect(problems(lf)).toEqual(expected);
    expect(problems(crlf)).toEqual(expected);
  });

  it('point at the deepest node of a zod path, at keys for unknown keys, at the parent map for missing keys', () => {
    const dir = curriculum({
      'roles/agent.yaml': 'title: A\n',
      'programs/p.yaml': [
        'title: P',
        'roles: [agent]',
        'days:',
        '  - title: D1',
        '    sessions:',
        '      - { title: 开班, duration: 30m, strat: "09:00" }',
        '  - block: 实践',
        '    days: 0',
        '  - location: 会议室',
        '    sessions: []',
        '',
      ].join('\n'),
    });
    expect(problems(dir)).toEqual([
      'programs/p.yaml:6:37 unknown-key',
      'programs/p.yaml:8:11 invalid-value',
      'programs/p.yaml:9:5 missing-key',
    ]);
  });

  it('answers a key written in Chinese with the English key it stands for, once, without a missing-key report', () => {
    const dir = curriculum({
      'roles/agent.yaml': '标题: 客服专员\n职责: [接听来电]\n',
      'programs/p.yaml': 'title: P\nroles: [agent]\ncohorts:\n  - { 名称: 三月批次, start: "2027-03-01" }\ndays:\n  - title: D1\n    sessions: []\n',
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-s.md': '---\ntitle: S\nduration: 30\n地点: 培训室\n---\n\n正文\n',
    });
    const list = compileCurriculum(dir, dir).diagnostics.list();
    expect(list.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      'modules/m/01-s.md:4:1 unknown-key Unknown key "地点" in session front matter. Keys are written in English: did you mean "location"?',
      'programs/p.yaml:4:7 unknown-key Unknown key "名称" in "cohorts[1]". Keys are written in English: did you mean "name"?',
      'roles/agent.yaml:1:1 unknown-key Unknown key "标题" in role. Keys are written in English: did you mean "title"?',
      'roles/agent.yaml:2:1 unknown-key Unknown key "职责" in role. Keys are written in English: did you mean "responsibilities"?',
    ]);
  });

  it('reports an empty value at its key', () => {
    const dir = curriculum({ 'roles/agent.yaml': 'title:\nsummary: x\n' });
    const list = compileCurriculum(dir, dir).diagnostics.list();
    expect(list.map((d) => [d.line, d.column, d.rule, d.message])).toEqual([[1, 1, 'missing-key', 'Key "title" in role has no value; write one after the colon.']]);
  });

  it('keeps colons in text as text, never as directives', () => {
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-s.md': '---\ntitle: S\nduration: 30\n---\n\n上午 09:00 开始,客户:您好 a:b ::leaf\n\n::also-leaf\n',
    });
    const { model, diagnostics } = compileCurriculum(dir, dir);
    // The session is in no programme; that warning is all there is.
    expect(diagnostics.list().map((d) => d.rule)).toEqual(['unscheduled-session']);
    const text = JSON.stringify(model.sessions.get('m/s')!.mdast);
    expect(text).toContain('上午 09:00 开始,客户:您好 a:b ::leaf');
    expect(text).toContain('::also-leaf');
  });

  it('joins soft line breaks between CJK characters without a space', () => {
    const dir = curriculum({ 'modules/m/module.yaml': moduleYaml, 'modules/m/01-s.md': '---\ntitle: S\nduration: 30\n---\n\n第一行\n第二行\nEnglish\nline\n' });
    const { model } = compileCurriculum(dir, dir);
    expect(JSON.stringify(model.sessions.get('m/s')!.mdast)).toContain('"第一行第二行\\nEnglish\\nline"');
  });
});

describe('values', () => {
  it('parses durations', () => {
    expect([90, '90', '90m', '90min', '1h', '1h30m', '2h0m'].map((v) => parseDuration(v))).toEqual([90, 90, 90, 90, 60, 90, 120]);
    expect([0, -5, 1.5, '', 'h', '90 minutes', '1.5h', '1h 30m'].map((v) => parseDuration(v))).toEqual(Array(8).fill(undefined));
  });

  it('names the accepted spelling of a duration written the way people say it, and only when it is one', () => {
    const said = ['45分钟', '45 分钟', '45分', '1.5h', '1.5小时', '1小时30分钟', '1个小时', '1h 30m', '90 minutes', '30 min', '2 hours', '1.5 hrs', '90 分鐘'];
    const fixes = said.map(durationSuggestion);
    expect(fixes).toEqual(['45m', '45m', '45m', '1h30m', '1h30m', '1h30m', '1h', '1h30m', '90m', '30m', '2h', '1h30m', '90m']);
    for (const fix of fixes) expect(parseDuration(fix!), fix).toBeGreaterThan(0);
    // Said in Chinese numbers, or a number of hours with a fraction where a number means minutes.
    expect(['半小时', '半个小时', '一个半小时', '1个半小时', '两小时', '三个小时', 0.5, 1.5, 1.25].map(durationSuggestion)).toEqual(['30m', '30m', '1h30m', '1h30m', '2h', '3h', '30m', '1h30m', '1h15m']);
    expect(['abc', '0m', '1.33h', '25h', 'h', '半天', 90, 1.33].map(durationSuggestion)).toEqual(Array(8).fill(undefined));
  });

  it('names the accepted spelling of a date written another common way, and only for a day that exists', () => {
    expect(['2027/04/05', '2027/4/5', '2027.04.05', '2027-4-5', '2027年4月5日', '2027 年 4 月 5 日'].map(dateSuggestion)).toEqual(Array(6).fill('2027-04-05'));
    expect(['2027/02/30', '2027-04-05', '4/5/2027', '05.04.2027', '2027年4月', 'next monday'].map(dateSuggestion)).toEqual(Array(6).fill(undefined));
  });

  it('names the accepted spelling of a time typed on a Chinese keyboard or said aloud, and only when it is one', () => {
    const typed = ['13：30', '１３:３０', '13 : 30', '9点', '9点30', '9点30分', '9點半', '14时', '17時15分', '9：05'];
    expect(typed.map(timeSuggestion)).toEqual(['13:30', '13:30', '13:30', '09:00', '09:30', '09:30', '09:30', '14:00', '17:15', '09:05']);
    // Already valid, impossible, an hour alone, or a spoken hour before 7 (2点 may be the afternoon).
    expect(['13:30', '25：00', '13：60', '13：', '2点', '6点半', '0900', 'noon'].map(timeSuggestion)).toEqual(Array(8).fill(undefined));
    // The part of the day said before the time, or am/pm after it, tells the afternoon.
    const parts = ['下午1点半', '下午2点', '晚上7点', '中午12点半', '中午1点', '上午9点', '14:30pm', '2:30pm', '9am', '9:30 AM', '12pm'];
    expect(parts.map(timeSuggestion)).toEqual(['13:30', '14:00', '19:00', '12:30', '13:00', '09:00', '14:30', '14:30', '09:00', '09:30', '12:00']);
    expect(['下午', 'pm', '下午25点', '9'].map(timeSuggestion)).toEqual(Array(4).fill(undefined));
  });

  it('tells a list of methods typed with a Chinese comma from an unknown method', () => {
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-a.md': '---\ntitle: 倾听\nduration: 90m\nmethods: [lecture，role-play]\n---\n\n正文\n',
      'modules/m/02-b.md': '---\ntitle: 倾听\nduration: 90m\nmethods: 讲授、角色扮演\n---\n\n正文\n',
      'modules/m/03-c.md': '---\ntitle: 倾听\nduration: 90m\nmethods: [讲授、唱歌]\n---\n\n正文\n',
    });
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'modules/m/01-a.md:4:11 "methods[1]": Unknown method "lecture，role-play": these are 2 methods in one item; separate them with ASCII commas: [lecture, role-play].',
      'modules/m/02-b.md:4:10 "methods[1]": Unknown method "讲授、角色扮演": these are 2 methods in one item; separate them with ASCII commas: [讲授, 角色扮演].',
      'modules/m/03-c.md:4:11 "methods[1]": Unknown method "讲授、唱歌"; use one of lecture, discussion, case-study, role-play, simulation, practice, demo, game, self-study, exam, mentoring (or their Chinese names).',
    ]);
  });

  it('parses times and rejects impossible ones', () => {
    expect(['09:00', '9:05', '23:59', '24:00'].map(parseTime)).toEqual([540, 545, 1439, 1440]);
    expect(['25:00', '12:60', '24:01', '0900', '9'].map(parseTime)).toEqual(Array(5).fill(undefined));
  });

  it('accepts only real calendar dates', () => {
    expect(['2027-03-01', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-02-30', '2027-13-01', '2027-3-1'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});

describe('typing slips in YAML', () => {
  const session = (front: string) => `---\n${front}\n---\n\n正文\n`;

  it('point at a full-width colon or space, or a missing space after a key, instead of the parser message', () => {
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-a.md': session('title: 倾听\nduration：90m'),
      'modules/m/02-b.md': session('title: 倾听\nduration:90m'),
      'modules/m/03-c.md': session('title:\u3000倾听\nduration: 90m'),
    });
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'modules/m/01-a.md:3:9 YAML syntax error: "duration" is followed by a full-width colon (：); YAML needs an ASCII colon and a space: "duration: …".',
      'modules/m/02-b.md:3:9 YAML syntax error: "duration:" needs a space after the colon: "duration: 90m".',
      'modules/m/03-c.md:2:7 YAML syntax error: the space after "title:" is a full-width space (　); use an ASCII space: "title: …".',
    ]);
  });

  it('point at the opening quote of a value that is never closed, not at the end of the file', () => {
    const dir = curriculum({ 'roles/agent.yaml': 'title: "客服专员\nsummary: 一线服务\ncompetencies: [communication]\n\nnotes: x\n' });
    expect(problems(dir)).toEqual(['roles/agent.yaml:1:8 yaml-syntax']);
    expect(compileCurriculum(dir, dir).diagnostics.list()[0]!.message).toBe(
      'YAML syntax error: the double quote that starts the value of "title" is never closed; add " at the end of the value.',
    );
  });

  it('point at a full-width comma between the items of a [...] or {...}, with the line written with ASCII commas', () => {
    const dir = curriculum({
      'roles/agent.yaml': 'title: 客服专员\ncompetencies: ["communication"，"service"]\n',
      'programs/p.yaml': 'title: P\nroles: [agent]\ndays:\n  - title: D1\n    sessions:\n      - { session: m/a，start: "13:30" }\n',
      // Legal YAML: one item holding a Chinese comma, left to the schema.
      'roles/lead.yaml': 'title: 组长\ncompetencies: [讲义，录音]\nresponsibilities: ["排班，辅导"]\n',
    });
    expect(yamlSyntax(dir)).toEqual([
      'programs/p.yaml:6:23 YAML syntax error: a full-width comma (，) separates the items here; YAML needs an ASCII comma: { session: m/a, start: "13:30" }',
      'roles/agent.yaml:2:31 YAML syntax error: a full-width comma (，) separates the items here; YAML needs an ASCII comma: ["communication", "service"]',
    ]);
  });

  it('name ids typed into one item of a list with a Chinese comma', () => {
    const dir = curriculum({ 'roles/agent.yaml': 'title: 客服专员\ncompetencies: [communication、service-mindset]\n' });
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'roles/agent.yaml:2:16 "competencies[1]": "communication、service-mindset" is not a valid id: these are 2 ids in one item; separate them with ASCII commas: [communication, service-mindset].',
    ]);
  });

  it('point at a list item indented deeper than the item above it, instead of the parser messages on the lines after', () => {
    const day = (items: string) => `title: P\nroles: [agent]\ndays:\n  - title: D1\n    sessions:\n${items}`;
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      // Two items added under the last one, two spaces too deep.
      'programs/p.yaml': day('      - m/a\n        - { title: 答疑, duration: 30m }\n        - { title: 总结, duration: 15m }\n'),
      // The same below items written in the column of their key (legal YAML).
      'programs/q.yaml': day('    - m/a\n      - { title: 答疑, duration: 30m }\n'),
      // Nested lists under a key, and list-like lines in a block of text, are left alone.
      'programs/r.yaml': 'title: R\nsummary: |\n  - 第一点\n    - 细节\nroles: [agent]\ndays:\n  - title: D1\n    sessions:\n      - m/a\n',
    });
    expect(yamlSyntax(dir)).toEqual([
      'programs/p.yaml:7:9 YAML syntax error: this list item is indented 8 spaces, deeper than the item above it (6); the items of one list start in the same column: indent it 6 spaces.',
      'programs/q.yaml:7:7 YAML syntax error: this list item is indented 6 spaces, deeper than the item above it (4); the items of one list start in the same column: indent it 4 spaces.',
    ]);
  });

  it('point at a key indented more or less than the keys above it, or list items in two columns, not where the parser stops', () => {
    const head = 'title: P\nroles: [agent]\ndays:\n';
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      'programs/a.yaml': `${head}  - title: 带教技巧\n  sessions:\n      - m/a\n`,
      'programs/b.yaml': `${head}  - title: D1\n    location: x\n   sessions: [m/a]\n`,
      'programs/c.yaml': `${head}  - title: D1\n      sessions: [m/a]\n`,
      // Back to a key of an enclosing map: legal, and nothing is said of it.
      'programs/d.yaml': `title: D\ndays:\n  - title: D1\n    sessions: [m/a]\nroles: [agent]\n`,
      // A key under the items of a list, deeper than the keys of the map holding that list.
      'programs/e.yaml': `${head}  - title: D1\n    sessions:\n      - m/a\n      location: 教室\n`,
      // Two items of one list in different columns.
      'programs/f.yaml': `title: F\nroles: [agent]\ncohorts:\n   - "2027-03-01"\n  - "2027-05-10"\ndays:\n  - { title: D1, sessions: [m/a] }\n`,
      // The first key out of line, the keys after it agreeing: the first is named, not the second.
      'roles/agent.yaml': ' title: 客服专员\nsummary: 一线服务\nresponsibilities: [接听]\n',
      'programs/g.yaml': `${head}  - title: D1\n    sessions: [m/a]\n  -  title: D2\n    sessions: [m/a]\n    location: 教室\n`,
    });
    expect(yamlSyntax(dir)).toEqual([
      'programs/a.yaml:5:3 YAML syntax error: "sessions" is indented 2 spaces, but the keys of the map above it are indented 4: indent it 4 spaces.',
      'programs/b.yaml:6:4 YAML syntax error: "sessions" is indented 3 spaces, but the keys of the map above it are indented 4: indent it 4 spaces.',
      'programs/c.yaml:5:7 YAML syntax error: "sessions" is indented 6 spaces, but the keys of the map above it are indented 4: indent it 4 spaces.',
      'programs/e.yaml:7:7 YAML syntax error: "location" is indented 6 spaces, but the keys of the map above it are indented 4: indent it 4 spaces.',
      'programs/f.yaml:5:3 YAML syntax error: this list item is indented 2 spaces and the item above it 3; the items of one list start in the same column.',
      'programs/g.yaml:6:6 YAML syntax error: the first key of this list item, "title", starts in column 6, but the keys after it in column 5; line them up.',
      'roles/agent.yaml:1:2 YAML syntax error: "title" is indented 1 space, but the keys after it are indented 0: start it at the beginning of the line.',
    ]);
  });

  it('leave a quoted value that runs over several lines to the parser', () => {
    const dir = curriculum({ 'roles/agent.yaml': 'title: "客服\n  专员"\nsummary: 一线服务\n' });
    expect(problems(dir)).toEqual([]);
  });
});

/** The diagnostics of a session whose body is `body`, other than its being unscheduled. */
function bodyDiagnostics(body: string) {
  const dir = curriculum({ 'modules/m/module.yaml': moduleYaml, 'modules/m/01-s.md': `---\ntitle: 倾听\nduration: 90m\n---\n\n${body}\n` });
  return compileCurriculum(dir, dir).diagnostics.list().filter((d) => d.rule !== 'unscheduled-session');
}

describe('numbered lines that Markdown does not read as a list', () => {
  it('get a plain-list warning at their paragraph, for each Chinese way of numbering', () => {
    const body = [
      '1、问候并报工号', '2、确认客户身份', '',
      '（1）倾听', '（2）复述', '（3）确认', '（4）跟进', '',
      '①专注', '②复述', '',
      '1.看预测', '2.算人数', '',
      '• 问候', '• 确认', '',
      // Not warned: a Markdown list, decimals, one numbered line, numbers inside a line.
      '1. 问候', '2. 确认', '',
      '1.5 小时讲授', '2.5 小时演练', '',
      '1、只有一行', '',
      '按 1、2、3 的顺序', '依次处理',
    ].join('\n');
    expect(bodyDiagnostics(body).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '6:1 warning plain-list These 2 lines start like list items (1、 2、), but Markdown prints them as one paragraph, run together.',
      '9:1 warning plain-list These 4 lines start like list items (（1） （2） （3） …), but Markdown prints them as one paragraph, run together.',
      '14:1 warning plain-list These 2 lines start like list items (① ②), but Markdown prints them as one paragraph, run together.',
      '17:1 warning plain-list These 2 lines start like list items (1. 2.), but Markdown prints them as one paragraph, run together.',
      '20:1 warning plain-list These 2 lines start like list items (• •), but Markdown prints them as one paragraph, run together.',
    ]);
  });
});

describe('headings without the space after their #s', () => {
  it('get a bare-heading warning at the #s, also inside a paragraph and a list item, never in code or for a hashtag mid-line', () => {
    const body = ['##接听步骤', '', '正文第一行', '###小结', '', '- #要点', '', '```', '#include <x>', '```', '', '话题 #客户至上', '## 正确的标题', '', '\\#转义'].join('\n');
    expect(bodyDiagnostics(body).map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.rule} ${d.message}`)).toEqual([
      '6:1-7 bare-heading "##接听步骤" is not a heading: Markdown needs a space after the #s ("## 接听步骤"), so it prints as text, #s included.',
      '9:1-6 bare-heading "###小结" is not a heading: Markdown needs a space after the #s ("### 小结"), so it prints as text, #s included.',
      '11:3-6 bare-heading "#要点" is not a heading: Markdown needs a space after the #s ("# 要点"), so it prints as text, #s included.',
    ]);
  });
});

describe('tables typed with full-width bars', () => {
  it('get a full-width-table warning at the table, and a table with ASCII bars or a bar in text none', () => {
    const body = [
      '｜步骤｜说法｜', '｜---｜---｜', '｜承认感受｜确实让人着急｜', '',
      '步骤 ｜ 说法', ':--- ｜ ---:', '示范 ｜ 跟听', '',
      '| 步骤 | 说法 |', '| --- | --- |', '| 示范 | 跟听 |', '',
      '服务理念：客户｜同事｜自己', '---', '',
    ].join('\n');
    expect(bodyDiagnostics(body).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '6:1 full-width-table This table is typed with full-width bars (｜), so Markdown prints it as one paragraph of bars and dashes; a table needs ASCII bars (|).',
      '10:1 full-width-table This table is typed with full-width bars (｜), so Markdown prints it as one paragraph of bars and dashes; a table needs ASCII bars (|).',
    ]);
  });
});

describe('block attributes typed in full-width quotes', () => {
  it('get a full-width-quotes warning for a title and an error for minutes, and quotes inside ASCII ones none', () => {
    const body = [
      ':::activity{minutes=15 title=“电话演练”}', '两人一组。', ':::', '',
      ':::tip{title=＂提醒＂}', '先致歉。', ':::', '',
      ':::activity{minutes=“20”}', '复盘。', ':::', '',
      // Not warned: quotes inside ASCII ones, and quotes inside a title.
      ':::script{title="“标准”话术"}', '客服：您好。', ':::', '',
      ":::tip{title='“提醒”'}", '先致歉。', ':::', '',
    ].join('\n');
    expect(bodyDiagnostics(body).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '6:1 warning full-width-quotes :::activity title=“电话演练” is typed in full-width quotes, which print as part of the title; write title="电话演练".',
      '10:1 warning full-width-quotes :::tip title=＂提醒＂ is typed in full-width quotes, which print as part of the title; write title="提醒".',
      '14:1 error directive-attribute :::activity minutes=“20” is typed in full-width quotes; write minutes=20.',
    ]);
  });
});

describe('bounds that stop a typo from scheduling years', () => {
  it('refuse a duration longer than a day and a block longer than a year, with the bound in words', () => {
    const dir = curriculum({
      'roles/agent.yaml': 'title: A\n',
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-s.md': '---\ntitle: 倾听\nduration: 99999999999\n---\n\n正文\n',
      'programs/p.yaml': 'title: P\nroles: [agent]\ndays:\n  - block: 实践\n    days: 100000\n  - block: 案例\n    days: 0\n',
    });
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      'modules/m/01-s.md:3:11 invalid-duration "duration": Duration 99999999999 is 99999999999 minutes, longer than a day (1440).',
      'programs/p.yaml:5:11 invalid-value "days[1].days": must be at most 366 (it is 100000).',
      'programs/p.yaml:7:11 invalid-value "days[2].days": must be greater than 0 (it is 0).',
    ]);
  });
});

describe('paths in messages', () => {
  it('number list entries from 1, and name an empty entry as such', () => {
    const dir = curriculum({
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-s.md': '---\ntitle: 倾听\nduration: 90m\nmethods:\n  - lecture\n  -\n  - lectur\n---\n\n正文\n',
    });
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '6:4 Entry 2 of "methods" is empty; write its value after the "-", or remove the line.',
      expect.stringMatching(/^7:5 "methods\[3\]": Unknown method "lectur"/),
    ]);
  });
});

describe('a curriculum.yaml that cannot be read', () => {
  it('is reported alone: no day overrun measured against the built-in day that stands in for it', () => {
    const program = 'title: P\nroles: [agent]\ncohorts: ["2027-03-01"]\ndays:\n  - title: D1\n    sessions: [m/a, m/b]\n';
    const files = {
      'roles/agent.yaml': 'title: A\n',
      'modules/m/module.yaml': moduleYaml,
      'modules/m/01-a.md': '---\ntitle: 甲\nduration: 4h\n---\n\n正文\n',
      'modules/m/02-b.md': '---\ntitle: 乙\nduration: 4h\n---\n\n正文\n',
      'programs/p.yaml': program,
    };
    const day = 'day:\n  start: "08:00"\n  end: "21:30"\n';
    expect(problems(curriculum({ ...files, 'curriculum.yaml': `title: T\n${day}` }))).toEqual([]);
    expect(problems(curriculum({ ...files, 'curriculum.yaml': `title: T\norganization：X\n${day}` }))).toEqual(['curriculum.yaml:2:13 yaml-syntax']);
  });
});

describe('symbolic links that cannot be followed', () => {
  it('name a broken link and a loop of links as such, and a link out of the folder as leaving it', () => {
    const dir = curriculum({ 'modules/m/module.yaml': moduleYaml });
    symlinkSync('missing.md', join(dir, 'modules/m/01-gone.md'));
    symlinkSync('02-b.md', join(dir, 'modules/m/02-a.md'));
    symlinkSync('02-a.md', join(dir, 'modules/m/02-b.md'));
    symlinkSync(join(tempDir(), 'x.md'), join(dir, 'modules/m/03-out.md'));
    writeFileSync(join(dir, '..', 'outside.md'), '---\ntitle: x\nduration: 1h\n---\n');
    symlinkSync(join(dir, '..', 'outside.md'), join(dir, 'modules/m/04-out.md'));
    expect(compileCurriculum(dir, dir).diagnostics.list().map((d) => `${d.file} ${d.rule} ${d.message}`)).toEqual([
      'modules/m/01-gone.md file-unreadable This is a symbolic link to something that does not exist (a broken link); it is not read.',
      'modules/m/02-a.md file-unreadable This is a symbolic link that leads back to itself (a loop of links); it is not read.',
      'modules/m/02-b.md file-unreadable This is a symbolic link that leads back to itself (a loop of links); it is not read.',
      'modules/m/03-out.md file-unreadable This is a symbolic link to something that does not exist (a broken link); it is not read.',
      'modules/m/04-out.md path-outside-source This file is a link to a place outside the source folder; it is not read.',
    ]);
  });
});
