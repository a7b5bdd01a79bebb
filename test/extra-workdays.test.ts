// A weekend day worked in exchange for a holiday (calendar.extraWorkdays, 调休上班): cohorts are
// given it as a workday, and every output that prints the date marks it, in the curriculum's locale,
// so that a Saturday on the schedule reads as meant.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';

const MARKED = { 'zh-CN': '2027-10-09 周六（调休）', 'zh-TW': '2027-10-09 週六（補班）', en: '2027-10-09 Sat (working day)' } as const;
const FRIDAY = { 'zh-CN': '2027-10-08 周五', 'zh-TW': '2027-10-08 週五', en: '2027-10-08 Fri' } as const;

/** The curriculum built in `locale`; `days` replaces its programme's three days. */
function build(locale: keyof typeof MARKED, days?: string): string {
  const dir = tempDir();
  const files: Record<string, string> = {
    'curricula/curriculum.yaml': [
      'title: 排程',
      `locale: ${locale}`,
      'calendar:',
      '  holidays: ["2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"]',
      '  extraWorkdays: ["2027-10-09"]',
      'trainers:',
      '  wang-fang: 王芳',
      '',
    ].join('\n'),
    'curricula/roles/agent.yaml': 'title: 客服专员\n',
    'curricula/modules/m/module.yaml': 'title: 沟通\n',
    'curricula/modules/m/01-a.md': '---\ntitle: 倾听\nduration: 90m\ntrainer: wang-fang\n---\n\n先听，再回答。\n',
    'curricula/programs/p.yaml': `title: 入职\nroles: [agent]\ncohorts: ["2027-09-30"]\ndays:\n${days ?? '  - { title: D1, sessions: [m/a] }\n  - { title: D2, sessions: [m/a] }\n  - { title: D3, sessions: [m/a] }\n'}`,
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = runCli(['build', 'curricula', '-o', 'out', '--strict'], { cwd: dir });
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
  return join(dir, 'out');
}

describe('extra workdays', () => {
  for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`are worked, and marked beside their dates in every output (${locale})`, () => {
      const out = build(locale);
      const read = (path: string) => readFileSync(join(out, path), 'utf8');
      // Thursday, then over the National Day week to Friday 8 and Saturday 9 October.
      const rows = parse(read('programs/p/schedule.csv'), { bom: true, from_line: 2 }) as string[][];
      expect(rows.map((r) => [r[2], r[3]])).toEqual([
        ['2027-09-30', locale === 'en' ? 'Thu' : locale === 'zh-TW' ? '週四' : '周四'],
        ['2027-10-08', FRIDAY[locale].slice(11)],
        ['2027-10-09', MARKED[locale].slice(11)],
      ]);
      expect(read('programs/p/schedule.ics')).toContain('DTSTART;TZID=Asia/Shanghai:20271009T090000');
      for (const page of ['programs/p/schedule.html', 'roles/agent/handbook.html', 'trainers/wang-fang.html', 'programs/p/slides/outline.md', 'programs/p/slides/day-03.md']) {
        const text = read(page).replace(/&nbsp;|\u00a0/g, ' ');
        expect(text, page).toContain(MARKED[locale]);
        // Friday the 8th is an ordinary workday: no mark.
        if (!page.endsWith('day-03.md')) expect(text, page).toMatch(new RegExp(`${FRIDAY[locale]}(?![（ (])`));
      }
    });
  }

  it('break a block\'s dates where the block skips a holiday or takes a day off worked, in the handbook, the outline and the schedule', () => {
    // Thursday 30 September, then a three-day block after the National Day week: Friday 8, Saturday 9 (worked), Monday 11.
    const out = build('zh-CN', '  - { title: D1, sessions: [m/a] }\n  - { block: 跟岗实践, days: 3 }\n');
    const read = (path: string) => readFileSync(join(out, path), 'utf8').replace(/<[^>]+>/g, '').replace(/&nbsp;|\u00a0/g, ' ');
    const runs = '2027-10-08 周五、2027-10-09 周六（调休）、2027-10-11 周一';
    expect(read('roles/agent/handbook.html')).toContain(runs);
    expect(read('programs/p/slides/outline.md')).toContain(runs);
    expect(read('programs/p/schedule.html')).toContain(runs);
    // What it printed before: one range, which hid the Saturday.
    expect(read('roles/agent/handbook.html')).not.toContain('2027-10-08 周五 – 2027-10-11 周一');
  });
});
