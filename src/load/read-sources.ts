// Discovers the files of a curriculum folder, reads and validates each one against its zod schema,
// and keeps the parsed YAML documents so later stages can point at exact positions.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Root } from 'mdast';
import type * as z from 'zod';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { SessionCache } from '../cache/session-cache.js';
import type { BodyFacts } from '../markdown/body-facts.js';
import { releaseMemory } from '../util/release-memory.js';
import { assessmentSchema, type AssessmentSource } from '../schema/assessment.js';
import { ID_PATTERN } from '../schema/common.js';
import { curriculumSchema, type CurriculumSource } from '../schema/curriculum.js';
import { moduleSchema, type ModuleSource } from '../schema/module.js';
import { programSchema, type ProgramSource } from '../schema/program.js';
import { roleSchema, type RoleSource } from '../schema/role.js';
import type { SessionSource } from '../schema/session.js';
import { parseSessionCached } from './parse-session.js';
import { readSourceText, type SourceText } from './source-text.js';
import { parseYamlCached } from './parse-yaml-cached.js';
import type { YamlSource } from './yaml-source.js';
import { validateYaml } from './validate-yaml.js';

/** A validated YAML source of one kind; `data` is undefined when the file had errors. */
export interface YamlEntry<T> {
  id: string;
  ys: YamlSource;
  data?: T;
}

/** A session file: front matter and the body parsed once (the tree of a cached session decoded on first use). */
export interface SessionEntry {
  id: string;
  moduleId: string;
  slug: string;
  src: SourceText;
  ys?: YamlSource;
  data?: SessionSource;
  facts: BodyFacts;
  readonly mdast: Root;
}

/** A module folder with its module.yaml and session files in file-name order. */
export interface ModuleEntry {
  id: string;
  dir: string;
  entry?: YamlEntry<ModuleSource>;
  sessions: SessionEntry[];
}

/** Everything read from a source folder. */
export interface Sources {
  sourceDir: string;
  curriculum?: YamlEntry<CurriculumSource>;
  roles: YamlEntry<RoleSource>[];
  modules: ModuleEntry[];
  programs: YamlEntry<ProgramSource>[];
  assessments: YamlEntry<AssessmentSource>[];
  /** Ids of files that exist but could not be read (encoding, size, links): reported once, not as unknown ids. */
  unreadable: { role: Set<string>; programme: Set<string>; assessment: Set<string>; session: Set<string> };
}

/** Read and validate every source file under `sourceDir`; sessions come from `cache` when it holds them. */
export function readSources(sourceDir: string, diagnostics: Diagnostics, cwd = process.cwd(), cache?: SessionCache): Sources {
  const unreadable: Sources['unreadable'] = { role: new Set(), programme: new Set(), assessment: new Set(), session: new Set() };
  const ctx: ReadContext = { sourceDir, realRoot: realpathSync.native(sourceDir), diagnostics, cwd, unreadable, cache };
  const curriculumFile = ['curriculum.yaml', 'curriculum.yml'].map((n) => join(sourceDir, n)).find(isFile);
  const sources: Sources = {
    sourceDir,
    roles: readYamlDir(ctx, 'roles', roleSchema, 'role'),
    modules: readModules(ctx),
    programs: readYamlDir(ctx, 'programs', programSchema, 'programme'),
    assessments: readYamlDir(ctx, 'assessments', assessmentSchema, 'assessment'),
    unreadable,
  };
  if (curriculumFile) {
    sources.curriculum = readYamlFile(ctx, curriculumFile, 'curriculum', curriculumSchema, 'curriculum.yaml');
  } else {
    diagnostics.report(displayPath(ctx, join(sourceDir, 'curriculum.yaml')), 'missing-curriculum', `No curriculum.yaml in ${displayPath(ctx, sourceDir)}.`);
  }
  return sources;
}

interface ReadContext {
  sourceDir: string;
  realRoot: string;
  diagnostics: Diagnostics;
  cwd: string;
  unreadable: Sources['unreadable'];
  cache?: SessionCache;
}

/** Path shown to the user: relative to the working directory, with forward slashes. */
function displayPath(ctx: ReadContext, abs: string): string {
  const rel = relative(ctx.cwd, abs) || '.';
  return rel.split(sep).join('/');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => !d.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Refuse files that are links to somewhere outside the source folder. */
function insideSource(ctx: ReadContext, abs: string): boolean {
  try {
    const real = realpathSync.native(abs);
    if (real === ctx.realRoot || real.startsWith(ctx.realRoot + sep)) return true;
  } catch {
    /* reported below */
  }
  ctx.diagnostics.report(displayPath(ctx, abs), 'path-outside-source', 'This file is a link to a place outside the source folder; it is not read.');
  return false;
}

function checkId(ctx: ReadContext, abs: string, id: string, what: string): boolean {
  if (ID_PATTERN.test(id)) return true;
  ctx.diagnostics.report(displayPath(ctx, abs), 'invalid-id', `The ${what} id "${id}" (from the file name) is not lowercase kebab-case.`);
  return false;
}

function readYamlFile<S extends z.ZodType>(ctx: ReadContext, abs: string, id: string, schema: S, what: string): YamlEntry<z.output<S>> | undefined {
  if (!insideSource(ctx, abs)) return undefined;
  const src = readSourceText(abs, displayPath(ctx, abs), ctx.diagnostics);
  if (!src) return undefined;
  const ys = parseYamlCached(src, what, ctx.diagnostics, ctx.cache);
  return { id, ys, data: validateYaml(ys, schema, what, ctx.diagnostics) };
}

function readYamlDir<S extends z.ZodType>(ctx: ReadContext, dir: string, schema: S, what: string): YamlEntry<z.output<S>>[] {
  const out: YamlEntry<z.output<S>>[] = [];
  for (const d of list(join(ctx.sourceDir, dir))) {
    const m = /^(.+)\.ya?ml$/.exec(d.name);
    if (!m || d.isDirectory()) continue;
    const abs = join(ctx.sourceDir, dir, d.name);
    if (!checkId(ctx, abs, m[1]!, what)) continue;
    const entry = readYamlFile(ctx, abs, m[1]!, schema, what);
    if (entry) out.push(entry);
    else if (what in ctx.unreadable) ctx.unreadable[what as keyof Sources['unreadable']].add(m[1]!);
  }
  return out;
}

function readModules(ctx: ReadContext): ModuleEntry[] {
  const out: ModuleEntry[] = [];
  for (const d of list(join(ctx.sourceDir, 'modules'))) {
    const dir = join(ctx.sourceDir, 'modules', d.name);
    if (!d.isDirectory() && !(d.isSymbolicLink() && insideSource(ctx, dir) && statSync(dir).isDirectory())) continue;
    if (!checkId(ctx, dir, d.name, 'module')) continue;
    const moduleFile = ['module.yaml', 'module.yml'].map((n) => join(dir, n)).find(isFile);
    const mod: ModuleEntry = { id: d.name, dir, sessions: [] };
    if (moduleFile) mod.entry = readYamlFile(ctx, moduleFile, d.name, moduleSchema, 'module');
    else ctx.diagnostics.report(displayPath(ctx, join(dir, 'module.yaml')), 'missing-file', `Module folder "modules/${d.name}" has no module.yaml.`);
    for (const f of list(dir)) {
      const m = /^(?:(\d+)-)?(.+)\.md$/i.exec(f.name);
      if (!m || f.isDirectory()) continue;
      const abs = join(dir, f.name);
      if (!checkId(ctx, abs, m[2]!, 'session')) continue;
      const session = readSession(ctx, abs, d.name, m[2]!);
      if (session) mod.sessions.push(session);
      else ctx.unreadable.session.add(`${d.name}/${m[2]}`);
    }
    out.push(mod);
    // Parsing leaves much garbage; collecting it between modules keeps the peak near the live size.
    releaseMemory();
  }
  return out;
}

function readSession(ctx: ReadContext, abs: string, moduleId: string, slug: string): SessionEntry | undefined {
  if (!insideSource(ctx, abs)) return undefined;
  const early = ctx.cache?.takeText(abs);
  const src = early ? { ...early, path: displayPath(ctx, abs) } : readSourceText(abs, displayPath(ctx, abs), ctx.diagnostics);
  if (!src) return undefined;
  if (early) ctx.diagnostics.file(src.path, src.text);
  const parsed = parseSessionCached(src, ctx.diagnostics, ctx.cache);
  // Not spread: that would read (and so decode) the tree.
  return {
    id: `${moduleId}/${slug}`,
    moduleId,
    slug,
    src,
    ys: parsed.ys,
    data: parsed.data,
    facts: parsed.facts,
    get mdast() {
      return parsed.mdast;
    },
  };
}
