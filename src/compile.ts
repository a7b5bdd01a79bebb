// The pipeline up to the model: discover → read → parse → validate → rules → build model →
// schedule → model rules. Every problem goes to one Diagnostics; nothing is written.
//
// A resident process (the build daemon, `serve`) keeps its last compile of each folder. When the
// next read finds that only session bodies changed (front matter, YAML files and file list as they
// were), it runs the body rules again and keeps the rest: the model, with the changed sessions'
// bodies put in, and what the other rules reported, which read no body.
import { resolve } from 'node:path';
import type { SessionCache } from './cache/session-cache.js';
import { Diagnostics, type ReportedPart } from './diagnostics/diagnostics.js';
import { readSources, type SessionEntry, type Sources, type YamlEntry } from './load/read-sources.js';
import { contentKeyOf } from './load/source-text.js';
import { buildModel, collectAssets } from './model/build-model.js';
import type { Curriculum, Session } from './model/types.js';
import { makeRuleContext } from './rules/context.js';
import { bodyRules, modelRules, sourceRules } from './rules/index.js';
import { computeSchedules } from './schedule/compute-schedule.js';

/** The outcome of compiling a source folder. */
export interface CompileResult {
  model: Curriculum;
  sources: Sources;
  diagnostics: Diagnostics;
}

/** A compile kept for the next compile of the same folder from the same working folder. */
interface KeptCompile {
  sources: Sources;
  model: Curriculum;
  /** What the rules after the body rules, the model and the schedules reported. */
  rest: ReportedPart;
  /** The errors among `rest` reported before the model rules (the coverage rules skip their checks when there is any error). */
  restErrorsBeforeModel: number;
  /** Whether the model rules ran with errors reported. */
  errorsBeforeModel: boolean;
}

/** The compiles kept, by folder and working folder; undefined unless the process keeps them. */
let kept: Map<string, KeptCompile> | undefined;

/** How many folders' compiles a resident process keeps: those compiled most recently. */
const KEPT_COMPILES = 3;

/** Keep each folder's last compile in memory, for the next one (see src/resident.ts). */
export function keepCompiles(): void {
  kept ??= new Map();
}

/** How this process's last compile went: built in full, or the kept model patched (for tests and `CS_TRAIN_CACHE_STATS`). */
export const compileStats: { last?: 'full' | 'patched' } = {};

/** Read, validate and resolve a curriculum folder, reporting every problem found; sessions may come from `cache`. */
export function compileCurriculum(sourceDir: string, cwd = process.cwd(), cache?: SessionCache): CompileResult {
  const diagnostics = new Diagnostics();
  const sources = readSources(sourceDir, diagnostics, cwd, cache);
  const ctx = makeRuleContext(sources, diagnostics);
  for (const rule of bodyRules) rule(ctx);
  const key = `${resolve(cwd, sourceDir)}\n${cwd}`;
  const before = kept?.get(key);
  const model = before === undefined ? undefined : patched(before, sources, diagnostics);
  if (model !== undefined) {
    compileStats.last = 'patched';
    keep(key, { ...before!, sources });
    return { model, sources, diagnostics };
  }
  compileStats.last = 'full';
  // Only a process that keeps its compiles notes what the rules after the body rules report.
  const mark = kept === undefined ? undefined : { messages: diagnostics.mark(), errors: diagnostics.errorCount };
  for (const rule of sourceRules) rule(ctx);
  const built = buildModel(sources, ctx);
  built.schedules = computeSchedules(built, ctx);
  const errorsBeforeModel = mark === undefined ? 0 : diagnostics.errorCount;
  for (const rule of modelRules) rule(ctx, built);
  if (mark !== undefined) {
    keep(key, { sources, model: built, rest: diagnostics.since(mark.messages), restErrorsBeforeModel: errorsBeforeModel - mark.errors, errorsBeforeModel: errorsBeforeModel > 0 });
  }
  return { model: built, sources, diagnostics };
}

function keep(key: string, compile: KeptCompile): void {
  if (kept === undefined) return;
  // Most recently used last.
  kept.delete(key);
  for (const other of kept.keys()) if (kept.size >= KEPT_COMPILES) kept.delete(other);
  kept.set(key, compile);
}

/**
 * The kept model with the changed sessions' bodies put in, and the kept reports of the rules after
 * the body rules added to `diagnostics`; undefined when anything but session bodies changed, or when
 * the kept compile could differ from a full one in any other way.
 */
function patched(before: KeptCompile, sources: Sources, diagnostics: Diagnostics): Curriculum | undefined {
  const changed = changedBodies(before.sources, sources);
  if (changed === undefined) return undefined;
  // The model rules skip their checks when there is any error: they must see what they saw.
  if (diagnostics.errorCount + before.restErrorsBeforeModel > 0 !== before.errorsBeforeModel) return undefined;
  // A report of the kept rules in a changed file points into front matter that may have moved.
  const reported = new Set(before.rest.map((r) => r.path));
  if (changed.some((s) => reported.has(s.src.path))) return undefined;
  const model = before.model;
  const entries = new Map<string, SessionEntry>();
  for (const mod of sources.modules) for (const s of mod.sessions) entries.set(s.src.path, s);
  // Every session's assets again: a linked file may have been added or removed.
  const updates: { session: Session; entry: SessionEntry; contentKey: string }[] = [];
  for (const mod of model.modules) {
    for (const session of mod.sessions) {
      const entry = entries.get(session.file);
      if (entry === undefined) return undefined;
      const assets = entry.facts.urls.length === 0 ? [] : collectAssets(entry.facts, entry.src.abs, sources.sourceDir);
      if (JSON.stringify(assets) !== JSON.stringify(session.assets)) return undefined;
      const contentKey = contentKeyOf(entry.src);
      if (contentKey !== session.contentKey || entry.facts !== session.facts) updates.push({ session, entry, contentKey });
    }
  }
  for (const { session, entry, contentKey } of updates) {
    session.contentKey = contentKey;
    session.facts = entry.facts;
    Object.defineProperty(session, 'mdast', { get: () => entry.mdast, enumerable: true, configurable: true });
  }
  diagnostics.absorb(before.rest);
  return model;
}

/**
 * The sessions whose bodies changed between two reads, when nothing else did: the same files of
 * every kind, each YAML file with the same content, each session with the same front matter.
 */
function changedBodies(a: Sources, b: Sources): SessionEntry[] | undefined {
  if (a.sourceDir !== b.sourceDir || !sameEntry(a.curriculum, b.curriculum)) return undefined;
  if (!sameEntries(a.roles, b.roles) || !sameEntries(a.programs, b.programs) || !sameEntries(a.assessments, b.assessments)) return undefined;
  for (const kind of ['role', 'programme', 'assessment', 'session'] as const) {
    const x = a.unreadable[kind];
    const y = b.unreadable[kind];
    if (x.size !== y.size || [...x].some((id) => !y.has(id))) return undefined;
  }
  if (a.modules.length !== b.modules.length) return undefined;
  const changed: SessionEntry[] = [];
  for (let i = 0; i < a.modules.length; i++) {
    const m = a.modules[i]!;
    const n = b.modules[i]!;
    if (m.id !== n.id || m.dir !== n.dir || !sameEntry(m.entry, n.entry) || m.sessions.length !== n.sessions.length) return undefined;
    for (let j = 0; j < m.sessions.length; j++) {
      const s = m.sessions[j]!;
      const t = n.sessions[j]!;
      if (s.id !== t.id || s.src.path !== t.src.path || s.src.abs !== t.src.abs) return undefined;
      if (contentKeyOf(s.src) === contentKeyOf(t.src)) continue;
      if (JSON.stringify(s.data) !== JSON.stringify(t.data)) return undefined;
      changed.push(t);
    }
  }
  return changed;
}

function sameEntries(a: YamlEntry<unknown>[], b: YamlEntry<unknown>[]): boolean {
  return a.length === b.length && a.every((e, i) => sameEntry(e, b[i]));
}

function sameEntry(a: YamlEntry<unknown> | undefined, b: YamlEntry<unknown> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.id === b.id && a.ys.src.path === b.ys.src.path && contentKeyOf(a.ys.src) === contentKeyOf(b.ys.src) && (a.data === undefined) === (b.data === undefined);
}
