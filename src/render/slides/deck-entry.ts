// One teaching day's deck as the output cache keeps it: the Marp text, the key of its PPTX, this
// day's part of the outline and the slides that overflowed. A cached day is then neither built nor
// paginated, and its overflow warnings are reported again from the entry, exactly as a fresh build
// reports them.
import { createHash } from 'node:crypto';
import type { Bundle } from '../../cache/output-cache.js';
import type { Diagnostics, Place } from '../../diagnostics/diagnostics.js';
import type { ScheduledDay } from '../../schedule/types.js';
import { buildDayDeck, type DayDeckInput } from './build-day-deck.js';
import type { Slide, SlideKind } from './deck-types.js';
import { paginate, slideLoad } from './paginate.js';
import type { PptxJob } from './pptx-writers.js';
import { writeMarp } from './write-marp.js';
import { daySections } from './write-outline.js';

/**
 * A slide too full to read. Where it was written: `'day'` and a number name the day and its n-th item
 * in the programme file, found when reported (their places are not in the deck's key); a place in a
 * session file is kept as it is (the session's text is in the key).
 */
export interface Overflow {
  at: 'day' | number | { file: string; place: Place };
  kind: SlideKind;
  message: string;
}

/** What is kept of a day's deck besides its one part, the Marp text (day-NN.md). */
export interface DeckFacts {
  /** The key input of the PPTX deck in the output cache. */
  pptx: string;
  /** This day's sections of outline.md. */
  outline: string[];
  /** Overflowing slides in deck order, every one (which are reported depends on the decks before). */
  overflow: Overflow[];
}

/** Build, paginate and write one day's deck: its entry, and the PPTX job should the PPTX be missing. */
export function makeDeckEntry(input: DayDeckInput, date: string): { entry: Bundle<DeckFacts>; job: PptxJob } {
  const { labels, day } = input;
  const deck = buildDayDeck(input);
  const overflow: Overflow[] = [];
  const slides = deck.slides.flatMap((slide) => {
    const pages = paginate(slide, labels.slidesContinued);
    if (pages.length > 1 && slide.source) overflow.push({ at: sourceRole(slide.source, day), kind: slide.kind, message: overflowMessage(slide, pages.length) });
    return pages;
  });
  const job: PptxJob = { deck: { ...deck, slides }, noteLabel: labels.trainerNote, date };
  const facts = { pptx: pptxInput(job), outline: daySections(deck.slides, labels, input.model.locale), overflow };
  return { entry: { facts, parts: [Buffer.from(writeMarp(job.deck, labels.trainerNote), 'utf8')] }, job };
}

/** Report a day's overflowing slides, once per source place and slide kind across the whole build. */
export function reportOverflow(overflow: Overflow[], day: ScheduledDay, diagnostics: Diagnostics, warned: Set<string>): void {
  for (const o of overflow) {
    const src = o.at === 'day' ? day.ref : typeof o.at === 'number' ? day.items[o.at]?.ref : o.at;
    if (!src) continue;
    const key = `${src.file}:${src.place.line}:${src.place.column}:${o.kind}`;
    if (warned.has(key)) continue;
    warned.add(key);
    diagnostics.report(src.file, 'slide-overflow', o.message, src.place);
  }
}

function sourceRole(source: NonNullable<Slide['source']>, day: ScheduledDay): Overflow['at'] {
  if (source === day.ref) return 'day';
  const item = day.items.findIndex((i) => i.ref === source);
  return item >= 0 ? item : { file: source.file, place: source.place };
}

function overflowMessage(slide: Slide, pages: number): string {
  const load = slideLoad(slide);
  const size = `${load.points} points, ${load.rows} table rows, ${load.units} text units, about ${load.height}px high`;
  return `Slide "${slide.title}" is too full to read (${size}); it continues on ${pages - 1} more slide(s).`;
}

/**
 * The key input of a PPTX deck: a digest of everything writePptx reads of a job (not the deck's path
 * nor the slides' source places), so decks with the same slides share their bytes.
 */
function pptxInput({ deck, noteLabel, date }: PptxJob): string {
  const slides = deck.slides.map((s) => [s.kind, s.title, s.meta, s.items, s.notes]);
  return createHash('sha256').update(JSON.stringify([date, noteLabel, deck.lang, deck.header, deck.footer ?? null, slides])).digest('hex');
}
