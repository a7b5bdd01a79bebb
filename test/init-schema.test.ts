// `cs-train schema`: JSON Schemas generated from the zod schemas accept every file `cs-train check`
// accepts (so editors never flag a valid file), reject misspelt keys and malformed values, and are
// mapped for yaml-language-server in .vscode/settings.json without losing the user's own settings.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { generateEditorSchemas } from '../src/init/json-schemas.js';
import { assessmentSchema } from '../src/schema/assessment.js';
import { curriculumSchema } from '../src/schema/curriculum.js';
import { moduleSchema } from '../src/schema/module.js';
import { programSchema } from '../src/schema/program.js';
import { roleSchema } from '../src/schema/role.js';
import { sessionSchema } from '../src/schema/session.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';
import { walkFiles } from './helpers/tree.js';

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const validators = new Map<string, ValidateFunction>(generateEditorSchemas().map((s) => [s.kind, ajv.compile(s.schema)]));
const zods: Record<string, z.ZodType> = {
  curriculum: curriculumSchema, role: roleSchema, module: moduleSchema, session: sessionSchema, program: programSchema, assessment: assessmentSchema,
};

/** The kind of a source file from its path, as read-sources finds it. */
function kindOf(path: string): string | undefined {
  if (/(^|\/)curriculum\.ya?ml$/.test(path)) return 'curriculum';
  if (/(^|\/)roles\/[^/]+\.ya?ml$/.test(path)) return 'role';
  if (/(^|\/)modules\/[^/]+\/module\.ya?ml$/.test(path)) return 'module';
  if (/(^|\/)modules\/[^/]+\/[^/]+\.md$/.test(path)) return 'session';
  if (/(^|\/)programs\/[^/]+\.ya?ml$/.test(path)) return 'program';
  if (/(^|\/)assessments\/[^/]+\.ya?ml$/.test(path)) return 'assessment';
  return undefined;
}

/** Absolute paths of every file under `dir`. */
const walk = (dir: string): string[] => walkFiles(dir).map((f) => join(dir, f));

/** Parsed data of a source file (front matter for sessions); undefined when it is not YAML. */
function dataOf(path: string): unknown {
  let text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (path.endsWith('.md')) {
    const m = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(\n|$)/.exec(text);
    if (!m) return undefined;
    text = m[1]!;
  }
  try {
    return parse(text, { version: '1.2' });
  } catch {
    return undefined;
  }
}

const valid = (kind: string, data: unknown) => validators.get(kind)!(data) === true;

describe('editor JSON Schemas', () => {
  const roots = [join(ROOT, 'starter/curricula'), join(ROOT, 'curricula'), join(ROOT, 'test/fixtures')];
  const files = roots.flatMap(walk).map((path) => ({ path, kind: kindOf(path) })).filter((f) => f.kind);

  it('accept every file the zod schemas accept (starter, sample curriculum, fixtures)', () => {
    let accepted = 0;
    for (const f of files) {
      const data = dataOf(f.path);
      if (data === undefined || data === null || typeof data !== 'object') continue;
      if (!zods[f.kind!]!.safeParse(data).success) continue;
      accepted++;
      const ok = valid(f.kind!, data);
      expect(ok, `${relative(ROOT, f.path)}: ${ajv.errorsText(validators.get(f.kind!)!.errors)}`).toBe(true);
    }
    expect(accepted).toBeGreaterThan(40);
  });

  it('accept every file of the starter', () => {
    const starter = files.filter((f) => f.path.startsWith(join(ROOT, 'starter')));
    expect(starter.map((f) => f.kind).sort()).toEqual(['assessment', 'curriculum', 'module', 'program', 'role', 'session', 'session']);
    for (const f of starter) expect(valid(f.kind!, dataOf(f.path)), f.path).toBe(true);
  });

  it('reject misspelt keys, at the top and deep inside a programme', () => {
    expect(valid('role', { titel: '客服专员' })).toBe(false);
    expect(valid('role', { title: '客服专员', competences: ['communication'] })).toBe(false);
    const day = { title: '第一天', sessions: ['communication/active-listening'] };
    expect(valid('program', { title: 'P', roles: ['agent'], days: [day] })).toBe(true);
    expect(valid('program', { title: 'P', roles: ['agent'], days: [{ ...day, loction: '会议室' }] })).toBe(false);
    expect(valid('program', { title: 'P', roles: ['agent'], days: [{ ...day, sessions: [{ sesion: 'communication/active-listening' }] }] })).toBe(false);
    expect(valid('program', { title: 'P', roles: ['agent'], days: [{ block: '跟岗', days: 3, leed: 'x' }] })).toBe(false);
    expect(valid('curriculum', { title: 'T', trainers: { 'wang-fang': { name: '王芳', titel: '主管' } } })).toBe(false);
    expect(valid('assessment', { title: 'A', kind: 'exam', questions: [{ prompt: 'Q', type: 'single', answer: 1, points: 5, option: [] }] })).toBe(false);
  });

  it('accept `extra:` under competencies and trainers, as the checker does, and still check their ids', () => {
    const data = { title: 'T', competencies: { communication: '沟通', extra: { owner: '培训组' } }, trainers: { 'li-lei': '李雷', extra: [1, 2] } };
    expect(curriculumSchema.safeParse(data).success).toBe(true);
    expect(valid('curriculum', data)).toBe(true);
    expect(valid('curriculum', { title: 'T', competencies: { Communication: '沟通' } })).toBe(false);
    expect(valid('curriculum', { title: 'T', trainers: { 'li-lei': { title: '主管' } } })).toBe(false);
  });

  it('express ids, durations, times, dates and methods as patterns and enums', () => {
    expect(valid('session', { title: 'S', duration: '1h30m' })).toBe(true);
    expect(valid('session', { title: 'S', duration: 90, methods: ['lecture', '角色扮演'] })).toBe(true);
    expect(valid('session', { title: 'S', duration: 'one hour' })).toBe(false);
    expect(valid('session', { title: 'S', duration: 90, methods: ['lectures'] })).toBe(false);
    expect(valid('role', { title: 'R', competencies: ['Communication'] })).toBe(false);
    expect(valid('role', { title: 'R', competencies: 'communication' })).toBe(true);
    expect(valid('curriculum', { title: 'T', day: { start: '9am' } })).toBe(false);
    expect(valid('curriculum', { title: 'T', calendar: { holidays: ['2027/01/01'] } })).toBe(false);
    expect(valid('program', { title: 'P', roles: ['agent'], cohorts: ['2027-03-01', { name: 'B', start: '2027-06-07' }], days: [{ title: 'D', sessions: [] }] })).toBe(true);
    expect(valid('program', { title: 'P', roles: ['agent'], days: [{ title: 'D', sessions: ['active-listening'] }] })).toBe(false);
  });
});

describe('cs-train schema', () => {
  it('tells a folder that does not exist from a file passed as the folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const file = runCli(['schema', 'notes.txt'], { cwd: dir });
    expect(file.status).toBe(2);
    expect(file.stderr).toBe('cs-train: notes.txt is a file, not a folder; pass the repository folder (the one that holds curricula/).\n');
    const missing = runCli(['schema', 'nowhere'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('cs-train: Folder nowhere does not exist.\n');
  });

  it('writes the schemas and maps them for yaml-language-server, keeping other settings', () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'starter/curricula'), join(dir, 'content/curricula'), { recursive: true });
    mkdirSync(join(dir, '.vscode'));
    const mine = { 'editor.tabSize': 2, 'yaml.schemas': { 'https://json.schemastore.org/github-workflow.json': '/.github/workflows/*' } };
    writeFileSync(join(dir, '.vscode/settings.json'), JSON.stringify(mine));
    const r = runCli(['schema', '.', '--source', 'content/curricula'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Wrote 7 files');
    const settings = JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8'));
    expect(settings['editor.tabSize']).toBe(2);
    expect(settings['yaml.schemas']['https://json.schemastore.org/github-workflow.json']).toBe('/.github/workflows/*');
    expect(settings['yaml.schemas']['./.cs-train/schemas/role.schema.json']).toEqual(['/content/curricula/roles/*.yaml', '/content/curricula/roles/*.yml']);
    expect(settings['yaml.schemas']['./.cs-train/schemas/program.schema.json']).toEqual(['/content/curricula/programs/*.yaml', '/content/curricula/programs/*.yml']);
    for (const [schemaPath] of Object.entries(settings['yaml.schemas'] as Record<string, string[]>).filter(([k]) => k.startsWith('./'))) {
      const schema = JSON.parse(readFileSync(join(dir, schemaPath), 'utf8'));
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    }
    const again = runCli(['schema'], { cwd: dir, env: {} });
    expect(again.stderr).not.toContain('up to date');
    // curricula/ is not there: mapped all the same, with a note (a misspelt --source would otherwise go unnoticed).
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`Note: there is no folder ${join('.', 'curricula')} (yet); the editor checks the files in it once it exists.`);
    expect(r.stderr).not.toContain('Note:');
    expect(JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8'))['yaml.schemas']['./.cs-train/schemas/role.schema.json'][0]).toBe('/curricula/roles/*.yaml');
    expect(runCli(['schema'], { cwd: dir }).stderr).toContain('Editor schemas in .cs-train/schemas are up to date.');
  });

  it('leaves a settings file with comments alone and prints what to add', () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.vscode'));
    const jsonc = '{\n  // my settings\n  "editor.tabSize": 4\n}\n';
    writeFileSync(join(dir, '.vscode/settings.json'), jsonc);
    const r = runCli(['schema'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, '.vscode/settings.json'), 'utf8')).toBe(jsonc);
    expect(r.stderr).toContain('left unchanged');
    expect(r.stderr).toContain('"./.cs-train/schemas/role.schema.json"');
    expect(existsSync(join(dir, '.cs-train/schemas/role.schema.json'))).toBe(true);
  });

  it('refuses a --source outside the repository', () => {
    const r = runCli(['schema', '.', '--source', '../elsewhere'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--source must be a folder inside');
  });
});
