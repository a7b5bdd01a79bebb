// What one role's handbook or trainer guide contains, in reading order: the programmes of the role,
// each session and assessment once (later programmes link back), and where each competency is taught.
import type { Assessment, Competency, Program, Role, Session, TrainerRef } from '../../model/types.js';
import type { ProgramSchedule } from '../../schedule/types.js';
import type { RenderContext } from '../types.js';

/** The learner handbook or the trainer guide. */
export type Edition = 'learner' | 'trainer';

/** One scheduled occurrence of a session or assessment. */
export interface Slot {
  program: Program;
  day: number;
  start: number;
  end: number;
  trainer?: TrainerRef;
  location?: string;
}

/** A session or assessment of a programme: printed here, or printed in an earlier programme. */
export type Entry<T> = { printed: true; item: T; anchor: string } | { printed: false; item: T; anchor: string; in: Program };

/** A programme chapter. */
export interface BookProgram {
  program: Program;
  anchor: string;
  schedule: ProgramSchedule;
  sessions: Entry<Session>[];
  assessments: Entry<Assessment>[];
}

/** One role's book before templating. */
export interface Book {
  role: Role;
  edition: Edition;
  /** Output path of the page, e.g. roles/agent/handbook.html. */
  page: string;
  programs: BookProgram[];
  competencies: { competency: Competency; sessions: Entry<Session>[]; assessments: Entry<Assessment>[] }[];
  /** The role this one reports to, when it names one the curriculum has. */
  reportsTo?: Role;
  /**
   * Whether the role's profile has anything to print (a summary, whom it reports to,
   * responsibilities or competencies): a role given only a title gets no profile page.
   */
  hasProfile: boolean;
  /** Anchor of every session printed in this book, by session id. */
  sessionAnchors: Map<string, string>;
  /** Every scheduled occurrence of a session or assessment in this book's programmes. */
  slotsOf(kind: 'session' | 'assessment', id: string): Slot[];
  /**
   * How many books of this edition the build makes that print each session, by session id, when
   * known: a session's HTML is kept in memory until the last of them has it.
   */
  readers?: ReadonlyMap<string, number>;
}

/** The page anchor of a session: ids are kebab-case, so `--` cannot occur inside them. */
export function sessionAnchor(s: Session): string {
  return `session-${s.moduleId}--${s.slug}`;
}

/** The page anchor of an assessment. */
export function assessmentAnchor(a: Assessment): string {
  return `assessment-${a.id}`;
}

/** Output path of a role's book. */
export function bookPath(roleId: string, edition: Edition): string {
  return `roles/${roleId}/${edition === 'learner' ? 'handbook' : 'trainer-guide'}.html`;
}

/** The roles that get books in this build (`--role`). */
export function selectedRoles(ctx: RenderContext): Role[] {
  return ctx.model.roles.filter((r) => !ctx.roles || ctx.roles.includes(r.id));
}

/** Collect a role's programmes, sessions, assessments and slots in reading order. */
export function buildBook(ctx: RenderContext, role: Role, edition: Edition): Book {
  const { model } = ctx;
  const daysOf = (id: string) => model.schedules.get(id)?.days.length ?? 0;
  // The role's main programme (the longest, e.g. onboarding) first, refreshers after; ties keep model order.
  const programs = model.programs
    .filter((p) => p.roles.includes(role.id) && (!ctx.programs || ctx.programs.includes(p.id)))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => daysOf(b.p.id) - daysOf(a.p.id) || a.i - b.i)
    .map(({ p }) => p);
  const printedSessions = new Map<string, Program>();
  const printedAssessments = new Map<string, Program>();
  const slots = new Map<string, Slot[]>();
  const chapters: BookProgram[] = [];
  for (const program of programs) {
    const schedule = model.schedules.get(program.id) ?? { days: [], cohorts: [], minutes: 0 };
    const sessions: Entry<Session>[] = [];
    const assessments: Entry<Assessment>[] = [];
    const seen = new Set<string>();
    for (const day of schedule.days) {
      for (const item of day.items) {
        const key = item.session ? `s:${item.session.id}` : item.assessment ? `a:${item.assessment.id}` : undefined;
        if (!key) continue;
        const list = slots.get(key) ?? [];
        list.push({ program, day: day.number, start: item.start, end: item.end, trainer: item.trainer, location: item.location ?? day.location });
        slots.set(key, list);
        if (seen.has(key)) continue;
        seen.add(key);
        if (item.session) sessions.push(entry(item.session, sessionAnchor(item.session), printedSessions, item.session.id, program));
        if (item.assessment) assessments.push(entry(item.assessment, assessmentAnchor(item.assessment), printedAssessments, item.assessment.id, program));
      }
    }
    chapters.push({ program, anchor: `program-${program.id}`, schedule, sessions, assessments });
  }
  const printed = <T>(list: Entry<T>[]) => list.filter((e) => e.printed);
  const allSessions = chapters.flatMap((c) => printed(c.sessions));
  const allAssessments = chapters.flatMap((c) => printed(c.assessments));
  const sessionsBy = byCompetency(allSessions);
  const assessmentsBy = byCompetency(allAssessments);
  const competencies = role.competencies.map((id) => ({
    competency: model.competencies.find((c) => c.id === id) ?? { id, title: id },
    sessions: sessionsBy.get(id) ?? [],
    assessments: assessmentsBy.get(id) ?? [],
  }));
  const reportsTo = role.reportsTo ? model.roles.find((r) => r.id === role.reportsTo) : undefined;
  return {
    role,
    edition,
    page: bookPath(role.id, edition),
    programs: chapters,
    competencies,
    reportsTo,
    hasProfile: Boolean(role.summary || reportsTo || role.responsibilities.length || competencies.length),
    sessionAnchors: new Map(allSessions.map((e) => [e.item.id, e.anchor])),
    slotsOf: (kind, id) => slots.get(`${kind === 'session' ? 's' : 'a'}:${id}`) ?? [],
  };
}

/** The same book in another edition: both editions print the same programmes, sessions and slots. */
export function inEdition(book: Book, edition: Edition): Book {
  return { ...book, edition, page: bookPath(book.role.id, edition) };
}

/** The entries that teach each competency, in reading order, each once. */
function byCompetency<T extends { competencies: string[] }>(entries: Entry<T>[]): Map<string, Entry<T>[]> {
  const out = new Map<string, Entry<T>[]>();
  for (const e of entries) {
    for (const id of new Set(e.item.competencies)) {
      const list = out.get(id);
      if (list) list.push(e);
      else out.set(id, [e]);
    }
  }
  return out;
}

function entry<T>(item: T, anchor: string, printed: Map<string, Program>, id: string, program: Program): Entry<T> {
  const first = printed.get(id);
  if (first) return { printed: false, item, anchor, in: first };
  printed.set(id, program);
  return { printed: true, item, anchor };
}
