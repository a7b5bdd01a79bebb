// The schedule outputs of a build, read back by real clients: the .ics with ical.js (instants in
// Asia/Shanghai and across a DST change in Europe/Berlin), the .csv with csv-parse, the JSON, the
// pages with html-validate; built under two machine time zones, which must not change a byte.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { listFiles, parseCsv, parseIcs, readOut } from './helpers/schedule.js';

function build(name: string, tz: string, extra: string[] = []): string {
  const out = join(tempDir(), 'dist');
  const r = runCli(['build', fixture('valid', name), '-o', out, '--only', 'schedule,trainers', ...extra], { env: { TZ: tz } });
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
  return out;
}

describe('schedule outputs of test/fixtures/valid/schedule-calendar', () => {
  let out: string;
  let outNewYork: string;
  beforeAll(() => {
    out = build('schedule-calendar', 'UTC');
    outNewYork = build('schedule-calendar', 'America/New_York');
  });

  it('writes the files of every programme, .ics only with cohorts, and one page and calendar per trainer', () => {
    const files = listFiles(out).filter((f) => f.startsWith('programs/') || f.startsWith('trainers/'));
    expect(files).toEqual([
      'programs/coaching/schedule.csv', 'programs/coaching/schedule.html', 'programs/coaching/schedule.ics', 'programs/coaching/schedule.json',
      'programs/onboarding/schedule.csv', 'programs/onboarding/schedule.html', 'programs/onboarding/schedule.ics', 'programs/onboarding/schedule.json',
      'programs/refresher/schedule.csv', 'programs/refresher/schedule.html', 'programs/refresher/schedule.json',
      'trainers/li-lei.html', 'trainers/li-lei.ics', 'trainers/wang-fang.html', 'trainers/wang-fang.ics',
    ]);
  });

  it('is byte-identical whatever the machine time zone, and on a rebuild', () => {
    const again = build('schedule-calendar', 'UTC');
    for (const f of listFiles(out)) {
      if (f === '.cs-train-output') continue;
      expect(readFileSync(join(outNewYork, f)).equals(readFileSync(join(out, f))), f).toBe(true);
      expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    }
  });

  describe('schedule.ics', () => {
    it('has a VTIMEZONE for Asia/Shanghai and wall-clock times with that TZID', () => {
      const text = readOut(out, 'programs/onboarding/schedule.ics');
      const { events, timezones } = parseIcs(text);
      expect(timezones).toEqual(['Asia/Shanghai']);
      expect(events.every((e) => e.tzid === 'Asia/Shanghai')).toBe(true);
      expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20270402T090000\r\n');
      expect(text).not.toMatch(/X-WR-TIMEZONE|TIMEZONE-ID/);
    });

    it('has one event per session, assessment, activity and block day of each cohort, and none for breaks', () => {
      const { events } = parseIcs(readOut(out, 'programs/onboarding/schedule.ics'));
      expect(events).toHaveLength(2 * (5 + 2 + 2 + 1));
      expect(events.some((e) => /午休|茶歇|午餐/.test(e.summary))).toBe(false);
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
      expect(events.every((e) => /^[0-9a-f]{32}@cs-train$/.test(e.uid))).toBe(true);
    });

    it('gives the right UTC instants (Shanghai is UTC+8) for first-fit, fixed-start and block events', () => {
      const { events } = parseIcs(readOut(out, 'programs/onboarding/schedule.ics'));
      const firstCohort = events.slice(0, 10).map((e) => [e.summary, e.start, e.end]);
      expect(firstCohort).toEqual([
        ['有效倾听与反馈', '2027-04-02T01:00:00Z', '2027-04-02T02:30:00Z'],
        ['电话礼仪', '2027-04-02T02:30:00Z', '2027-04-02T03:30:00Z'],
        ['=HYPERLINK("https://example.com","点我")', '2027-04-02T05:30:00Z', '2027-04-02T06:15:00Z'],
        ['沟通知识小测', '2027-04-02T06:30:00Z', '2027-04-02T07:00:00Z'],
        ['小组练习\n第二行', '2027-04-02T07:15:00Z', '2027-04-02T08:15:00Z'],
        ['全流程工作坊', '2027-04-06T00:30:00Z', '2027-04-06T06:00:00Z'],
        ['投诉处理', '2027-04-06T06:00:00Z', '2027-04-06T08:00:00Z'],
        ['跟岗实践 (1/2)', '2027-04-07T01:00:00Z', '2027-04-07T09:30:00Z'],
        ['跟岗实践 (2/2)', '2027-04-08T01:00:00Z', '2027-04-08T09:30:00Z'],
        ['有效倾听与反馈', '2027-04-09T02:00:00Z', '2027-04-09T03:30:00Z'],
      ]);
      expect(events[10]!.start).toBe('2027-04-12T01:00:00Z');
    });

    it('writes DTSTAMP in UTC from the edition date, SUMMARY, LOCATION and a DESCRIPTION with trainer and objectives', () => {
      const text = readOut(out, 'programs/onboarding/schedule.ics');
      const { events } = parseIcs(text);
      expect(text).toContain('DTSTAMP:20261101T000000Z\r\n');
      expect(new Set(events.map((e) => e.stamp))).toEqual(new Set(['2026-11-01T00:00:00Z']));
      expect(events[0]!.location).toBe('会议室');
      expect(events[0]!.description).toBe(
        ['新员工入职培训 · 四月批次', '第1天 · 沟通基础', '类型：课程', '讲师：王芳', '培训方式：讲授、角色扮演', '学习目标：', '- 复述客户诉求并确认理解无误', '- 用提问澄清需求'].join('\n'),
      );
      expect(events[7]!.description).toContain('负责人：王芳');
      expect(events[7]!.location).toBe('客服中心');
    });

    it('keeps a fixed start that runs through the tea break in a second programme', () => {
      const { events } = parseIcs(readOut(out, 'programs/coaching/schedule.ics'));
      expect(events.map((e) => [e.summary, e.start, e.end])).toEqual([['投诉处理', '2027-04-09T05:30:00Z', '2027-04-09T07:45:00Z']]);
    });

    it('stamps midnight UTC of the last commit (or a fixed date) without SOURCE_DATE_EPOCH, never the wall clock', () => {
      const dir = join(tempDir(), 'dist');
      const r = runCli(['build', fixture('valid', 'schedule-calendar'), '-o', dir, '--only', 'schedule'], { env: { SOURCE_DATE_EPOCH: '' } });
      expect(r.status).toBe(0);
      const text = readOut(dir, 'programs/coaching/schedule.ics');
      expect(text).toMatch(/DTSTAMP:\d{8}T000000Z\r\n/);
      expect(text.replace(/DTSTAMP:\d{8}T000000Z/g, '')).toBe(readOut(out, 'programs/coaching/schedule.ics').replace(/DTSTAMP:\d{8}T000000Z/g, ''));
    });
  });

  describe('schedule.csv', () => {
    const bytes = () => readFileSync(join(out, 'programs/onboarding/schedule.csv'));

    it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
      const b = bytes();
      expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = b.toString('utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      // The only bare LF is inside the quoted two-line title.
      expect(text.replace(/\r\n/g, '').match(/\n/g)).toHaveLength(2);
    });

    it('has the localized header and one row per item, break and block day for every cohort', () => {
      const rows = parseCsv(bytes());
      expect(rows[0]).toEqual(['批次', '天次', '日期', '星期', '开始', '结束', '分钟数', '类型', '名称', '模块', '课程编号', '培训方式', '讲师', '地点']);
      expect(rows).toHaveLength(1 + 2 * (7 + 3 + 2 + 1));
      expect(rows[1]).toEqual(['四月批次', '1', '2027-04-02', '周五', '09:00', '10:30', '90', 'session', '有效倾听与反馈', '沟通技巧', 'communication/active-listening', '讲授、角色扮演', '王芳', '会议室']);
      expect(rows.filter((r) => r[7] === 'break').map((r) => [r[4], r[5], r[8]]).slice(0, 3)).toEqual([['12:00', '13:30', '午休'], ['15:00', '15:15', '茶歇'], ['12:00', '13:00', '午餐']]);
      expect(rows.filter((r) => r[7] === 'block').map((r) => [r[0], r[1], r[2], r[3], r[6], r[12]])).toEqual([
        ['四月批次', '3', '2027-04-07', '周三', '405', '王芳'],
        ['四月批次', '4', '2027-04-08', '周四', '405', '王芳'],
        ['2027-04-12', '3', '2027-04-14', '周三', '405', '王芳'],
        ['2027-04-12', '4', '2027-04-15', '周四', '405', '王芳'],
      ]);
      expect(rows.filter((r) => r[1] === '2').map((r) => r[2])).toEqual(['2027-04-06', '2027-04-06', '2027-04-06', '2027-04-13', '2027-04-13', '2027-04-13']);
    });

    it('escapes a formula and keeps a two-line title in one quoted field', () => {
      const rows = parseCsv(bytes());
      expect(rows[4]![8]).toBe(`'=HYPERLINK("https://example.com","点我")`);
      expect(rows[7]![8]).toBe('小组练习\n第二行');
      expect(bytes().toString('utf8')).toContain('"小组练习\n第二行"');
    });

    it('leaves cohort, date and weekday empty for a programme without cohorts', () => {
      const rows = parseCsv(readFileSync(join(out, 'programs/refresher/schedule.csv')));
      expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[8]])).toEqual([
        ['', '1', '', '', '09:00', '10:00', '电话礼仪'],
        ['', '1', '', '', '10:00', '12:00', '投诉处理'],
      ]);
    });
  });

  describe('schedule.json', () => {
    it('holds the computed schedule with "HH:MM" times and cohort dates', () => {
      const json = JSON.parse(readOut(out, 'programs/onboarding/schedule.json'));
      expect(json.format).toBe('cs-train/schedule@1');
      expect(json.program).toEqual({ id: 'onboarding', title: '新员工入职培训', roles: ['agent'] });
      expect(json.timezone).toBe('Asia/Shanghai');
      expect(json.minutes).toBe(1575);
      expect(json.days.map((d: { number: number; kind: string; start: string; end: string; minutes: number }) => [d.number, d.kind, d.start, d.end, d.minutes])).toEqual([
        [1, 'day', '09:00', '16:15', 285],
        [2, 'day', '08:30', '16:00', 390],
        [3, 'block', '09:00', '17:30', 405],
        [4, 'block', '09:00', '17:30', 405],
        [5, 'day', '10:00', '11:30', 90],
      ]);
      expect(json.days[1].dayStart).toBe('08:30');
      expect(json.days[0].items[4]).toEqual({
        kind: 'assessment', title: '沟通知识小测', start: '14:30', end: '15:00', minutes: 30, session: null, module: null, assessment: 'quiz',
        methods: [], objectives: [], trainer: null, location: '会议室',
      });
      expect(json.cohorts[0]).toEqual({
        id: '2027-04-02', name: '四月批次', start: '2027-04-02',
        dates: [
          { day: 1, date: '2027-04-02', weekday: 'fri' }, { day: 2, date: '2027-04-06', weekday: 'tue' }, { day: 3, date: '2027-04-07', weekday: 'wed' },
          { day: 4, date: '2027-04-08', weekday: 'thu' }, { day: 5, date: '2027-04-09', weekday: 'fri' },
        ],
      });
    });
  });

  describe('trainer pages and calendars', () => {
    it('books a trainer across programmes and cohorts, block days they lead included, with the programme UIDs', () => {
      const { events } = parseIcs(readOut(out, 'trainers/wang-fang.ics'));
      expect(events.map((e) => [e.start.slice(0, 16), e.summary])).toEqual([
        ['2027-04-02T01:00', '有效倾听与反馈'],
        ['2027-04-06T06:00', '投诉处理'],
        ['2027-04-07T01:00', '跟岗实践 (1/2)'],
        ['2027-04-08T01:00', '跟岗实践 (2/2)'],
        ['2027-04-09T05:30', '投诉处理'],
        ['2027-04-12T01:00', '有效倾听与反馈'],
        ['2027-04-13T06:00', '投诉处理'],
        ['2027-04-14T01:00', '跟岗实践 (1/2)'],
        ['2027-04-15T01:00', '跟岗实践 (2/2)'],
      ]);
      const programUids = new Set([...parseIcs(readOut(out, 'programs/onboarding/schedule.ics')).events, ...parseIcs(readOut(out, 'programs/coaching/schedule.ics')).events].map((e) => e.uid));
      expect(events.every((e) => programUids.has(e.uid))).toBe(true);
    });

    it('lists undated programmes by day number on the page, and only dated ones in the calendar', () => {
      const html = readOut(out, 'trainers/li-lei.html');
      expect(parseIcs(readOut(out, 'trainers/li-lei.ics')).events).toHaveLength(6);
      const undated = html.slice(html.indexOf('未定日期的项目'));
      expect(undated).toContain('在岗复训');
      expect(undated).toContain('电话礼仪');
      expect(undated).toContain('09:00–10:00');
    });
  });

  describe('pages', () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

    it('are valid HTML', async () => {
      for (const f of ['programs/onboarding/schedule.html', 'programs/refresher/schedule.html', 'trainers/wang-fang.html', 'trainers/li-lei.html']) {
        const report = await validator.validateString(readOut(out, f));
        expect(report.results.flatMap((r) => r.messages.map((m) => `${f}:${m.line}:${m.column} ${m.ruleId}`))).toEqual([]);
      }
    });

    it('show one table per teaching day, one per block, breaks, trainers, cohort dates and totals', () => {
      const html = readOut(out, 'programs/onboarding/schedule.html');
      expect(html.match(/<table class="grid day-table">/g)).toHaveLength(3);
      expect(html.match(/<table class="grid compact block-table">/g)).toHaveLength(1);
      expect(html.match(/<tr class="break">/g)).toHaveLength(3);
      expect(html).toContain('<link rel="stylesheet" href="../../assets/schedule.css">');
      expect(html).toContain('四月批次：<strong>2027-04-06 周二</strong>');
      expect(html).toContain('2027-04-12：<strong>2027-04-13 周二</strong>');
      expect(html).toContain('当日合计');
      expect(html).toMatch(/项目合计<\/strong>：5 天 · 26\.25 小时 · 1575 分钟/);
      expect(html).toContain('<td>王芳</td>');
    });

    it('link only to files and anchors that exist', () => {
      const pages = listFiles(out).filter((f) => f.endsWith('.html'));
      for (const page of pages) {
        const html = readOut(out, page);
        for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
          if (/^(mailto:|https?:)/.test(href!)) continue;
          const [path, anchor] = href!.split('#');
          const target = path ? join(out, page, '..', path) : join(out, page);
          expect(existsSync(target), `${page} → ${href}`).toBe(true);
          if (anchor) expect(readFileSync(target, 'utf8'), `${page} → ${href}`).toContain(`id="${anchor}"`);
        }
      }
      const index = readOut(out, 'index.html');
      for (const link of ['programs/onboarding/schedule.html', 'programs/onboarding/schedule.csv', 'programs/onboarding/schedule.ics', 'programs/refresher/schedule.json', 'trainers/li-lei.html']) {
        expect(index).toContain(`href="${link}"`);
      }
      expect(index).not.toContain('programs/refresher/schedule.ics');
    });
  });
});

describe('schedule outputs across a DST change (test/fixtures/valid/schedule-dst, Europe/Berlin)', () => {
  let out: string;
  beforeAll(() => {
    out = build('schedule-dst', 'America/New_York');
  });

  it('gives UTC+1 before the switch on 2027-03-28 and UTC+2 after it', () => {
    const text = readOut(out, 'programs/basics/schedule.ics');
    const { events, timezones } = parseIcs(text);
    expect(timezones).toEqual(['Europe/Berlin']);
    expect(text).toMatch(/BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0200/);
    expect(events.map((e) => [e.start, e.end])).toEqual([
      ['2027-03-25T08:00:00Z', '2027-03-25T11:00:00Z'],
      ['2027-03-26T08:00:00Z', '2027-03-26T11:00:00Z'],
      ['2027-03-29T12:00:00Z', '2027-03-29T15:00:00Z'],
    ]);
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270329T140000\r\n');
  });

  it('labels everything in English', () => {
    const html = readOut(out, 'programs/basics/schedule.html');
    expect(html).toContain('<h2>Day 3 · Monday after the switch</h2>');
    expect(html).toContain('March: <strong>2027-03-29 Mon</strong>');
    expect(parseCsv(readFileSync(join(out, 'programs/basics/schedule.csv')))[0]).toEqual([
      'Cohort', 'Day', 'Date', 'Weekday', 'Start', 'End', 'Minutes', 'Kind', 'Title', 'Module', 'Session id', 'Methods', 'Trainer', 'Location',
    ]);
    expect(parseIcs(readOut(out, 'trainers/anna.ics')).events[0]!.description).toContain('Methods: Lecture, Role-play');
  });
});
