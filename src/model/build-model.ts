// Resolves validated sources into the typed Curriculum: ids to objects, day templates merged,
// trainers resolved, module order applied. Tolerant of errors already reported by the rules.
import { dirname, relative, resolve, sep } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { ModuleEntry, SessionEntry, Sources } from '../load/read-sources.js';
import { contentKeyOf } from '../load/source-text.js';
import { LazySourceRef, locate, type YamlPath, type YamlSource } from '../load/yaml-source.js';
import type { BodyFacts } from '../markdown/body-facts.js';
import type { RuleContext } from '../rules/context.js';
import { classifyUrl, localTarget } from '../rules/markdown-blocks.js';
import { parseTime } from '../schema/common.js';
import { formatMinutes } from '../util/time.js';
import type { AssessmentSource } from '../schema/assessment.js';
import type { ProgramSource } from '../schema/program.js';
import { weekdayOf } from '../schedule/calendar.js';
import type {
  Asset, Assessment, BlockDays, Cohort, Curriculum, DayItem, DayTemplate, Module, Program, Question, Session, SourceRef, TeachingDay, TrainerRef,
} from './types.js';

/** The day used when curriculum.yaml gives none. */
export const DEFAULT_DAY: DayTemplate = {
  start: parseTime('09:00')!,
  end: parseTime('17:30')!,
  breaks: [{ start: parseTime('12:00')!, end: parseTime('13:30')!, title: undefined }],
};

type DayOverride = { start?: number; end?: number; breaks?: { start: number; end: number; title?: string }[] } | undefined;

/** Build the resolved model from the sources; unresolved references are skipped (rules reported them). */
export function buildModel(sources: Sources, ctx: RuleContext): Curriculum {
  const c = sources.curriculum?.data;
  const trainersById = new Map(Object.entries(c?.trainers ?? {}).map(([id, t]) => [id, { id, ...t }]));
  const rolesById = new Map(sources.roles.filter((r) => r.data).map((r) => [r.id, r.data!]));
  // A trainer's name written where its id would do (`trainer: 王芳` for wang-fang: 王芳) is that
  // trainer, so that their bookings are checked and listed; a name two trainers share stays text.
  const byName = new Map<string, string | null>();
  for (const [id, t] of trainersById) byName.set(t.name, byName.has(t.name) ? null : id);
  const resolveTrainer = (value: string | undefined): TrainerRef | undefined => {
    if (value === undefined) return undefined;
    const t = trainersById.get(value);
    if (t) return { kind: 'trainer', id: value, name: t.name };
    const role = rolesById.get(value);
    if (role) return { kind: 'role', id: value, name: role.title };
    const named = byName.get(value);
    if (named) return { kind: 'trainer', id: named, name: value };
    return { kind: 'text', id: value, name: value };
  };
  const baseTemplate = mergeTemplate(DEFAULT_DAY, c?.day, sources.curriculum?.ys, ['day'], ctx);

  const modules = sources.modules.map((m) => buildModule(m, resolveTrainer, sources.sourceDir));
  const sessions = new Map<string, Session>();
  for (const m of modules) for (const s of m.sessions) if (!sessions.has(s.id)) sessions.set(s.id, s);
  const assessments = sources.assessments.filter((a) => a.data).map((a) => buildAssessment(a.id, a.ys.src.path, a.data!));
  const assessmentsById = new Map(assessments.map((a) => [a.id, a]));

  const programs: Program[] = [];
  for (const p of sources.programs) {
    if (!p.data) continue;
    programs.push(buildProgram(p.id, p.ys, p.data, baseTemplate, sessions, assessmentsById, resolveTrainer, ctx));
  }

  const workdays = c?.calendar?.workdays ?? ['mon', 'tue', 'wed', 'thu', 'fri'];
  return {
    sourceDir: sources.sourceDir,
    title: c?.title ?? '',
    organization: c?.organization,
    locale: c?.locale ?? 'zh-CN',
    timezone: c?.timezone ?? 'Asia/Shanghai',
    template: baseTemplate,
    workdays,
    holidays: [...new Set(c?.calendar?.holidays ?? [])].sort(),
    // One whose weekday is worked anyway changes nothing (a warning says so), and is not marked as one.
    extraWorkdays: [...new Set(c?.calendar?.extraWorkdays ?? [])].filter((date) => !workdays.includes(weekdayOf(date))).sort(),
    competencies: Object.entries(c?.competencies ?? {}).map(([id, title]) => ({ id, title })),
    trainers: [...trainersById.values()],
    minHoursPerYear: c?.policy?.minHoursPerYear,
    roles: orderRoles(sources.roles.filter((r) => r.data))
      .map((r) => ({
        id: r.id,
        file: r.ys.src.path,
        title: r.data!.title,
        summary: r.data!.summary,
        responsibilities: r.data!.responsibilities ?? [],
        competencies: r.data!.competencies ?? [],
        reportsTo: r.data!.reportsTo,
      })),
    modules,
    sessions,
    programs,
    assessments,
    schedules: new Map(),
  };
}

/**
 * Roles from the front line up the reporting chain (agent, team lead, supervisor, manager), as
 * training plans list them; roles at the same level keep file-name order.
 */
function orderRoles<T extends { id: string; data?: { reportsTo?: string } }>(roles: T[]): T[] {
  const byId = new Map(roles.map((r) => [r.id, r]));
  const height = (r: T): number => {
    let h = 0;
    const seen = new Set<string>([r.id]);
    for (let boss = r.data?.reportsTo; boss && byId.has(boss) && !seen.has(boss); boss = byId.get(boss)!.data?.reportsTo) {
      seen.add(boss);
      h++;
    }
    return h;
  };
  const heights = new Map(roles.map((r) => [r.id, height(r)]));
  return [...roles].sort((a, b) => heights.get(b.id)! - heights.get(a.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Merge a partial day over a template and check that the result is a usable day: every problem is
 * reported at its place (the day's `end`, or the break, by its title and times); a day with any keeps
 * the template it would have changed.
 */
function mergeTemplate(base: DayTemplate, over: DayOverride, ys: YamlSource | undefined, path: YamlPath, ctx: RuleContext): DayTemplate {
  if (!over) return base;
  // The breaks in time order, each with its place in the list it was written in.
  const ordered = (over.breaks ?? base.breaks).map((b, index) => ({ b: { ...b }, index })).sort((x, y) => x.b.start - y.b.start);
  const t: DayTemplate = { start: over.start ?? base.start, end: over.end ?? base.end, breaks: ordered.map(({ b }) => b) };
  const problems: { at: YamlPath; problem: string }[] = [];
  const span = (b: { start: number; end: number }) => `${formatMinutes(b.start)}–${formatMinutes(b.end)}`;
  // Breaks written here are named at their item; breaks kept from the template, at what moved the day around them.
  const breakAt = (index: number): YamlPath => (over.breaks !== undefined ? [...path, 'breaks', index] : [...path, over.start !== undefined ? 'start' : 'end']);
  const named = (b: DayTemplate['breaks'][number]) => (b.title ? `the break "${b.title}" (${span(b)})` : `the break ${span(b)}`);
  if (t.start >= t.end) {
    problems.push({ at: [...path, over.end !== undefined ? 'end' : 'start'], problem: `the day ends at ${formatMinutes(t.end)}, not after it starts at ${formatMinutes(t.start)}` });
  } else {
    let last: DayTemplate['breaks'][number] | undefined;
    for (const { b, index } of ordered) {
      if (b.start >= b.end) problems.push({ at: breakAt(index), problem: `${named(b)} ends before it starts` });
      else if (b.start < t.start || b.end > t.end) problems.push({ at: breakAt(index), problem: `${named(b)} lies outside the day (${span(t)})` });
      else if (last && b.start < last.end) problems.push({ at: breakAt(index), problem: `${named(b)} overlaps ${named(last)}` });
      if (b.start < b.end && (!last || b.end > last.end)) last = b;
    }
  }
  if (ys) for (const { at, problem } of problems) ctx.at(ys, at, 'invalid-day-template', `Invalid day template: ${problem}.`);
  return problems.length ? base : t;
}

function buildModule(m: ModuleEntry, resolveTrainer: (v: string | undefined) => TrainerRef | undefined, sourceDir: string): Module {
  const listed = m.entry?.data?.sessions ?? [];
  const bySlug = new Map(m.sessions.map((s) => [s.slug, s]));
  const ordered: SessionEntry[] = [];
  for (const slug of listed) {
    const s = bySlug.get(slug);
    if (s && !ordered.includes(s)) ordered.push(s);
  }
  for (const s of m.sessions) if (!ordered.includes(s)) ordered.push(s);
  return {
    id: m.id,
    file: m.entry?.ys.src.path ?? '',
    title: m.entry?.data?.title ?? m.id,
    summary: m.entry?.data?.summary,
    sessions: ordered.filter((s) => s.data).map((s) => buildSession(s, resolveTrainer, sourceDir)),
  };
}

function buildSession(s: SessionEntry, resolveTrainer: (v: string | undefined) => TrainerRef | undefined, sourceDir: string): Session {
  const d = s.data!;
  return {
    id: s.id,
    moduleId: s.moduleId,
    slug: s.slug,
    file: s.src.path,
    title: d.title,
    minutes: d.duration,
    methods: d.methods ?? [],
    trainer: resolveTrainer(d.trainer),
    location: d.location,
    objectives: d.objectives ?? [],
    materials: d.materials ?? [],
    competencies: d.competencies ?? [],
    facts: s.facts,
    // A getter, not a copy, so a cached session's tree stays undecoded until something shows it.
    get mdast() {
      return s.mdast;
    },
    // From the stamp record when the file was known unchanged: its text is then not read at all.
    contentKey: contentKeyOf(s.src),
    assets: collectAssets(s.facts, s.src.abs, sourceDir),
  };
}

/** Local files referenced from a session that exist inside the source folder. */
export function collectAssets(facts: BodyFacts, fileAbs: string, sourceDir: string): Asset[] {
  const out = new Map<string, Asset>();
  const root = resolve(sourceDir);
  for (const { url } of facts.urls) {
    if (classifyUrl(url) !== 'local') continue;
    const target = localTarget(url);
    if (!target || /\.md$/i.test(target)) continue;
    const abs = resolve(dirname(fileAbs), target);
    if (!abs.startsWith(root + sep) || !existsSync(abs) || !statSync(abs).isFile()) continue;
    const sourcePath = relative(root, abs).split(sep).join('/');
    out.set(sourcePath, { sourcePath, abs });
  }
  return [...out.values()].sort((a, b) => (a.sourcePath < b.sourcePath ? -1 : 1));
}

function buildAssessment(id: string, file: string, d: AssessmentSource): Assessment {
  const questions: Question[] = (d.questions ?? []).map((q, i) => ({
    index: i + 1,
    prompt: q.prompt,
    type: q.type,
    options: q.type === 'true-false' ? [] : (q.options ?? []),
    answer:
      q.type === 'true-false'
        ? q.answer === true
        : q.type === 'short'
          ? (Array.isArray(q.answer) ? q.answer : [q.answer]).map(String)
          : (Array.isArray(q.answer) ? q.answer : [q.answer]).map(Number),
    ...(q.type === 'short' && Array.isArray(q.answer) ? { accepted: true as const } : {}),
    points: q.points,
    competency: q.competency,
    explanation: q.explanation,
  }));
  const total = d.totalPoints ?? (questions.length ? questions.reduce((t, q) => t + q.points, 0) : (d.rubric ?? []).reduce((t, r) => t + r.points, 0));
  return {
    id,
    file,
    title: d.title,
    kind: d.kind,
    minutes: d.duration,
    passMark: d.passMark,
    totalPoints: total,
    instructions: d.instructions,
    competencies: d.competencies ?? [],
    questions,
    rubric: d.rubric ?? [],
    scenarios: d.scenarios ?? [],
  };
}

function buildProgram(
  id: string,
  ys: YamlSource,
  d: ProgramSource,
  base: DayTemplate,
  sessions: Map<string, Session>,
  assessments: Map<string, Assessment>,
  resolveTrainer: (v: string | undefined) => TrainerRef | undefined,
  ctx: RuleContext,
): Program {
  const ref = (path: YamlPath): SourceRef => new LazySourceRef(ys, path);
  const template = mergeTemplate(base, d.day, ys, ['day'], ctx);
  const days: (TeachingDay | BlockDays)[] = d.days.map((day, i) => {
    if (day.kind === 'block') {
      return { kind: 'block', title: day.block, days: day.days, location: day.location, lead: resolveTrainer(day.lead), summary: day.summary, ref: ref(['days', i]) };
    }
    const items: DayItem[] = [];
    day.sessions.forEach((item, j) => {
      const itemRef = ref(['days', i, 'sessions', j]);
      const common = { start: item.start, trainer: resolveTrainer(item.trainer), location: item.location, ref: itemRef };
      if (item.kind === 'session') {
        const session = sessions.get(item.session);
        if (session) items.push({ kind: 'session', session, ...common });
      } else if (item.kind === 'assessment') {
        const assessment = assessments.get(item.assessment);
        if (!assessment) return;
        if (assessment.minutes === undefined) {
          ctx.at(ys, ['days', i, 'sessions', j], 'missing-duration', `Assessment "${assessment.id}" is scheduled here but has no \`duration\` (in ${assessment.file}).`);
          return;
        }
        items.push({ kind: 'assessment', assessment, ...common });
      } else {
        items.push({ kind: 'activity', title: item.title, minutes: item.duration, ...common });
      }
    });
    return {
      kind: 'day',
      title: day.title,
      location: day.location,
      summary: day.summary,
      template: mergeTemplate(template, day.day, ys, ['days', i, 'day'], ctx),
      items,
      ref: ref(['days', i]),
    };
  });
  const cohorts: Cohort[] = (d.cohorts ?? []).map((c, i) => ({ id: `${c.start}${cohortSuffix(d.cohorts ?? [], i)}`, name: c.name, start: c.start, ref: ref(['cohorts', i]) }));
  return { id, file: ys.src.path, title: d.title, summary: d.summary, roles: d.roles, cohorts, template, days };
}

/** "-2", "-3" for further cohorts starting on the same date, so cohort ids stay unique and stable. */
function cohortSuffix(all: { start: string }[], i: number): string {
  const same = all.slice(0, i).filter((c) => c.start === all[i]!.start).length;
  return same ? `-${same + 1}` : '';
}

