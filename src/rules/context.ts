// The shared context of cross-file rules: the sources, lookup tables by id, and the diagnostics sink.
import { ID_PATTERN } from '../schema/common.js';
import type { Diagnostics, Place } from '../diagnostics/diagnostics.js';
import type { RuleId } from '../diagnostics/catalog.js';
import type { ModuleEntry, SessionEntry, Sources, YamlEntry } from '../load/read-sources.js';
import { locate, type YamlPath, type YamlSource } from '../load/yaml-source.js';
import type { Curriculum } from '../model/types.js';
import type { AssessmentSource } from '../schema/assessment.js';
import type { ProgramSource } from '../schema/program.js';
import type { RoleSource } from '../schema/role.js';

/** Lookup tables shared by the rules and the model builder. */
export interface SourceIndex {
  roles: Map<string, YamlEntry<RoleSource>>;
  modules: Map<string, ModuleEntry>;
  sessions: Map<string, SessionEntry>;
  programs: Map<string, YamlEntry<ProgramSource>>;
  assessments: Map<string, YamlEntry<AssessmentSource>>;
  competencies: Set<string>;
  trainers: Set<string>;
  /** Whether curriculum.yaml was read; without it competency and trainer ids cannot be checked. */
  hasCurriculum: boolean;
  /**
   * Whether the ids of curriculum.yaml's `competencies` / `trainers` are known: not when the key is
   * written as something other than a map (a list of ids), as every reference would then look unknown.
   */
  competenciesRead: boolean;
  trainersRead: boolean;
  /** Ids of files that exist but could not be read or parsed, by kind: never reported as unknown. */
  unreadable: Sources['unreadable'];
}

/** What every rule receives. */
export interface RuleContext {
  sources: Sources;
  index: SourceIndex;
  diagnostics: Diagnostics;
  /** Report at a YAML path of a parsed source. */
  at(ys: YamlSource, path: YamlPath, rule: RuleId, message: string, part?: 'key' | 'value'): void;
  /** Report at an explicit place of a file. */
  report(file: string, rule: RuleId, message: string, place?: Place): void;
}

/** A rule over the loaded sources (references, ids, Markdown). */
export type SourceRule = (ctx: RuleContext) => void;

/** A rule over the built model (schedule, coverage, policy). */
export type ModelRule = (ctx: RuleContext, model: Curriculum) => void;

/** Build the lookup tables; the first of two entries with the same id wins (duplicates are a rule). */
export function indexSources(sources: Sources): SourceIndex {
  const byId = <T extends { id: string }>(list: T[]) => {
    const m = new Map<string, T>();
    for (const e of list) if (!m.has(e.id)) m.set(e.id, e);
    return m;
  };
  const sessions = new Map<string, SessionEntry>();
  for (const mod of sources.modules) for (const s of mod.sessions) if (!sessions.has(s.id)) sessions.set(s.id, s);
  const data = sources.curriculum?.data;
  const rawCompetencies = sources.curriculum?.ys.data as { competencies?: unknown; trainers?: unknown } | undefined;
  return {
    roles: byId(sources.roles),
    modules: byId(sources.modules),
    sessions,
    programs: byId(sources.programs),
    assessments: byId(sources.assessments),
    competencies: new Set(data ? Object.keys(data.competencies ?? {}) : keysOf(rawCompetencies?.competencies)),
    trainers: new Set(data ? Object.keys(data.trainers ?? {}) : keysOf(rawCompetencies?.trainers)),
    hasCurriculum: sources.curriculum !== undefined && sources.curriculum.ys.data !== undefined,
    competenciesRead: data !== undefined || readableMap(rawCompetencies?.competencies),
    trainersRead: data !== undefined || readableMap(rawCompetencies?.trainers),
    unreadable: sources.unreadable,
  };
}

/**
 * Whether a key of a curriculum.yaml with a schema error still tells its ids: absent, empty, or a map
 * whose keys are all ids. A key that is not an id (`Service Mindset:`) is most likely the id the
 * sessions name, misspelt: every reference to it would be reported as unknown, and told to use the
 * invalid key. Those references are checked once the key is fixed.
 */
function readableMap(value: unknown): boolean {
  return value === undefined || value === null || (isMap(value) && keysOf(value).every((key) => ID_PATTERN.test(key)));
}

function isMap(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The ids a map written by id names (its `extra:` key apart); none for anything but a map. */
function keysOf(value: unknown): string[] {
  return isMap(value) ? Object.keys(value).filter((k) => k !== 'extra') : [];
}

/** Make the rule context for a run. */
export function makeRuleContext(sources: Sources, diagnostics: Diagnostics): RuleContext {
  return {
    sources,
    index: indexSources(sources),
    diagnostics,
    at: (ys, path, rule, message, part) => diagnostics.report(ys.src.path, rule, message, locate(ys, path, part)),
    report: (file, rule, message, place) => diagnostics.report(file, rule, message, place),
  };
}

/**
 * Whether curriculum.yaml is there but could not be read: the built-in day and calendar then stand in
 * for it, and problems measured against them (a day's end, a cohort's dates) would be false alarms.
 */
export function curriculumUnread(ctx: Pick<RuleContext, 'sources'>): boolean {
  return ctx.sources.curriculum !== undefined && ctx.sources.curriculum.data === undefined;
}
