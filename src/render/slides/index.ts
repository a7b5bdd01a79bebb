// The `slides` output: per teaching day a Marp deck (day-NN.md) and an editable PowerPoint deck
// (day-NN.pptx) with the same slides and speaker notes, plus one outline.md per programme.
import { createHash } from 'node:crypto';
import type { Diagnostics } from '../../diagnostics/diagnostics.js';
import type { Renderer } from '../types.js';
import { releaseMemory } from '../../util/release-memory.js';
import { buildDayDeck } from './build-day-deck.js';
import type { Deck, Slide } from './deck-types.js';
import { paginate, slideLoad } from './paginate.js';
import { writeMarp } from './write-marp.js';
import { writeOutline } from './write-outline.js';
import { PptxWriters, type PptxJob } from './pptx-writers.js';

/** Date stamped into PPTX packages when the build has no edition date. */
const FALLBACK_DATE = '1980-01-01';

/** Renders every teaching day's decks and each programme's outline. */
export const slides: Renderer = {
  name: 'slides',
  async render(ctx) {
    const { model, labels } = ctx;
    const warned = new Set<string>();
    const writers = new PptxWriters();
    const written: Promise<void>[] = [];
    const date = ctx.editionDate ?? FALLBACK_DATE;
    for (const program of model.programs) {
      if (ctx.programs && !ctx.programs.includes(program.id)) continue;
      const schedule = model.schedules.get(program.id);
      if (!schedule) continue;
      const decks = new Map<number, Deck>();
      for (const day of schedule.days) {
        if (day.kind !== 'day') continue;
        const deck = buildDayDeck({ model, program, schedule, day, labels, sourceOf: (file) => ctx.diagnostics.text(file) });
        decks.set(day.number, deck);
        // Pagination runs on every build, cached or not, so its warnings are always reported.
        const paged = { ...deck, slides: deck.slides.flatMap((s) => pages(s, labels.slidesContinued, ctx.diagnostics, warned)) };
        ctx.emit({ path: `${deck.path}.md`, contents: writeMarp(paged, labels.trainerNote) });
        const path = `${deck.path}.pptx`;
        const job = { deck: paged, noteLabel: labels.trainerNote, date };
        // Each deck goes to the output as soon as it is written: the decks are never all in memory.
        const done = ctx.memo.bytes('slides-pptx', pptxInput(job), () => writers.request(job)).then((bytes) => ctx.emit({ path, contents: bytes }));
        done.catch(() => undefined); // reported by Promise.all below, not as an unhandled rejection meanwhile
        written.push(done);
        await writers.pace();
      }
      ctx.emit({ path: `programs/${program.id}/slides/outline.md`, contents: writeOutline(model, program, schedule, decks, labels) });
      releaseMemory();
    }
    await writers.finish();
    await Promise.all(written);
    return [];
  },
};

/**
 * The cache key's input: a digest of everything writePptx reads of a job (not the deck's path nor the
 * slides' source places). A digest rather than the text, so that no deck's text is held while it waits.
 */
function pptxInput({ deck, noteLabel, date }: PptxJob): string {
  const slides = deck.slides.map((s) => [s.kind, s.title, s.meta, s.items, s.notes]);
  return createHash('sha256').update(JSON.stringify([date, noteLabel, deck.lang, deck.header, deck.footer ?? null, slides])).digest('hex');
}

/** A slide split onto continuation slides when too full, warning once per source place. */
function pages(slide: Slide, continued: string, diagnostics: Diagnostics, warned: Set<string>): Slide[] {
  const out = paginate(slide, continued);
  const src = slide.source;
  if (out.length > 1 && src) {
    const key = `${src.file}:${src.place.line}:${src.place.column}:${slide.kind}`;
    if (!warned.has(key)) {
      warned.add(key);
      const load = slideLoad(slide);
      const size = `${load.points} points, ${load.rows} table rows, ${load.units} text units, about ${load.height}px high`;
      diagnostics.report(src.file, 'slide-overflow', `Slide "${slide.title}" is too full to read (${size}); it continues on ${out.length - 1} more slide(s).`, src.place);
    }
  }
  return out;
}
