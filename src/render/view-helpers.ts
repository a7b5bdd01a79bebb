// Small formatting helpers handed to every template as `it.h`, so templates stay free of logic.
import { countText, fill, type Labels } from '../i18n/labels.js';
import type { TrainerRef } from '../model/types.js';
import { formatMinutes, hours } from '../util/time.js';
import { markedWeekday, weekdayText } from './dates.js';
import { pageFooterCss } from './css-string.js';
import type { RenderContext } from './types.js';

/** Helpers available in templates; `extraWorkdays`: the model's, whose weekdays are marked. */
export function viewHelpers(labels: Labels, extraWorkdays: readonly string[]) {
  // A marked weekday (周六（调休）) first, so that the mark stays on the line of its date.
  const weekdayForms = [...Object.values(labels.weekdays).map((w) => markedWeekday(w, labels)), ...Object.values(labels.weekdays)];
  return {
    time: formatMinutes,
    hours,
    /** "90 分钟" / "90 min" */
    minutes: (m: number) => `${m} ${labels.minutes}`,
    /** "1.5 小时" / "1.5 h" */
    hoursText: (m: number) => `${hours(m)} ${labels.hoursUnit}`,
    day: (n: number) => fill(labels.day, { n }),
    /** "Days 8–17" / "第8–17天" */
    dayRange: (from: number, to: number) => fill(labels.book.dayRange, { from, to }),
    /** "4 roles", "1 day" / "1 天": a count with its noun, singular or plural as the number needs. */
    count: (noun: keyof Labels['counts'], n: number) => countText(labels.counts[noun], n),
    weekday: (date: string) => weekdayText(date, labels, extraWorkdays),
    trainer: (t: TrainerRef | undefined) => t?.name ?? '',
    method: (m: string) => (labels.methodNames as Record<string, string>)[m] ?? m,
    /** Relative link from a page at `from` (output path) to `to`. */
    rel: (from: string, to: string) => relativeLink(from, to),
    /** `text` escaped, each date (with its weekday) and clock time kept on one line; print it raw (`<%~ %>`). */
    keepDates: (text: string) => keepDates(text, weekdayForms),
    /** `items` escaped and joined with `sep`, each in a `span.keep` with the separator after it; print it raw (`<%~ %>`). */
    keepEach,
  };
}

/** What every page's layout reads (index, schedule, trainer and assessment pages): the model, labels and helpers, the page's path and title, its print footer, the edition. */
export function pageView(ctx: RenderContext, page: string, title: string) {
  const { model, labels } = ctx;
  return { model, labels, h: viewHelpers(labels, model.extraWorkdays), page, title, pageCss: pageFooterCss(title, labels.book.pageFooter), edition: ctx.editionDate };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * HTML for `text` (escaped as the templates escape) with every date, a date's weekday after it
 * ("2027-05-10 周一"), and every clock time or range of them (09:00–10:30) in a `span.nowrap`:
 * a line may break around "2027-05-10 – 2027-06-14" but never inside a date or a time.
 */
export function keepDates(text: string, weekdays: readonly string[] = []): string {
  const day = weekdays.length ? `(?: (?:${weekdays.map((w) => escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))?` : '';
  const pattern = new RegExp(`\\d{4}-\\d{2}-\\d{2}${day}|\\d{1,2}:\\d{2}(?:[–-]\\d{1,2}:\\d{2})?`, 'g');
  return escapeHtml(text).replace(pattern, (m) => `<span class="nowrap">${m}</span>`);
}

/**
 * `items` escaped and joined with `sep`, each in a `span.keep` (an inline block) together with the
 * separator that follows it: a line breaks between items, never inside one ("2027年10月") nor before
 * a separator ("、" never starts a line). A separator's trailing space stays outside the span, where
 * it is not dropped at the block's end.
 */
export function keepEach(items: readonly string[], sep: string): string {
  const mark = sep.trimEnd();
  const space = sep.slice(mark.length);
  return items.map((item, i) => (i < items.length - 1 ? `<span class="keep">${escapeHtml(item + mark)}</span>${space}` : `<span class="keep">${escapeHtml(item)}</span>`)).join('');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Template helper type. */
export type ViewHelpers = ReturnType<typeof viewHelpers>;

/** A relative URL between two output paths ("roles/agent/handbook.html" → "../../index.html"). */
export function relativeLink(from: string, to: string): string {
  const up = from.split('/').length - 1;
  return '../'.repeat(up) + to;
}
