// Scheduling diagnostics on fixtures: overruns, fixed starts, trainer clashes across programmes and
// cohorts, starts in breaks, calendars without workdays, cohorts starting on a day off, policy hours.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { labelsFor } from '../src/i18n/labels.js';
import { buildCalendar, calendarText, FALLBACK_STAMP, programEvents, serializeCalendar, zonedToUtc } from '../src/render/schedule/schedule-ics.js';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';
import { parseIcs } from './helpers/schedule.js';

function check(...parts: string[]) {
  const { model, diagnostics } = compileCurriculum(fixture(...parts), ROOT);
  return { model, list: diagnostics.list().map(({ endLine: _l, endColumn: _c, ...d }) => d) };
}

describe('day overruns', () => {
  it('name the programme, the day (number and title), when it would end and by how much, at the day', () => {
    const { list } = check('invalid', 'schedule-overrun');
    expect(list).toEqual([
      {
        file: 'test/fixtures/invalid/schedule-overrun/programs/onboarding.yaml',
        line: 6,
        column: 5,
        severity: 'error',
        rule: 'day-overrun',
        message: 'Day 2 "排得太满的一天" of programme "onboarding" would end at 18:15, 45 minutes after the day\'s end (17:30).',
      },
      {
        file: 'test/fixtures/invalid/schedule-overrun/programs/onboarding.yaml',
        line: 11,
        column: 5,
        severity: 'error',
        rule: 'day-overrun',
        message: 'Day 3 "提前收工的一天" of programme "onboarding" would end at 16:45, 45 minutes after the day\'s end (16:00).',
      },
    ]);
  });

  it('say "after midnight" rather than a clock time past 24:00', () => {
    const dir = join(tempDir(), 'curricula');
    cpSync(fixture('invalid', 'schedule-overrun'), dir, { recursive: true });
    const file = join(dir, 'modules/communication/03-complaints.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 2h', 'duration: 24h'));
    const messages = compileCurriculum(dir, ROOT).diagnostics.list().filter((d) => d.rule === 'day-overrun').map((d) => d.message);
    expect(messages[0]).toBe('Day 2 "排得太满的一天" of programme "onboarding" would end after midnight, 1215 minutes after the day\'s end (17:30).');
    expect(messages.join('\n')).not.toMatch(/\b(2[4-9]|[3-9]\d):\d\d\b/);
  });

  it('stop the build with exit 1 and a code frame at the day', () => {
    const r = runCli(['check', 'test/fixtures/invalid/schedule-overrun']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('test/fixtures/invalid/schedule-overrun/programs/onboarding.yaml:6:5 error Day 2 "排得太满的一天"');
    expect(r.stdout).toContain('> 6 |   - title: 排得太满的一天');
  });
});

describe('sessions in no programme', () => {
  it('get a warning at their title: nothing but the index prints them', () => {
    const dir = join(tempDir(), 'curricula');
    cpSync(fixture('valid', 'minimal'), dir, { recursive: true });
    const moduleFile = join(dir, 'modules/communication/module.yaml');
    writeFileSync(moduleFile, readFileSync(moduleFile, 'utf8').replace('phone-etiquette]', 'phone-etiquette, handover]'));
    writeFileSync(join(dir, 'modules/communication/03-handover.md'), '---\ntitle: 交接班\nduration: 30m\n---\n\n交接班要点。\n');
    const list = compileCurriculum(dir, ROOT).diagnostics.list().map(({ endLine: _l, endColumn: _c, ...d }) => d);
    expect(list).toEqual([
      {
        file: relative(ROOT, join(dir, 'modules/communication/03-handover.md')).split(sep).join('/'),
        line: 2,
        column: 8,
        severity: 'warning',
        rule: 'unscheduled-session',
        message: 'Session "communication/handover" is in no programme, so no handbook, trainer guide, schedule or slide deck prints it.',
      },
    ]);
    expect(check('valid', 'minimal').list).toEqual([]);
  });
});

/** The minimal curriculum whose first day lists `entry` twice where it lists communication/active-listening. */
function listedTwice(entry: string): { dir: string; programFile: string } {
  const dir = join(tempDir(), 'curricula');
  cpSync(fixture('valid', 'minimal'), dir, { recursive: true });
  const programFile = join(dir, 'programs/onboarding.yaml');
  writeFileSync(programFile, readFileSync(programFile, 'utf8').replace('      - communication/active-listening\n', `      - ${entry}\n      - ${entry}\n`));
  return { dir, programFile };
}

describe('a day template', () => {
  /** The minimal curriculum with `day` as its programme's day template; the template's diagnostics. */
  function templateProblems(day: string): [number, number, string][] {
    const dir = join(tempDir(), 'curricula');
    cpSync(fixture('valid', 'minimal'), dir, { recursive: true });
    const file = join(dir, 'programs/onboarding.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('days:\n', `${day}days:\n`));
    return compileCurriculum(dir, ROOT)
      .diagnostics.list()
      .filter((d) => d.rule === 'invalid-day-template')
      .map((d) => [d.line, d.column, d.message]);
  }

  it('names each problem at its place: the day\'s end, or the break by its title and times, all at once', () => {
    expect(templateProblems('day: { start: "09:00", end: "08:30" }\n')).toEqual([[5, 29, 'Invalid day template: the day ends at 08:30, not after it starts at 09:00.']]);
    // The curriculum's breaks kept, the day moved around them: named at what moved it.
    expect(templateProblems('day: { end: "14:00" }\n')).toEqual([[5, 13, 'Invalid day template: the break "茶歇" (15:00–15:15) lies outside the day (09:00–14:00).']]);
    const own = 'day:\n  breaks:\n    - { start: "12:00", end: "13:00" }\n    - { start: "12:30", end: "12:15", title: 茶歇 }\n    - { start: "12:50", end: "13:20", title: 小结 }\n    - { start: "18:00", end: "18:10", title: 晚会 }\n';
    expect(templateProblems(own)).toEqual([
      [8, 7, 'Invalid day template: the break "茶歇" (12:30–12:15) ends before it starts.'],
      [9, 7, 'Invalid day template: the break "小结" (12:50–13:20) overlaps the break 12:00–13:00.'],
      [10, 7, 'Invalid day template: the break "晚会" (18:00–18:10) lies outside the day (09:00–17:30).'],
    ]);
    // A break pasted twice: the copy is named, at its own line.
    const twice = 'day:\n  breaks:\n    - { start: "12:00", end: "13:00", title: 午休 }\n    - { start: "12:00", end: "13:00", title: 午休 }\n';
    expect(templateProblems(twice)).toEqual([[8, 7, 'Invalid day template: the break "午休" (12:00–13:00) overlaps the break "午休" (12:00–13:00).']]);
  });
});

describe('a session listed twice', () => {
  it('in the same day gets a warning at the second item, and is still scheduled twice; on two days it is a repeat by design', () => {
    const { dir, programFile } = listedTwice('communication/active-listening');
    const { model, diagnostics } = compileCurriculum(dir, ROOT);
    expect(diagnostics.list().map(({ endLine: _l, endColumn: _c, ...d }) => d)).toEqual([
      {
        file: relative(ROOT, programFile).split(sep).join('/'),
        line: 10,
        column: 9,
        severity: 'warning',
        rule: 'repeated-session',
        message: '"communication/active-listening" is already item 1 of this day; it is scheduled twice.',
      },
    ]);
    const day = model.schedules.get('onboarding')!.days[0]!;
    expect(day.items.filter((item) => item.session?.id === 'communication/active-listening')).toHaveLength(2);
    // The same session on another day: no warning.
    writeFileSync(programFile, readFileSync(fixture('valid', 'minimal', 'programs/onboarding.yaml'), 'utf8').replace('    lead: wang-fang\n', '    lead: wang-fang\n  - title: 复习\n    sessions: [communication/active-listening]\n'));
    expect(compileCurriculum(dir, ROOT).diagnostics.list()).toEqual([]);
  });

  it('in the same day with `repeat: true` on the second is a repeat by design: scheduled twice, no warning; `repeat` takes only true', () => {
    const { dir, programFile } = listedTwice('communication/active-listening');
    const text = readFileSync(programFile, 'utf8');
    const second = '      - communication/active-listening\n      - communication/active-listening\n';
    writeFileSync(programFile, text.replace(second, '      - communication/active-listening\n      - { session: communication/active-listening, repeat: true }\n'));
    const { model, diagnostics } = compileCurriculum(dir, ROOT);
    expect(diagnostics.list()).toEqual([]);
    expect(model.schedules.get('onboarding')!.days[0]!.items.filter((item) => item.session?.id === 'communication/active-listening')).toHaveLength(2);
    writeFileSync(programFile, text.replace(second, '      - communication/active-listening\n      - { session: communication/active-listening, repeat: yes }\n'));
    expect(compileCurriculum(dir, ROOT).diagnostics.list().map((d) => [d.line, d.column, d.rule, d.message])).toEqual([
      [10, 20, 'repeated-session', '"communication/active-listening" is already item 1 of this day; it is scheduled twice.'],
      [10, 60, 'invalid-value', '"days[1].sessions[2].repeat" must be true; got "yes".'],
    ]);
  });

  it('misspelt twice in the same day gets its error at each item and no repeat warning, as nothing of it is scheduled', () => {
    const { dir } = listedTwice('communication/active-listenin');
    const list = compileCurriculum(dir, ROOT).diagnostics.list();
    expect(list.map((d) => [d.line, d.column, d.rule])).toEqual([
      [9, 9, 'unknown-session'],
      [10, 9, 'unknown-session'],
    ]);
  });
});

describe('fixed starts', () => {
  it('report an overlap with the item before, once (not again as a trainer clash)', () => {
    expect(check('invalid', 'schedule-fixed-overlap').list).toEqual([
      {
        file: 'test/fixtures/invalid/schedule-fixed-overlap/programs/onboarding.yaml',
        line: 8,
        column: 9,
        severity: 'error',
        rule: 'start-overlap',
        message: 'This item starts at 10:00, but the item before it on day 1 runs until 10:30.',
      },
    ]);
  });

  it('report a start inside a break or before the day', () => {
    const { list } = check('invalid', 'schedule-start-in-break');
    expect(list.map((d) => [d.line, d.column, d.rule])).toEqual([
      [7, 9, 'start-outside-day'],
      [8, 9, 'start-outside-day'],
      [8, 9, 'start-overlap'],
    ]);
    expect(list[0]!.message).toBe("Start 12:30 is outside day 1's working hours (09:00–17:30) or inside a break.");
  });
});

describe('trainer clashes', () => {
  const { list } = check('invalid', 'schedule-trainer-clash');
  const dir = 'test/fixtures/invalid/schedule-trainer-clash/programs';

  it('are found across two cohorts of one programme', () => {
    expect(list[0]).toEqual({
      file: `${dir}/onboarding.yaml`,
      line: 8,
      column: 16,
      severity: 'error',
      rule: 'trainer-clash',
      message:
        `Trainer "王芳" (wang-fang) is booked twice on 2027-03-02: "电话礼仪" (programme onboarding, cohort 一批, day 2, 09:00–10:00, ${dir}/onboarding.yaml:11:9)` +
        ` and "有效倾听" (programme onboarding, cohort 二批, day 1, 09:00–10:30, ${dir}/onboarding.yaml:8:16).`,
    });
  });

  it('are found across two programmes, listing both items with their positions', () => {
    expect(list[1]).toEqual({
      file: `${dir}/refresher.yaml`,
      line: 8,
      column: 9,
      severity: 'error',
      rule: 'trainer-clash',
      message:
        `Trainer "王芳" (wang-fang) is booked twice on 2027-03-03: "电话礼仪" (programme onboarding, cohort 二批, day 2, 09:00–10:00, ${dir}/onboarding.yaml:11:9)` +
        ` and "电话礼仪" (programme refresher, cohort 2027-03-03, day 1, 09:30–10:30, ${dir}/refresher.yaml:8:9).`,
    });
    expect(list).toHaveLength(2);
  });

  it('are found when a trainer is written by their name instead of their id, and the name books that trainer', () => {
    const dir = join(tempDir(), 'curricula');
    cpSync(fixture('invalid', 'schedule-trainer-clash'), dir, { recursive: true });
    const file = join(dir, 'programs/refresher.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: "09:30", trainer: wang-fang }', 'start: "09:30", trainer: 王芳 }'));
    const { model, diagnostics } = compileCurriculum(dir, ROOT);
    const clashes = diagnostics.list().filter((d) => d.rule === 'trainer-clash');
    expect(clashes.map((d) => [d.file.split('/').pop(), d.line, d.column])).toEqual([
      ['onboarding.yaml', 8, 16],
      ['refresher.yaml', 8, 9],
    ]);
    expect(clashes[1]!.message).toContain('Trainer "王芳" (wang-fang) is booked twice on 2027-03-03');
    const item = model.schedules.get('refresher')!.days[0]!.items[0]!;
    expect(item.trainer).toEqual({ kind: 'trainer', id: 'wang-fang', name: '王芳' });
    // A name that no trainer has stays text, shown as written and booked to no one.
    writeFileSync(file, readFileSync(file, 'utf8').replace('trainer: 王芳 }', 'trainer: 王小芳 }'));
    const other = compileCurriculum(dir, ROOT);
    expect(other.diagnostics.list().filter((d) => d.rule === 'trainer-clash')).toHaveLength(1);
    expect(other.model.schedules.get('refresher')!.days[0]!.items[0]!.trainer).toEqual({ kind: 'text', id: '王小芳', name: '王小芳' });
  });
});

describe('calendar and policy', () => {
  it('reports a calendar without workdays once, at calendar.workdays', () => {
    expect(check('invalid', 'schedule-no-workdays').list.map((d) => [d.file.split('/').pop(), d.line, d.column, d.rule])).toEqual([['curriculum.yaml', 10, 13, 'no-workdays']]);
  });

  it('works the extra workdays, and names one that is also a holiday, or a weekday worked anyway', () => {
    const { model, list } = check('invalid', 'schedule-extra-workdays');
    expect(list.map((d) => [d.line, d.column, d.rule])).toEqual([[15, 7, 'calendar-conflict'], [16, 7, 'ordinary-workday']]);
    // From Thursday 30 September over the National Day week to Friday 8 and Saturday 9 October. Thursday
    // 7 October, listed in both, stays a holiday: an extra workday is a day off worked, and a Thursday is none.
    expect(model.schedules.get('onboarding')!.cohorts[0]!.dates).toEqual(['2027-09-30', '2027-10-08', '2027-10-09']);
    expect(model.extraWorkdays).toEqual(['2027-10-09']);
  });

  const { model, list } = check('warnings', 'schedule-policy');

  it('warns about a cohort starting on a Saturday and starts it on the Monday', () => {
    expect(list[0]).toMatchObject({ line: 3, column: 11, severity: 'warning', rule: 'cohort-not-workday' });
    expect(list[0]!.message).toBe('Cohort "周六开班" starts on 2027-03-06 (Saturday), which is not a workday or is a holiday; it starts on the next workday, 2027-03-08 (Monday).');
    expect(model.schedules.get('onboarding')!.cohorts[0]!.dates).toEqual(['2027-03-08', '2027-03-09', '2027-03-10']);
  });

  it('warns per role whose programmes give fewer hours than the policy, block days counted as full days', () => {
    expect(list.slice(1)).toEqual([
      {
        file: 'test/fixtures/warnings/schedule-policy/roles/agent.yaml',
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'min-hours',
        message: 'Role "agent" gets 18 training hours from one run of each of its programmes (onboarding); the policy asks for at least 20 a year.',
      },
      {
        file: 'test/fixtures/warnings/schedule-policy/roles/team-lead.yaml',
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'min-hours',
        message: 'Role "team-lead" gets 0 training hours from its programmes (none lists it in `roles`); the policy asks for at least 20 a year.',
      },
    ]);
  });
});

describe('calendar text helpers', () => {
  const { model } = check('valid', 'schedule-dst');

  it('writes a fixed UTC DTSTAMP when no edition date is known', () => {
    const text = calendarText(model, 'x', [{ uid: 'a@cs-train', date: '2027-03-29', start: 540, end: 600, summary: 's', description: 'd' }], undefined);
    expect(FALLBACK_STAMP).toBe('2000-01-01T00:00:00Z');
    expect(text).toContain('DTSTAMP:20000101T000000Z\r\n');
    expect(parseIcs(text).events[0]!.start).toBe('2027-03-29T07:00:00Z');
  });

  it('converts wall-clock times to UTC instants across DST changes without the machine zone', () => {
    expect(zonedToUtc('2027-03-12', 9 * 60, 'America/New_York').toISOString()).toBe('2027-03-12T14:00:00.000Z');
    expect(zonedToUtc('2027-03-15', 9 * 60, 'America/New_York').toISOString()).toBe('2027-03-15T13:00:00.000Z');
    expect(zonedToUtc('2027-03-01', 9 * 60, 'Asia/Shanghai').toISOString()).toBe('2027-03-01T01:00:00.000Z');
    expect(zonedToUtc('2027-10-31', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2027-10-31T08:00:00.000Z');
  });

  it('serializes exactly as ical-generator does, long CJK lines folded at 75 octets', () => {
    const cal = check('valid', 'schedule-calendar').model;
    const program = cal.programs.find((p) => p.id === 'onboarding')!;
    const events = programEvents(cal, labelsFor('zh-CN'), program, cal.schedules.get('onboarding')!);
    const built = buildCalendar(cal, '日程表', events, '2027-01-01');
    const text = serializeCalendar(built);
    expect(text).toBe(built.toString());
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(20);
  });

  it('writes UTC times for a zone without a VTIMEZONE entry', () => {
    const utcModel = { ...model, timezone: 'UTC' };
    const text = calendarText(utcModel, 'x', [{ uid: 'a@cs-train', date: '2027-03-29', start: 540, end: 600, summary: 's', description: 'd' }], '2027-01-01');
    expect(text).toContain('DTSTART:20270329T090000Z\r\n');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
  });
});
