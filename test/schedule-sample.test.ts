// The sample curriculum in curricula/ schedules without errors, and its schedule outputs read back
// consistently. No skipping: if the sample does not check clean, this fails with its diagnostics.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { isWorkday, workCalendar } from '../src/schedule/calendar.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';
import { parseCsv, parseIcs, readOut } from './helpers/schedule.js';
import { readFileSync } from 'node:fs';

const SCHEDULE_RULES = ['day-overrun', 'start-overlap', 'start-outside-day', 'trainer-clash', 'min-hours', 'cohort-not-workday', 'no-workdays'];

describe('the sample curriculum (curricula/)', () => {
  const { model, diagnostics } = compileCurriculum(join(ROOT, 'curricula'), ROOT);

  it('checks clean: no errors, and no scheduling warnings', () => {
    const list = diagnostics.list();
    expect(list.filter((d) => d.severity === 'error' || SCHEDULE_RULES.includes(d.rule))).toEqual([]);
  });

  it('schedules every programme; every cohort day falls on a workday that is not a holiday, in order', () => {
    const calendar = workCalendar(model);
    expect(model.programs.length).toBeGreaterThan(0);
    for (const p of model.programs) {
      const s = model.schedules.get(p.id)!;
      expect(s.days.length, p.id).toBeGreaterThan(0);
      for (const d of s.days) expect(d.end, `${p.id} day ${d.number}`).toBeLessThanOrEqual(d.template.end);
      for (const { cohort, dates } of s.cohorts) {
        expect(dates, `${p.id} ${cohort.name}`).toHaveLength(s.days.length);
        expect(dates.every((d) => isWorkday(d, calendar)), `${p.id} ${cohort.name}`).toBe(true);
        expect([...dates].sort(), `${p.id} ${cohort.name}`).toEqual(dates);
        expect(new Set(dates).size).toBe(dates.length);
      }
    }
  });

  it('builds calendars and spreadsheets that agree with the computed schedule', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', 'curricula', '-o', out, '--only', 'schedule,trainers']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const p of model.programs) {
      const s = model.schedules.get(p.id)!;
      const perRun = s.days.reduce((n, d) => n + d.items.filter((i) => i.kind !== 'break').length, 0);
      const rows = parseCsv(readFileSync(join(out, `programs/${p.id}/schedule.csv`)));
      expect(rows.length - 1, p.id).toBe(Math.max(1, s.cohorts.length) * s.days.reduce((n, d) => n + d.items.length, 0));
      if (!s.cohorts.length) continue;
      const { events } = parseIcs(readOut(out, `programs/${p.id}/schedule.ics`));
      expect(events.length, p.id).toBe(perRun * s.cohorts.length);
      expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
      // Up to four cohorts get a column each in the overview; more get a table of dates, a row each.
      const html = readOut(out, `programs/${p.id}/schedule.html`);
      // Printed, every page names the programme and gives its page number.
      expect(html, p.id).toContain(`<style>@page { @bottom-left { content: "${p.title} · 日程表"; } @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; } }</style>`);
      const overview = html.slice(html.indexOf('<section class="overview">'), html.indexOf('</section>'));
      const columns = (overview.match(/<th scope="col">[^<]*：/g) ?? []).length;
      const dateRows = (/<table class="grid compact cohort-dates">([\s\S]*?)<\/table>/.exec(overview)?.[1].match(/<tr><th scope="row">/g) ?? []).length;
      expect([columns, dateRows], p.id).toEqual(s.cohorts.length <= 4 ? [s.cohorts.length, 0] : [0, s.cohorts.length]);
    }
  });
});
