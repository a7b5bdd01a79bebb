// The `slides` output: per teaching day a Marp deck (day-NN.md) and an editable PowerPoint deck
// (day-NN.pptx) with the same slides and speaker notes, plus one outline.md per programme. A day
// whose deck key (deck-key.ts) is in the output cache is neither built nor paginated: its Marp text,
// outline part and overflow warnings come from the cache entry, its PPTX from its own entry. A
// programme whose every day is unchanged is read from one entry of its days' facts, and its decks are
// taken over from the previous output without reading them. One more entry per programme, keyed by
// all its decks are made from (the model but for bodies, its sessions' content keys), records each
// deck's keys and facts, so that an edit elsewhere makes no key input of the programme's days at all. A deck whose PPTX must be written again
// gets the previous build's file at its path, when the output folder's record vouches for it, so that
// its unchanged parts keep their deflated bytes (zip-reuse.ts).
import { modelDigest } from '../../cache/model-digest.js';
import type { Bundle } from '../../cache/output-cache.js';
import type { Program } from '../../model/types.js';
import type { ProgramSchedule } from '../../schedule/types.js';
import type { RenderContext, Renderer } from '../types.js';
import { FALLBACK_EDITION_DATE } from '../../util/time.js';
import { releaseMemory } from '../../util/release-memory.js';
import { deckPath, type DayDeckInput } from './build-day-deck.js';
import { makeDeckEntry, reportOverflow, type DeckFacts } from './deck-entry.js';
import { deckKey, labelsDigest } from './deck-key.js';
import { writeOutline } from './write-outline.js';
import { PptxWriters, type PptxJob } from './pptx-writers.js';


/** Renders every teaching day's decks and each programme's outline. */
export const slides: Renderer = {
  name: 'slides',
  // The PPTX packages are written on worker threads while the handbooks are rendered here.
  background: true,
  async render(ctx) {
    const { model } = ctx;
    const build: SlidesBuild = { ctx, warned: new Set(), writers: new PptxWriters(), written: [], date: ctx.editionDate ?? FALLBACK_EDITION_DATE, labelsKey: labelsDigest(ctx.labels), decks: { written: 0, based: 0 } };
    for (const program of model.programs) {
      if (ctx.programs && !ctx.programs.includes(program.id)) continue;
      const schedule = model.schedules.get(program.id);
      if (schedule) await programSlides(build, program, schedule);
      releaseMemory();
    }
    await build.writers.finish();
    await Promise.all(build.written);
    if (process.env.CS_TRAIN_CACHE_STATS) {
      const { decks, writers } = build;
      process.stderr.write(`slides pptx: ${decks.written} written, ${decks.based} with a previous file; parts: ${writers.parts.reused} reused, ${writers.parts.deflated} deflated\n`);
    }
    return [];
  },
};

/** What the decks of one build share. */
interface SlidesBuild {
  ctx: RenderContext;
  /** Overflow warnings already reported (once per place and kind across the build). */
  warned: Set<string>;
  writers: PptxWriters;
  /** PPTX decks on their way to the output. */
  written: Promise<void>[];
  date: string;
  labelsKey: string;
  /** PPTX decks written in this build, and how many of them had a previous file to reuse parts from. */
  decks: { written: number; based: number };
}

/** The facts of every teaching day of a programme, in day order: one entry instead of one per day. */
interface ProgramFacts {
  days: DeckFacts[];
}

/** What a programme's group entry records: the key of its days' facts entry (kept in the cache with the group), and each teaching day. */
interface ProgramGroup {
  program: string;
  days: GroupDay[];
}

/**
 * What a programme's group entry records of a teaching day: its overflows and the keys of its two
 * decks. Its outline sections are the entry's one part (JSON, by day), read only if the outline is written.
 */
interface GroupDay {
  overflow: DeckFacts['overflow'];
  md: string;
  pptx: string;
}

async function programSlides(build: SlidesBuild, program: Program, schedule: ProgramSchedule): Promise<void> {
  const { ctx, date } = build;
  const { model, labels } = ctx;
  const days = schedule.days.filter((d) => d.kind === 'day');
  // All that the programme's decks and outline are made from: the model but for session bodies, which
  // its sessions' content keys name. While that is unchanged (an edit elsewhere), each deck is taken
  // over by the keys the group recorded, without making the days' key inputs, which list every item.
  const groupInput = JSON.stringify(['slides-group@1', modelDigest(model), build.labelsKey, date, program.id, days.map((d) => d.items.map((i) => i.session?.contentKey ?? null))]);
  const stored = ctx.memo.stored<ProgramGroup>('slides-group', groupInput);
  const group = stored?.facts.days.length === days.length && stored.parts.length === 1 ? stored : undefined;
  // The days' facts entry stays in the cache as long as the group does: a change that misses the group may still hit it.
  if (group) ctx.memo.knownKey('slides-program', group.facts.program);
  const inputs: string[] = [];
  const input = (i: number) => (inputs[i] ??= deckKey({ model, program, schedule, day: days[i]!, labels: build.labelsKey, date }));
  const programInput = group ? undefined : JSON.stringify(['slides-program@1', days.map((_, i) => ctx.memo.keyFor('slides-deck', input(i)))]);
  const storedDays = programInput === undefined ? undefined : ctx.memo.stored<ProgramFacts>('slides-program', programInput)?.facts.days;
  const known = storedDays?.length === days.length ? storedDays : undefined;
  // Each day's facts in full, when the group does not hold them.
  const facts: DeckFacts[] = [];
  const recorded: GroupDay[] = [];
  for (const [i, day] of days.entries()) {
    const path = deckPath(program, day);
    const deckInput: DayDeckInput = { model, program, schedule, day, labels, sourceOf: (file) => ctx.diagnostics.text(file) };
    // The job of a deck built here, for its PPTX; a cached deck is built again only if its PPTX is missing.
    let job: PptxJob | undefined;
    let entry: Bundle<DeckFacts> | undefined;
    const deck = () =>
      (entry ??= ctx.memo.bundle<DeckFacts>('slides-deck', input(i), () => {
        const made = makeDeckEntry(deckInput, date);
        job = made.job;
        return made.entry;
      }));
    const kept = group?.facts.days[i];
    // The day's facts in full (with its PPTX key input), which the group does not keep.
    const dayFacts = () => known?.[i] ?? deck().facts;
    if (!group) facts.push(dayFacts());
    const overflow = kept?.overflow ?? dayFacts().overflow;
    reportOverflow(overflow, day, ctx.diagnostics, build.warned);
    const md = kept && ctx.reuseKey('slides-deck', kept.md) ? kept.md : deckMarp(ctx, `${path}.md`, input(i), () => deck().parts[0]!);
    if (kept && ctx.reuseKey('slides-pptx', kept.pptx)) {
      recorded.push({ overflow, md, pptx: kept.pptx });
      continue;
    }
    const pptxInput = dayFacts().pptx;
    recorded.push({ overflow, md, pptx: ctx.memo.keyFor('slides-pptx', pptxInput) });
    // An unchanged deck stays as the previous output has it; the others go to the output as soon
    // as they are written, so the decks are never all in memory.
    if (ctx.reuse([`${path}.pptx`], 'slides-pptx', pptxInput)) continue;
    const pptx = () => {
      // Read only now: a deck the cache holds never reads its previous file.
      const previous = ctx.previous(`${path}.pptx`);
      build.decks.written++;
      if (previous) build.decks.based++;
      return build.writers.request({ ...(job ?? makeDeckEntry(deckInput, date).job), previous });
    };
    const done = ctx.memo.bytes('slides-pptx', pptxInput, pptx).then((bytes) => ctx.emit({ path: `${path}.pptx`, contents: bytes }));
    done.catch(() => undefined); // reported by Promise.all in render, not as an unhandled rejection meanwhile
    build.written.push(done);
    await build.writers.pace();
  }
  if (programInput !== undefined) {
    if (!known) ctx.memo.bundle<ProgramFacts>('slides-program', programInput, () => ({ facts: { days: facts }, parts: [] }));
    const programKey = ctx.memo.keyFor('slides-program', programInput);
    ctx.memo.bundle<ProgramGroup>('slides-group', groupInput, () => ({ facts: { program: programKey, days: recorded }, parts: [Buffer.from(JSON.stringify(facts.map((f) => f.outline)), 'utf8')] }));
  }
  // The outline also prints the programme's other days and facts: made from what the group input names, it is kept under it.
  const outline = `programs/${program.id}/slides/outline.md`;
  if (ctx.reuse([outline], 'slides-outline', groupInput)) return;
  const bySection = group ? (JSON.parse(Buffer.from(group.parts[0]!).toString('utf8')) as string[][]) : facts.map((f) => f.outline);
  ctx.emit({ path: outline, contents: writeOutline(model, program, schedule, new Map(days.map((day, i) => [day.number, bySection[i]!])), labels) });
}

/** A day's Marp deck: taken over from the previous output, or emitted from its entry; returns its key. */
function deckMarp(ctx: RenderContext, path: string, input: string, text: () => Uint8Array): string {
  if (!ctx.reuse([path], 'slides-deck', input)) ctx.emit({ path, contents: text() });
  return ctx.memo.keyFor('slides-deck', input);
}
