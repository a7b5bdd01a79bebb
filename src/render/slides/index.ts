// The `slides` output: per teaching day a Marp deck (day-NN.md) and an editable PowerPoint deck
// (day-NN.pptx) with the same slides and speaker notes, plus one outline.md per programme. A day
// whose deck key (deck-key.ts) is in the output cache is neither built nor paginated: its Marp text,
// outline part and overflow warnings come from the cache entry, its PPTX from its own entry.
import type { Renderer } from '../types.js';
import { releaseMemory } from '../../util/release-memory.js';
import { deckPath, type DayDeckInput } from './build-day-deck.js';
import { makeDeckEntry, reportOverflow, type DeckFacts } from './deck-entry.js';
import { deckKey, labelsDigest } from './deck-key.js';
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
    const labelsKey = labelsDigest(labels);
    for (const program of model.programs) {
      if (ctx.programs && !ctx.programs.includes(program.id)) continue;
      const schedule = model.schedules.get(program.id);
      if (!schedule) continue;
      const sections = new Map<number, string[]>();
      for (const day of schedule.days) {
        if (day.kind !== 'day') continue;
        const input: DayDeckInput = { model, program, schedule, day, labels, sourceOf: (file) => ctx.diagnostics.text(file) };
        // The job of a deck built here, for its PPTX; a cached deck is built again only if its PPTX is missing.
        let job: PptxJob | undefined;
        const { facts, parts } = ctx.memo.bundle<DeckFacts>('slides-deck', deckKey({ model, program, schedule, day, labels: labelsKey, date }), () => {
          const made = makeDeckEntry(input, date);
          job = made.job;
          return made.entry;
        });
        reportOverflow(facts.overflow, day, ctx.diagnostics, warned);
        sections.set(day.number, facts.outline);
        const path = deckPath(program, day);
        ctx.emit({ path: `${path}.md`, contents: parts[0]! });
        // An unchanged deck stays as the previous output has it; the others go to the output as soon
        // as they are written, so the decks are never all in memory.
        if (ctx.reuse([`${path}.pptx`], 'slides-pptx', facts.pptx)) continue;
        const pptx = () => writers.request(job ?? makeDeckEntry(input, date).job);
        const done = ctx.memo.bytes('slides-pptx', facts.pptx, pptx).then((bytes) => ctx.emit({ path: `${path}.pptx`, contents: bytes }));
        done.catch(() => undefined); // reported by Promise.all below, not as an unhandled rejection meanwhile
        written.push(done);
        await writers.pace();
      }
      ctx.emit({ path: `programs/${program.id}/slides/outline.md`, contents: writeOutline(model, program, schedule, sections, labels) });
      releaseMemory();
    }
    await writers.finish();
    await Promise.all(written);
    return [];
  },
};
