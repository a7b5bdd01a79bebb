// The deck of one teaching day: a day title slide (dates per cohort), the day's timetable, then per
// item a title slide, the session's body slides and a recap of its objectives; breaks as short slides.
import { fill, type Labels } from '../../i18n/labels.js';
import type { Curriculum, Program, Session } from '../../model/types.js';
import type { Locale } from '../../schema/curriculum.js';
import { datedText } from '../dates.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';
import { formatMinutes } from '../../util/time.js';
import { newSlide, type Deck, type Slide } from './deck-types.js';
import { buildSessionSlides, POINT_MAX } from './session-slides.js';
import { condense, cutToUnits } from './slide-text.js';

/** What building one day's deck needs. */
export interface DayDeckInput {
  model: Curriculum;
  program: Program;
  schedule: ProgramSchedule;
  day: ScheduledDay;
  labels: Labels;
  /** The text of a source file, to restore script line breaks. */
  sourceOf(file: string): string;
}

/** `label：value` in CJK locales, `label: value` in English. */
export function labelled(locale: Locale, label: string, value: string): string {
  return locale === 'en' ? `${label}: ${value}` : `${label}：${value}`;
}

/**
 * A cohort's date (or span) on a day: `name：date`, or the date alone when the cohort has no name of
 * its own (its name is its start date) and that is the date shown, so that it does not read twice.
 */
export function cohortDated(locale: Locale, name: string, date: string, shown: string): string {
  return name === date ? shown : labelled(locale, name, shown);
}

/** "09:00–10:30" */
export function timeSpan(item: { start: number; end: number }): string {
  return `${formatMinutes(item.start)}–${formatMinutes(item.end)}`;
}

/** `day-NN`, the file name of a day's deck. */
export function deckName(day: ScheduledDay): string {
  return `day-${String(day.number).padStart(2, '0')}`;
}

/** `programs/<p>/slides/day-NN`, a day's deck path without extension. */
export function deckPath(program: Program, day: ScheduledDay): string {
  return `programs/${program.id}/slides/${deckName(day)}`;
}

/** Build the (not yet paginated) deck of one teaching day. */
export function buildDayDeck(input: DayDeckInput): Deck {
  const { model, program, day, labels } = input;
  const dayLabel = fill(labels.day, { n: day.number });
  const slides: Slide[] = [daySlide(input, dayLabel), timetableSlide(input)];
  for (const item of day.items) slides.push(...itemSlides(item, input));
  return {
    path: deckPath(program, day),
    header: `${program.title} · ${dayLabel}`,
    footer: model.organization,
    lang: model.locale,
    slides,
  };
}

/** Cohorts listed one to a line, with their names, on a day's title slide; more share lines, dates only. */
const COHORT_LINES = 6;
/** Dates on one line of the title slide when the cohorts share lines. */
const DATES_PER_LINE = 3;

function daySlide({ model, schedule, day, labels }: DayDeckInput, dayLabel: string): Slide {
  const index = schedule.days.indexOf(day);
  const meta = [[dayLabel, day.location].filter(Boolean).join(' · ')];
  const slide = newSlide('day', day.title, meta, day.ref);
  const dated = schedule.cohorts.flatMap(({ cohort, dates }) =>
    dates[index] ? [{ name: cohort.name, day: dates[index], date: datedText(dates[index], labels, model.extraWorkdays) }] : [],
  );
  if (dated.length <= COHORT_LINES) {
    for (const { name, day: d, date } of dated) slide.items.push({ kind: 'bullet', level: 0, text: cohortDated(model.locale, name, d, date) });
  } else {
    // A programme that runs every month: the dates alone, a few to a line, keep the slide readable.
    for (let i = 0; i < dated.length; i += DATES_PER_LINE) {
      slide.items.push({ kind: 'bullet', level: 0, text: dated.slice(i, i + DATES_PER_LINE).map((d) => d.date).join(labels.book.listSep) });
    }
  }
  if (day.summary) slide.items.push({ kind: 'text', text: condense(day.summary, POINT_MAX) });
  return slide;
}

function timetableSlide({ day, labels }: DayDeckInput): Slide {
  const slide = newSlide('timetable', labels.slidesTimetable, [], day.ref);
  const header = [labels.time, labels.title, labels.trainer];
  for (const item of day.items) {
    slide.items.push({ kind: 'row', table: -1, header, cells: [timeSpan(item), itemName(item, labels), item.trainer?.name ?? ''] });
  }
  return slide;
}

function itemName(item: ScheduledItem, labels: Labels): string {
  return item.title || (item.kind === 'break' ? labels.break : '');
}

function itemSlides(item: ScheduledItem, input: DayDeckInput): Slide[] {
  const { model, labels } = input;
  const when = `${timeSpan(item)} · ${item.minutes} ${labels.minutes}`;
  const who = [
    item.trainer ? labelled(model.locale, labels.trainer, item.trainer.name) : '',
    item.location ? labelled(model.locale, labels.location, item.location) : '',
  ].filter(Boolean);
  if (item.kind === 'break') return [newSlide('break', itemName(item, labels), [timeSpan(item)])];
  if (item.kind === 'session' && item.session) return sessionSlides(item.session, item, [when, ...(who.length ? [who.join(' · ')] : [])], input);
  const meta = [when];
  if (item.assessment) {
    const kind = labels.assessmentKinds[item.assessment.kind] ?? labels.assessment;
    meta.push(item.assessment.passMark !== undefined ? `${kind} · ${labelled(model.locale, labels.passMark, `${item.assessment.passMark}%`)}` : kind);
  }
  if (who.length) meta.push(who.join(' · '));
  return [newSlide('item', itemName(item, labels), meta, item.ref)];
}

function sessionSlides(session: Session, item: ScheduledItem, meta: string[], input: DayDeckInput): Slide[] {
  const { labels } = input;
  const source = { file: session.file, place: { line: 1, column: 1 } };
  const title = newSlide('session', item.title || session.title, meta, source);
  const objectives = session.objectives.map((o) => ({ kind: 'bullet' as const, level: 0, text: cutToUnits(o, POINT_MAX) }));
  if (objectives.length) title.items.push({ kind: 'subheading', text: labels.objectives }, ...objectives);
  const body = buildSessionSlides(session, labels, input.sourceOf(session.file), title);
  const recap = objectives.length ? [{ ...newSlide('recap', labels.slidesRecap, [session.title], source), items: objectives }] : [];
  return [title, ...body, ...recap];
}
