// Small formatting helpers handed to every template as `it.h`, so templates stay free of logic.
import { fill, type Labels } from '../i18n/labels.js';
import type { TrainerRef } from '../model/types.js';
import { formatMinutes, hours } from '../util/time.js';
import { weekdayOf } from '../schedule/calendar.js';

/** Helpers available in templates. */
export function viewHelpers(labels: Labels) {
  return {
    time: formatMinutes,
    hours,
    /** "90 分钟" / "90 min" */
    minutes: (m: number) => `${m} ${labels.minutes}`,
    /** "1.5 小时" / "1.5 h" */
    hoursText: (m: number) => `${hours(m)} ${labels.hoursUnit}`,
    day: (n: number) => fill(labels.day, { n }),
    weekday: (date: string) => labels.weekdays[weekdayOf(date)],
    trainer: (t: TrainerRef | undefined) => t?.name ?? '',
    method: (m: string) => (labels.methodNames as Record<string, string>)[m] ?? m,
    /** Relative link from a page at `from` (output path) to `to`. */
    rel: (from: string, to: string) => relativeLink(from, to),
  };
}

/** Template helper type. */
export type ViewHelpers = ReturnType<typeof viewHelpers>;

/** A relative URL between two output paths ("roles/agent/handbook.html" → "../../index.html"). */
export function relativeLink(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return '../'.repeat(up) + to;
}
