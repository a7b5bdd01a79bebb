// programs/<p>/schedule.csv: one row per item (breaks included) and one per block day, for every
// cohort in turn. Excel-friendly: UTF-8 with BOM, CRLF, formulas escaped, multi-line fields quoted.
import { stringify } from 'csv-stringify/sync';
import type { Labels } from '../../i18n/labels.js';
import type { Curriculum, Program } from '../../model/types.js';
import { weekdayText } from '../dates.js';
import type { ProgramSchedule } from '../../schedule/types.js';
import { formatMinutes } from '../../util/time.js';
import { itemSourceId, itemTitle, methodsText, moduleTitles } from './schedule-items.js';

/** Machine order of the columns; the header row shows them in the curriculum's language. */
export const CSV_COLUMNS = [
  'cohort', 'day', 'date', 'weekday', 'start', 'end', 'minutes', 'kind', 'title', 'module', 'session', 'methods', 'trainer', 'location',
] as const;

/** The header row: column labels in the curriculum's language. */
export function csvHeader(labels: Labels): string[] {
  const byColumn: Record<(typeof CSV_COLUMNS)[number], string> = {
    cohort: labels.cohort, day: labels.dayNumber, date: labels.date, weekday: labels.weekday, start: labels.start, end: labels.end,
    minutes: labels.minutesColumn, kind: labels.kind, title: labels.title, module: labels.module, session: labels.sessionId,
    methods: labels.methods, trainer: labels.trainer, location: labels.location,
  };
  return CSV_COLUMNS.map((c) => byColumn[c]);
}

/** The CSV text of one programme's schedule. */
export function scheduleCsv(model: Curriculum, program: Program, schedule: ProgramSchedule, labels: Labels): string {
  const moduleOf = moduleTitles(model);
  const runs = schedule.cohorts.length ? schedule.cohorts : [{ cohort: undefined, dates: [] as string[] }];
  const rows: (string | number)[][] = [csvHeader(labels)];
  for (const { cohort, dates } of runs) {
    schedule.days.forEach((day, i) => {
      const date = dates[i] ?? '';
      for (const item of day.items) {
        rows.push([
          cohort?.name ?? '',
          day.number,
          date,
          date ? weekdayText(date, labels, model.extraWorkdays) : '',
          formatMinutes(item.start),
          formatMinutes(item.end),
          item.minutes,
          item.kind,
          itemTitle(item, labels),
          moduleOf(item),
          itemSourceId(item),
          methodsText(item, labels, model.locale),
          item.trainer?.name ?? '',
          item.location ?? '',
        ]);
      }
    });
  }
  return stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}
