// The `slides` output: per teaching day a Marp deck (day-NN.md) and an editable PowerPoint deck
// (day-NN.pptx) with the same slides and speaker notes, plus one outline.md per programme.
import type { Diagnostics } from '../../diagnostics/diagnostics.js';
import type { Renderer, OutputFile } from '../types.js';
import { buildDayDeck } from './build-day-deck.js';
import type { Deck, Slide } from './deck-types.js';
import { paginate, slideLoad } from './paginate.js';
import { writeMarp } from './write-marp.js';
import { writeOutline } from './write-outline.js';
import { writePptx } from './write-pptx.js';

/** Date stamped into PPTX packages when the build has no edition date. */
const FALLBACK_DATE = '1980-01-01';

/** Renders every teaching day's decks and each programme's outline. */
export const slides: Renderer = {
  name: 'slides',
  async render(ctx) {
    const { model, labels } = ctx;
    const files: OutputFile[] = [];
    const warned = new Set<string>();
    for (const program of model.programs) {
      if (ctx.programs && !ctx.programs.includes(program.id)) continue;
      const schedule = model.schedules.get(program.id);
      if (!schedule) continue;
      const decks = new Map<number, Deck>();
      for (const day of schedule.days) {
        if (day.kind !== 'day') continue;
        const deck = buildDayDeck({ model, program, schedule, day, labels, sourceOf: (file) => ctx.diagnostics.text(file) });
        decks.set(day.number, deck);
        const paged = { ...deck, slides: deck.slides.flatMap((s) => pages(s, labels.slidesContinued, ctx.diagnostics, warned)) };
        files.push({ path: `${deck.path}.md`, contents: writeMarp(paged, labels.trainerNote) });
        files.push({ path: `${deck.path}.pptx`, contents: await writePptx(paged, labels.trainerNote, ctx.editionDate ?? FALLBACK_DATE) });
      }
      files.push({ path: `programs/${program.id}/slides/outline.md`, contents: writeOutline(model, program, schedule, decks, labels) });
    }
    return files;
  },
};

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
