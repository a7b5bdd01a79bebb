// Keys of the schedule outputs in the output cache: a programme's schedule files and a trainer's
// page and calendar are reused while everything they print is unchanged. The key lists what the
// renderers and the built-in templates read (computed schedule, session and assessment facts,
// module and role titles, labels, curriculum fields, edition date, which schedule pages exist); a
// session's body is not read, so a body edit keeps these outputs. Templates of the curriculum's own
// may read any part of the model: then the whole model (bodies apart) is part of every key.
import { modelDigest } from '../../cache/model-digest.js';
import type { Cohort, Curriculum, Program, Trainer } from '../../model/types.js';
import type { Booking } from '../../schedule/bookings.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';
import { labelsDigest } from '../slides/deck-key.js';
import type { OutputFile, RenderContext } from '../types.js';

/** Facts of a model's items, days and cohorts as JSON, serialised once and shared by both outputs. */
interface Facts {
  items: WeakMap<ScheduledItem, string>;
  days: WeakMap<ScheduledDay, string>;
  cohorts: WeakMap<Cohort, string>;
  modules: Map<string, string>;
}

const factsOf = new WeakMap<Curriculum, Facts>();

/** Key inputs of one build's schedule pieces. */
export class ScheduleKeys {
  private readonly facts: Facts;
  private readonly common: string;

  constructor(private readonly ctx: RenderContext) {
    const { model } = ctx;
    let facts = factsOf.get(model);
    if (!facts) factsOf.set(model, (facts = { items: new WeakMap(), days: new WeakMap(), cohorts: new WeakMap(), modules: new Map(model.modules.map((m) => [m.id, m.title])) }));
    this.facts = facts;
    // Templates of the curriculum's own may read anything (the group key of `groupedFiles` covers the model too).
    const scope = ctx.templates.dirs.length > 1 ? modelDigest(model) : null;
    // The extra workdays are marked beside their dates (周六（调休）); the working week splits a block's dates into runs.
    this.common = JSON.stringify(['schedule@1', scope, labelsDigest(ctx.labels), ctx.editionDate ?? null, model.locale, model.timezone, model.title, model.organization ?? null, model.extraWorkdays, model.workdays]);
  }

  /** The key input of a programme's schedule files. */
  program(program: Program, schedule: ProgramSchedule): string {
    const roles = program.roles.map((r) => [r, this.ctx.model.roles.find((x) => x.id === r)?.title ?? null]);
    const cohorts = schedule.cohorts.map(({ cohort, dates }) => `[${this.cohort(cohort)},${JSON.stringify(dates)}]`);
    // Days of one block share their source: the page shows them as one section.
    const days = schedule.days.map((d) => `[${this.day(d)},${schedule.days.findIndex((x) => x.ref === d.ref)},[${d.items.map((i) => this.item(i)).join(',')}]]`);
    const head = JSON.stringify([program.id, program.title, program.summary ?? null, roles, schedule.minutes]);
    return `[${this.common},${head},[${cohorts.join(',')}],[${days.join(',')}]]`;
  }

  /** The key input of a trainer's page and calendar. */
  trainer(trainer: Trainer, bookings: readonly Booking[]): string {
    const programs = new Map<Program, string>();
    const rows = bookings.map((b) => {
      let program = programs.get(b.program);
      if (program === undefined) programs.set(b.program, (program = JSON.stringify([b.program.id, b.program.title, producesSchedule(this.ctx, b.program.id)])));
      return `[${program},${b.cohort ? this.cohort(b.cohort) : null},${JSON.stringify(b.date ?? null)},${this.day(b.day)},${this.item(b.item)}]`;
    });
    const head = JSON.stringify([trainer.id, trainer.name, trainer.title ?? null, trainer.email ?? null]);
    return `[${this.common},${head},[${rows.join(',')}]]`;
  }

  private cohort(c: Cohort): string {
    let facts = this.facts.cohorts.get(c);
    if (facts === undefined) this.facts.cohorts.set(c, (facts = JSON.stringify([c.id, c.name, c.start])));
    return facts;
  }

  private day(d: ScheduledDay): string {
    let facts = this.facts.days.get(d);
    if (facts === undefined) {
      const t = d.template;
      const template = [t.start, t.end, t.breaks.map((b) => [b.start, b.end, b.title ?? null])];
      facts = JSON.stringify([d.number, d.kind, d.title, d.location ?? null, d.summary ?? null, d.blockDay ?? null, d.start, d.end, d.minutes, template]);
      this.facts.days.set(d, facts);
    }
    return facts;
  }

  private item(i: ScheduledItem): string {
    let facts = this.facts.items.get(i);
    if (facts === undefined) {
      const { session: s, assessment: a, trainer: t } = i;
      facts = JSON.stringify([
        i.kind, i.title, i.start, i.end, i.minutes, i.index ?? null, i.location ?? null,
        t ? [t.kind, t.id, t.name] : null,
        s ? [s.id, s.moduleId, this.facts.modules.get(s.moduleId) ?? null, s.title, s.methods, s.objectives] : null,
        a ? [a.id, a.kind, a.title, a.passMark ?? null, a.minutes ?? null] : null,
      ]);
      this.facts.items.set(i, facts);
    }
    return facts;
  }
}

/** One piece of a group (a programme's schedule files, a trainer's page and calendar): its key input and its files, each made only when needed. */
export interface GroupPiece {
  id: string;
  input: () => string;
  produce: () => TextFile[];
}

/**
 * The files of `pieces`, each through the output cache as `cachedFiles` makes them, and the whole
 * group through one more entry: keyed by all that any piece's key input is made from (the model but
 * for session bodies, labels, edition date, and the build's outputs and selection), it records each
 * piece's key. While that is unchanged (after an edit to session bodies only), each piece is taken
 * over from the previous output by its recorded key without making its key input, which lists every
 * scheduled item; a piece that cannot be taken over is made (or read) as usual.
 */
export function groupedFiles(ctx: RenderContext, kind: string, pieces: readonly GroupPiece[]): OutputFile[] {
  const group = `${kind}-group`;
  const groupInput = JSON.stringify([`${group}@1`, modelDigest(ctx.model), labelsDigest(ctx.labels), ctx.editionDate ?? null, [...ctx.outputs].sort(), ctx.roles ?? null, ctx.programs ?? null]);
  const recorded = ctx.memo.stored<[string, string][]>(group, groupInput)?.facts;
  const keys = new Map(recorded);
  const made: [string, string][] = [];
  const out: OutputFile[] = [];
  for (const piece of pieces) {
    const known = keys.get(piece.id);
    if (known !== undefined && ctx.reuseKey(kind, known)) {
      made.push([piece.id, known]);
      continue;
    }
    const input = piece.input();
    made.push([piece.id, ctx.memo.keyFor(kind, input)]);
    out.push(...cachedFiles(ctx, kind, input, piece.produce));
  }
  if (!recorded) ctx.memo.bundle(group, groupInput, () => ({ facts: made, parts: [] }));
  return out;
}

/** An output file whose contents are text. */
export type TextFile = OutputFile & { contents: string };

/**
 * Files made by `produce`, through the output cache as one entry (their bytes are never decoded
 * again); none when the previous output holds them made from the same entry (they are taken over).
 */
export function cachedFiles(ctx: RenderContext, kind: string, input: string, produce: () => TextFile[]): OutputFile[] {
  if (ctx.reuse(undefined, kind, input)) return [];
  const { facts, parts } = ctx.memo.bundle<string[]>(kind, input, () => {
    const files = produce();
    return { facts: files.map((f) => f.path), parts: files.map((f) => Buffer.from(f.contents, 'utf8')) };
  });
  // Named to the output stage, which records each file as made from this entry for the next build.
  if (ctx.reuse(facts, kind, input)) return [];
  return facts.map((path, i) => ({ path, contents: parts[i]! }));
}

/** Whether this build writes the programme's schedule page, so links to it work. */
export function producesSchedule(ctx: RenderContext, programId: string): boolean {
  return ctx.outputs.has('schedule') && (!ctx.programs || ctx.programs.includes(programId));
}
