// Cross-file reference rules: every id a file names must exist, with "did you mean" for typos.
import { ID_PATTERN } from '../schema/common.js';
import { didYouMean } from '../util/suggest.js';
import type { YamlPath, YamlSource } from '../load/yaml-source.js';
import type { RuleContext, SourceRule } from './context.js';
import { validKeys } from '../load/validate-yaml.js';
import { assessmentSchema } from '../schema/assessment.js';
import { moduleSchema } from '../schema/module.js';
import { itemSchema, programSchema, type ItemSource, type ProgramSource } from '../schema/program.js';
import { isRecord } from '../util/is-record.js';
import { roleSchema } from '../schema/role.js';
import { sessionSchema } from '../schema/session.js';

/** Check a trainer value: an id-shaped value that is neither a trainer nor a role gets a warning. */
export function checkTrainer(ctx: RuleContext, ys: YamlSource, path: YamlPath, value: string | undefined): void {
  if (value === undefined || !ID_PATTERN.test(value) || !ctx.index.hasCurriculum || !ctx.index.trainersRead) return;
  if (ctx.index.trainers.has(value) || ctx.index.roles.has(value)) return;
  const known = [...ctx.index.trainers, ...ctx.index.roles.keys()];
  ctx.at(ys, path, 'unknown-trainer', `"${value}" is neither a trainer id nor a role id; it is shown as a plain name.${didYouMean(value, known)}`);
}

function checkCompetencies(ctx: RuleContext, ys: YamlSource, path: YamlPath, ids: string[] | undefined): void {
  if (!ctx.index.hasCurriculum || !ctx.index.competenciesRead) return;
  ids?.forEach((id, i) => {
    if (!ctx.index.competencies.has(id)) {
      ctx.at(ys, [...path, i], 'unknown-competency', `Unknown competency "${id}".${didYouMean(id, ctx.index.competencies)}`);
    }
  });
}

// Each rule reads a file's validated data, or, when the file has a schema error, the keys that are
// valid on their own (`validKeys`): its other references are checked in the same run.

/** Roles: reportsTo and competencies. */
export const roleReferences: SourceRule = (ctx) => {
  for (const role of ctx.sources.roles) {
    const data = role.data ?? validKeys(role.ys, roleSchema);
    if (!data) continue;
    const boss = data.reportsTo;
    if (boss !== undefined && !ctx.index.roles.has(boss) && !ctx.index.unreadable.role.has(boss)) {
      ctx.at(role.ys, ['reportsTo'], 'unknown-role', `Unknown role "${boss}".${didYouMean(boss, ctx.index.roles.keys())}`);
    }
    checkCompetencies(ctx, role.ys, ['competencies'], data.competencies);
  }
};

/** Sessions: competencies and trainer. */
export const sessionReferences: SourceRule = (ctx) => {
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      if (!s.ys) continue;
      const data = s.data ?? validKeys(s.ys, sessionSchema);
      if (!data) continue;
      checkCompetencies(ctx, s.ys, ['competencies'], data.competencies);
      checkTrainer(ctx, s.ys, ['trainer'], data.trainer);
    }
  }
};

/** Assessments: competencies of the assessment and of each question. */
export const assessmentReferences: SourceRule = (ctx) => {
  for (const a of ctx.sources.assessments) {
    const data = a.data ?? validKeys(a.ys, assessmentSchema);
    if (!data) continue;
    checkCompetencies(ctx, a.ys, ['competencies'], data.competencies);
    data.questions?.forEach((q, i) => {
      if (q.competency) checkCompetencies(ctx, a.ys, ['questions', i, 'competency'], [q.competency]);
    });
  }
};

/** Module session lists: every listed session has a file, no repeats; files not listed are flagged. */
export const moduleSessionLists: SourceRule = (ctx) => {
  for (const mod of ctx.sources.modules) {
    const entry = mod.entry;
    const listed = (entry?.data ?? validKeys(entry?.ys, moduleSchema))?.sessions;
    if (!entry || !listed) continue;
    const files = new Set(mod.sessions.map((s) => s.slug));
    const seen = new Set<string>();
    listed.forEach((slug, i) => {
      if (seen.has(slug)) ctx.at(entry.ys, ['sessions', i], 'duplicate-reference', `Session "${slug}" is listed twice.`);
      seen.add(slug);
      if (!files.has(slug) && !ctx.index.unreadable.session.has(`${mod.id}/${slug}`)) {
        ctx.at(entry.ys, ['sessions', i], 'unknown-session', `Module "${mod.id}" lists session "${slug}", but there is no file for it.${didYouMean(slug, files)}`);
      }
    });
    for (const s of mod.sessions) {
      if (!seen.has(s.slug)) {
        ctx.report(s.src.path, 'unlisted-session', `Session "${s.slug}" is not in the \`sessions:\` list of modules/${mod.id}/module.yaml; it is placed after the listed ones.`);
      }
    }
  }
};

/** Programmes: roles, sessions, assessments, trainers and block leads. */
export const programReferences: SourceRule = (ctx) => {
  for (const p of ctx.sources.programs) {
    const data = p.data ?? validKeys(p.ys, programSchema);
    if (!data) continue;
    data.roles?.forEach((role, i) => {
      if (!ctx.index.roles.has(role) && !ctx.index.unreadable.role.has(role)) ctx.at(p.ys, ['roles', i], 'unknown-role', `Unknown role "${role}".${didYouMean(role, ctx.index.roles.keys())}`);
    });
    daysToCheck(p.ys, data.days).forEach((day, d) => {
      if (day.kind === 'block') {
        checkTrainer(ctx, p.ys, ['days', d, 'lead'], day.lead);
        return;
      }
      const seen = new Map<string, number>();
      day.sessions.forEach((item, i) => {
        const itemPath = typeof (p.ys.data as { days: { sessions: unknown[] }[] }).days[d]?.sessions[i] === 'string' ? ['days', d, 'sessions', i] : ['days', d, 'sessions', i, item.kind];
        if (item.kind === 'session') {
          const known = ctx.index.sessions.has(item.session) || ctx.index.unreadable.session.has(item.session);
          if (!known) ctx.at(p.ys, itemPath, 'unknown-session', unknownSessionMessage(ctx, item.session));
          // On several days a session is a repeat by design (practice); twice in one day it is most likely pasted twice,
          // unless the item says `repeat: true`. An unknown session is not scheduled at all: each item naming it has its
          // error, and no repeat warning.
          const first = seen.get(item.session);
          if (known && first !== undefined && !item.repeat) ctx.at(p.ys, itemPath, 'repeated-session', `"${item.session}" is already item ${first + 1} of this day; it is scheduled twice.`);
          else if (known) seen.set(item.session, i);
        } else if (item.kind === 'assessment') {
          if (!ctx.index.assessments.has(item.assessment) && !ctx.index.unreadable.assessment.has(item.assessment)) {
            ctx.at(p.ys, itemPath, 'unknown-assessment', `Unknown assessment "${item.assessment}".${didYouMean(item.assessment, ctx.index.assessments.keys())}`);
          }
        }
        checkTrainer(ctx, p.ys, ['days', d, 'sessions', i, 'trainer'], item.trainer);
      });
    });
  }
};

type ProgramDay = NonNullable<ProgramSource['days']>[number];

/**
 * A programme's days whose references are checked: the valid ones (`validKeys`), and, for a teaching
 * day with a schema error, the items that are valid on their own, each at its index; an item with a
 * schema error of its own still has the session or assessment it names (and its trainer) checked,
 * so that a typo beside the error is reported in the same run instead of after the fix.
 */
function daysToCheck(ys: YamlSource, valid: (ProgramDay | undefined)[] | undefined): ProgramDay[] {
  const days: ProgramDay[] = [];
  const raw = isRecord(ys.data) && Array.isArray(ys.data.days) ? (ys.data.days as unknown[]) : [];
  raw.forEach((entry, d) => {
    const day = valid?.[d];
    if (day !== undefined) days[d] = day;
    else if (isRecord(entry) && !('block' in entry) && Array.isArray(entry.sessions)) {
      const sessions = new Array<ItemSource>(entry.sessions.length);
      entry.sessions.forEach((item: unknown, i) => {
        const parsed = itemSchema.safeParse(item);
        const named = parsed.success ? parsed.data : namedBy(item);
        if (named) sessions[i] = named;
      });
      days[d] = { kind: 'day', title: '', sessions };
    }
  });
  return days;
}

/** What a day item with a schema error names: the session or assessment it refers to, and its trainer, where they are text. */
function namedBy(item: unknown): ItemSource | undefined {
  if (!isRecord(item)) return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const trainer = text(item.trainer);
  const session = text(item.session);
  if (session !== undefined && !('assessment' in item)) return { kind: 'session', session, trainer };
  const assessment = text(item.assessment);
  if (assessment !== undefined && ID_PATTERN.test(assessment) && !('session' in item)) return { kind: 'assessment', assessment, trainer };
  return undefined;
}

function unknownSessionMessage(ctx: RuleContext, ref: string): string {
  const [moduleId, slug] = ref.split('/');
  if (!ref.includes('/') || slug === undefined) {
    const matches = [...ctx.index.sessions.keys()].filter((id) => id.endsWith(`/${ref}`));
    const hint = matches.length ? ` Did you mean "${matches[0]}"?` : didYouMean(ref, ctx.index.sessions.keys());
    return `Session reference "${ref}" must name the module too: "<module-id>/<session-id>".${hint}`;
  }
  if (!ctx.index.modules.has(moduleId!)) return `Unknown module "${moduleId}" in "${ref}".${didYouMean(ref, ctx.index.sessions.keys())}`;
  return `Unknown session "${ref}".${didYouMean(ref, ctx.index.sessions.keys())}`;
}
