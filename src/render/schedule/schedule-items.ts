// What the schedule outputs say about one item, in one place: its source id, module, methods, kind
// label, a one-line time span, and the UID a calendar event keeps across builds.
import { createHash } from 'node:crypto';
import type { Labels } from '../../i18n/labels.js';
import type { Cohort, Curriculum, Program } from '../../model/types.js';
import type { Locale } from '../../schema/curriculum.js';
import type { ScheduledDay, ScheduledItem } from '../../schedule/types.js';

/** Where an item came from: "module/session" for a session, the assessment id, or empty. */
export function itemSourceId(item: ScheduledItem): string {
  return item.session?.id ?? item.assessment?.id ?? '';
}

/** A lookup of the module title of a session item (empty for other items), built once per model. */
export function moduleTitles(model: Curriculum): (item: ScheduledItem) => string {
  const titles = new Map(model.modules.map((m) => [m.id, m.title]));
  return (item) => (item.session ? (titles.get(item.session.moduleId) ?? item.session.moduleId) : '');
}

/** A list separator that suits the curriculum's language. */
export function listSeparator(locale: Locale): string {
  return locale === 'en' ? ', ' : '、';
}

/** Teaching methods of a session in the curriculum's language, joined. */
export function methodsText(item: ScheduledItem, labels: Labels, locale: Locale): string {
  return (item.session?.methods ?? []).map((m) => labels.methodNames[m] ?? m).join(listSeparator(locale));
}

/** The localized name of an item kind. */
export function kindLabel(item: ScheduledItem, labels: Labels): string {
  if (item.kind === 'assessment' && item.assessment) return labels.assessmentKinds[item.assessment.kind] ?? labels.assessment;
  return { session: labels.session, assessment: labels.assessment, activity: labels.activity, break: labels.break, block: labels.block }[item.kind];
}

/** The title shown for an item: a break without a title is called a break. */
export function itemTitle(item: ScheduledItem, labels: Labels): string {
  return item.title || (item.kind === 'break' ? labels.break : '');
}

/** The title of an item as an event of its day: a block day says which of the block's days it is. */
export function dayItemTitle(day: ScheduledDay, item: ScheduledItem, labels: Labels): string {
  return day.blockDay ? `${itemTitle(item, labels)} (${day.blockDay.index}/${day.blockDay.of})` : itemTitle(item, labels);
}

/**
 * A calendar UID that stays the same across builds while the item keeps its place (programme,
 * cohort, day number, position in the day, source id), and differs between any two events.
 */
export function eventUid(program: Program, cohort: Cohort, day: ScheduledDay, item: ScheduledItem): string {
  const key = [program.id, cohort.id, day.number, item.index ?? 0, item.kind, itemSourceId(item)].join('\u001f');
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}@cs-train`;
}
