// The slide deck as plain data: built once from the schedule and the session trees, then written
// both as Marp Markdown and as PPTX, so the two decks cannot drift apart.
import type { Place } from '../../diagnostics/diagnostics.js';

/** One thing shown on a slide; pagination moves whole items to a continuation slide. */
export type SlideItem =
  | { kind: 'bullet'; text: string; level: number; /** Its number when the item is in an ordered list. */ number?: number }
  | { kind: 'subheading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'callout'; label: string; text: string }
  | { kind: 'row'; table: number; header: string[]; cells: string[] }
  | { kind: 'line'; speaker?: string; text: string };

/** What a slide is for; decides its layout in both writers. */
export type SlideKind = 'day' | 'timetable' | 'session' | 'section' | 'activity' | 'script' | 'homework' | 'break' | 'item' | 'recap';

/** One slide: a title, short meta lines, content items and trainer notes. All text is plain text. */
export interface Slide {
  kind: SlideKind;
  title: string;
  /** Short lines under the title: time, minutes, trainer. */
  meta: string[];
  items: SlideItem[];
  /** Speaker notes, one entry per :::trainer block standing on this slide. */
  notes: string[];
  /**
   * Of an activity, script or homework slide: its paragraphs and list items in full, one item each,
   * for the trainer outline (the slide's own items are condensed and chunked to fit).
   */
  outline?: SlideItem[];
  /** Where the slide's content was written, for overflow warnings. */
  source?: { file: string; place: Place };
}

/** The deck of one teaching day. */
export interface Deck {
  /** Output path without extension, e.g. `programs/onboarding/slides/day-01`. */
  path: string;
  /** Shown in every slide's header: programme title and day. */
  header: string;
  /** Shown in every slide's footer: the organisation. */
  footer?: string;
  /** BCP 47 language of the curriculum. */
  lang: string;
  slides: Slide[];
}

/** A fresh slide with nothing on it yet. */
export function newSlide(kind: SlideKind, title: string, meta: string[] = [], source?: Slide['source']): Slide {
  return { kind, title, meta, items: [], notes: [], source };
}
