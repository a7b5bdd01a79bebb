// Discovers the files of a curriculum folder, reads and validates each one against its zod schema,
// and keeps the parsed YAML documents so later stages can point at exact positions.
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
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
import { parseSessionCached, type ParsedSession } from './parse-session.js';
import { SourceFiles } from './source-files.js';
import type { SourceText } from './source-text.js';
import { parseYamlCached } from './parse-yaml-cached.js';
import type { YamlSource } from './yaml-source.js';

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
  const ctx: ReadContext = { sourceDir, files: new SourceFiles(sourceDir, diagnostics, cwd, cache), diagnostics, unreadable, cache };
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
    diagnostics.report(ctx.files.displayPath(join(sourceDir, 'curriculum.yaml')), 'missing-curriculum', `No curriculum.yaml in ${ctx.files.displayPath(sourceDir)}.`);
  }
  cache?.listings.clear();
  return sources;
}

interface ReadContext {
  sourceDir: string;
  files: SourceFiles;
  diagnostics: Diagnostics;
  unreadable: Sources['unreadable'];
  cache?: SessionCache;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function checkId(ctx: ReadContext, abs: string, id: string, what: string): boolean {
  if (ID_PATTERN.test(id)) return true;
  ctx.diagnostics.report(ctx.files.displayPath(abs), 'invalid-id', `The ${what} id "${id}" (from the file name) is not lowercase kebab-case.`);
  return false;
}

function readYamlFile<S extends z.ZodType>(ctx: ReadContext, abs: string, id: string, schema: S, what: string, plainInside = false): YamlEntry<z.output<S>> | undefined {
  if (!ctx.files.inside(abs, plainInside)) return undefined;
  const src = ctx.files.read(abs);
  if (!src) return undefined;
  return { id, ...parseYamlCached(src, what, schema, ctx.diagnostics, ctx.cache) };
}

function readYamlDir<S extends z.ZodType>(ctx: ReadContext, dir: string, schema: S, what: string): YamlEntry<z.output<S>>[] {
  const out: YamlEntry<z.output<S>>[] = [];
  const entries = ctx.files.list(join(ctx.sourceDir, dir));
  const inside = entries.length > 0 && ctx.files.folderInside(join(ctx.sourceDir, dir));
  for (const d of entries) {
    const m = /^(.+)\.ya?ml$/.exec(d.name);
    if (!m || d.isDirectory()) continue;
    const abs = join(ctx.sourceDir, dir, d.name);
    if (!checkId(ctx, abs, m[1]!, what)) continue;
    const entry = readYamlFile(ctx, abs, m[1]!, schema, what, inside && d.isFile());
    if (entry) out.push(entry);
    else if (what in ctx.unreadable) ctx.unreadable[what as keyof Sources['unreadable']].add(m[1]!);
  }
  return out;
}

function readModules(ctx: ReadContext): ModuleEntry[] {
  const out: ModuleEntry[] = [];
  const folders = ctx.files.list(join(ctx.sourceDir, 'modules'));
  const modulesInside = folders.length > 0 && ctx.files.folderInside(join(ctx.sourceDir, 'modules'));
  for (const d of folders) {
    const dir = join(ctx.sourceDir, 'modules', d.name);
    if (!d.isDirectory() && !(d.isSymbolicLink() && ctx.files.inside(dir) && statSync(dir).isDirectory())) continue;
    if (!checkId(ctx, dir, d.name, 'module')) continue;
    // A linked module folder was just found inside; a plain one is where the modules folder is.
    const inside = d.isSymbolicLink() || modulesInside;
    const files = ctx.files.list(dir);
    const moduleFile = ['module.yaml', 'module.yml'].map((n) => files.find((f) => f.name === n)).find((f) => f !== undefined && (f.isFile() || (f.isSymbolicLink() && isFile(join(dir, f.name)))));
    const mod: ModuleEntry = { id: d.name, dir, sessions: [] };
    if (moduleFile) mod.entry = readYamlFile(ctx, join(dir, moduleFile.name), d.name, moduleSchema, 'module', inside && moduleFile.isFile());
    else ctx.diagnostics.report(ctx.files.displayPath(join(dir, 'module.yaml')), 'missing-file', `Module folder "modules/${d.name}" has no module.yaml.`);
    for (const f of files) {
      const m = /^(?:(\d+)-)?(.+)\.md$/i.exec(f.name);
      if (!m || f.isDirectory()) continue;
      const abs = `${dir}${sep}${f.name}`;
      if (!checkId(ctx, abs, m[2]!, 'session')) continue;
      const session = readSession(ctx, abs, d.name, m[2]!, inside && f.isFile());
      if (session) mod.sessions.push(session);
      else ctx.unreadable.session.add(`${d.name}/${m[2]}`);
    }
    out.push(mod);
    // Parsing leaves much garbage; collecting it between modules keeps the peak near the live size.
    releaseMemory();
  }
  return out;
}

function readSession(ctx: ReadContext, abs: string, moduleId: string, slug: string, plainInside: boolean): SessionEntry | undefined {
  if (!ctx.files.inside(abs, plainInside)) return undefined;
  const src = ctx.files.read(abs);
  if (!src) return undefined;
  const parsed = parseSessionCached(src, ctx.diagnostics, ctx.cache);
  return new LoadedSession(`${moduleId}/${slug}`, moduleId, slug, src, parsed);
}

/** A session as loaded; its tree is read through `parsed` (not copied: that would decode a cached one). */
class LoadedSession implements SessionEntry {
  readonly ys?: YamlSource;
  readonly data?: SessionSource;
  readonly facts: BodyFacts;

  constructor(
    readonly id: string,
    readonly moduleId: string,
    readonly slug: string,
    readonly src: SourceText,
    private readonly parsed: ParsedSession,
  ) {
    this.ys = parsed.ys;
    this.data = parsed.data;
    this.facts = parsed.facts;
  }

  get mdast(): Root {
    return this.parsed.mdast;
  }
}
