// The scheduling engine alone: day layout (breaks, first fit, spanning, fixed starts, overruns) and
// the calendar (weekends, holidays, cohorts), then the whole model stage on a fixture.
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import type { DayItem, DayTemplate, Session, TeachingDay } from '../src/model/types.js';
import { addDays, dateRuns, isWorkday, weekdayOf, workCalendar, workdaysFrom } from '../src/schedule/calendar.js';
import type { Weekday } from '../src/schema/curriculum.js';
import { layoutDay, workingMinutes } from '../src/schedule/layout-day.js';
import { parseTime } from '../src/schema/common.js';
import { formatMinutes } from '../src/util/time.js';
import { fixture, ROOT } from './helpers/cli.js';

const t = (s: string) => parseTime(s)!;
const ref = { file: 'programs/p.yaml', place: { line: 1, column: 1 } };
const TEMPLATE: DayTemplate = {
  start: t('09:00'),
  end: t('17:30'),
  breaks: [
    { start: t('12:00'), end: t('13:30'), title: '午休' },
    { start: t('15:00'), end: t('15:15'), title: '茶歇' },
  ],
};

function activity(minutes: number, start?: string): DayItem {
  return { kind: 'activity', title: `${minutes}m`, minutes, start: start === undefined ? undefined : t(start), ref };
}

function day(items: DayItem[], template = TEMPLATE): TeachingDay {
  return { kind: 'day', title: 'D', template, items, ref };
}

/** "HH:MM-HH:MM kind" per laid-out row, breaks included. */
function rows(items: DayItem[], template = TEMPLATE): string[] {
  return layoutDay(day(items, template)).items.map((i) => `${formatMinutes(i.start)}-${formatMinutes(i.end)} ${i.kind}`);
}

describe('layoutDay', () => {
  it('lays items out in order from the start and inserts the breaks between them', () => {
    expect(rows([activity(90), activity(90), activity(90), activity(60)])).toEqual([
      '09:00-10:30 activity',
      '10:30-12:00 activity',
      '12:00-13:30 break',
      '13:30-15:00 activity',
      '15:00-15:15 break',
      '15:15-16:15 activity',
    ]);
  });

  it('starts an item that would run into a break after it', () => {
    expect(rows([activity(150), activity(45)])).toEqual(['09:00-11:30 activity', '12:00-13:30 break', '13:30-14:15 activity']);
  });

  it('pushes past every break the item would run into while a later gap holds it', () => {
    // 11:00 + 120 runs into lunch; 13:30 + 120 runs into the tea break; 15:15 + 120 fits.
    expect(rows([activity(120), activity(120)])).toEqual([
      '09:00-11:00 activity',
      '12:00-13:30 break',
      '15:00-15:15 break',
      '15:15-17:15 activity',
    ]);
  });

  it('runs an item that fits in no remaining gap through the breaks it meets', () => {
    // Longer than any gap of the day: from 09:00 through lunch.
    expect(rows([activity(240)])).toEqual(['09:00-14:30 activity', '12:00-13:30 break']);
    // Shorter than the morning gap but longer than every gap after 13:30: through the tea break.
    expect(rows([activity(180), activity(150)])).toEqual(['09:00-12:00 activity', '12:00-13:30 break', '13:30-16:15 activity', '15:00-15:15 break']);
  });

  it('starts an item with a fixed start exactly then, leaving a gap, and runs it through breaks', () => {
    expect(rows([activity(60), activity(30, '10:30'), activity(60, '14:30')])).toEqual([
      '09:00-10:00 activity',
      '10:30-11:00 activity',
      '12:00-13:30 break',
      '14:30-15:45 activity',
      '15:00-15:15 break',
    ]);
  });

  it('reports a fixed start that overlaps the item before it', () => {
    const { problems } = layoutDay(day([activity(90), activity(60, '10:00')]));
    expect(problems).toEqual([{ kind: 'overlap', itemIndex: 1, start: t('10:00'), previousEnd: t('10:30') }]);
  });

  it('reports a fixed start inside a break or outside the day', () => {
    const { problems } = layoutDay(day([activity(30, '12:30'), activity(30, '08:00')]));
    expect(problems.filter((p) => p.kind === 'outside').map((p) => p.itemIndex)).toEqual([0, 1]);
  });

  it('reports an overrun with the time the day would end and by how much', () => {
    const { problems } = layoutDay(day([activity(120), activity(120), activity(60)]));
    expect(problems).toEqual([{ kind: 'overrun', end: t('18:15'), by: 45 }]);
  });

  it('keeps the written position of each item and shows no breaks outside the taught span', () => {
    const { items } = layoutDay(day([activity(30, '13:30'), activity(30)]));
    expect(items.map((i) => [i.kind, i.index])).toEqual([['activity', 0], ['activity', 1]]);
  });

  it('uses a per-day template', () => {
    const short: DayTemplate = { start: t('08:30'), end: t('12:00'), breaks: [{ start: t('10:00'), end: t('10:15') }] };
    expect(rows([activity(90), activity(90)], short)).toEqual(['08:30-10:00 activity', '10:00-10:15 break', '10:15-11:45 activity']);
    expect(workingMinutes(short)).toBe(195);
  });

  it('takes session and assessment durations, trainers and locations', () => {
    const session = { id: 'm/s', title: 'S', minutes: 45, methods: [], trainer: { kind: 'trainer', id: 'a', name: 'A' }, location: 'R1' } as unknown as Session;
    const { items } = layoutDay({ ...day([{ kind: 'session', session, ref }, { kind: 'session', session, trainer: { kind: 'text', id: 'B', name: 'B' }, location: 'R2', ref }]), location: 'Hall' });
    expect(items.map((i) => [i.title, i.minutes, i.trainer?.name, i.location])).toEqual([['S', 45, 'A', 'R1'], ['S', 45, 'B', 'R2']]);
  });
});

describe('calendar', () => {
  const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
  const calendar = (holidays: string[] = [], extraWorkdays: string[] = [], days: readonly Weekday[] = weekdays) => workCalendar({ workdays: days, holidays, extraWorkdays });

  it('skips weekends and holidays', () => {
    expect(workdaysFrom('2027-04-01', 4, calendar(['2027-04-05']))).toEqual(['2027-04-01', '2027-04-02', '2027-04-06', '2027-04-07']);
  });

  it('starts on the next workday when the start is a day off', () => {
    expect(workdaysFrom('2027-04-03', 1, calendar())).toEqual(['2027-04-05']);
  });

  it('works the extra workdays: a Saturday worked in exchange for a holiday', () => {
    // National Day week off (Friday 1 October to Thursday 7 October), Saturday 9 October worked.
    const nationalDay = calendar(['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], ['2027-10-09']);
    expect(workdaysFrom('2027-09-30', 4, nationalDay)).toEqual(['2027-09-30', '2027-10-08', '2027-10-09', '2027-10-11']);
    expect(isWorkday('2027-10-09', nationalDay)).toBe(true);
    expect(isWorkday('2027-10-10', nationalDay)).toBe(false);
    // A cohort may start on one.
    expect(workdaysFrom('2027-10-09', 2, nationalDay)).toEqual(['2027-10-09', '2027-10-11']);
  });

  it('splits a block\'s dates into runs at a holiday and around a day off worked, not at a weekend', () => {
    // Ten days over two weekends: one run, Monday to Friday of the week after.
    const plain = workdaysFrom('2027-03-01', 10, calendar());
    expect(dateRuns(plain, weekdays, [])).toEqual([['2027-03-01', '2027-03-12']]);
    // The National Day week: Thursday 30 September, then Friday 8, Saturday 9 (worked) and Monday 11 October.
    const nationalDay = calendar(['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], ['2027-10-09']);
    const dates = workdaysFrom('2027-09-30', 4, nationalDay);
    expect(dateRuns(dates, weekdays, ['2027-10-09'])).toEqual([
      ['2027-09-30', '2027-09-30'],
      ['2027-10-08', '2027-10-08'],
      ['2027-10-09', '2027-10-09'],
      ['2027-10-11', '2027-10-11'],
    ]);
    // A holiday in mid-week splits the run; a six-day week runs over its Saturdays.
    expect(dateRuns(workdaysFrom('2027-06-07', 5, calendar(['2027-06-09'])), weekdays, [])).toEqual([['2027-06-07', '2027-06-08'], ['2027-06-10', '2027-06-14']]);
    const sixDays: Weekday[] = [...weekdays, 'sat'];
    expect(dateRuns(workdaysFrom('2027-03-04', 6, calendar([], [], sixDays)), sixDays, [])).toEqual([['2027-03-04', '2027-03-10']]);
    expect(dateRuns([], weekdays, [])).toEqual([]);
  });

  it('knows weekdays and month ends without the machine time zone', () => {
    expect(weekdayOf('2027-03-01')).toBe('mon');
    expect(addDays('2027-02-26', 3)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('gives no dates without workdays', () => {
    expect(workdaysFrom('2027-04-01', 3, calendar([], ['2027-04-03'], []))).toEqual([]);
  });
});

describe('computeSchedules on a fixture', () => {
  const { model, diagnostics } = compileCurriculum(fixture('valid/schedule-calendar'), ROOT);
  const onboarding = model.schedules.get('onboarding')!;

  it('reports nothing for a valid curriculum', () => {
    expect(diagnostics.list()).toEqual([]);
  });

  it('maps every cohort day to a workday, skipping the weekend and the Qingming holiday', () => {
    expect(onboarding.cohorts.map((c) => [c.cohort.name, c.dates])).toEqual([
      ['四月批次', ['2027-04-02', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09']],
      ['2027-04-12', ['2027-04-12', '2027-04-13', '2027-04-14', '2027-04-15', '2027-04-16']],
    ]);
  });

  it('counts a block as full working days of the programme template', () => {
    const blocks = onboarding.days.filter((d) => d.kind === 'block');
    expect(blocks.map((d) => [d.number, d.blockDay, d.minutes, formatMinutes(d.start), formatMinutes(d.end)])).toEqual([
      [3, { index: 1, of: 2 }, 405, '09:00', '17:30'],
      [4, { index: 2, of: 2 }, 405, '09:00', '17:30'],
    ]);
    expect(onboarding.minutes).toBe(285 + 390 + 405 * 2 + 90);
  });

  it('lays the per-day template out: a long session through lunch, then the next one', () => {
    const d2 = onboarding.days[1]!;
    expect(d2.items.map((i) => `${formatMinutes(i.start)}-${formatMinutes(i.end)} ${i.title}`)).toEqual([
      '08:30-14:00 全流程工作坊',
      '12:00-13:00 午餐',
      '14:00-16:00 投诉处理',
    ]);
  });

  it('leaves a programme without cohorts undated', () => {
    expect(model.schedules.get('refresher')!.cohorts).toEqual([]);
  });
});
