// JSON Schemas for editors, generated from the zod schemas of src/schema so that completion and
// inline errors in yaml-language-server follow exactly what `cs-train check` accepts.
import * as z from 'zod';
import { assessmentSchema } from '../schema/assessment.js';
import {
  dateSchema, durationSchema, editorShapes, ID_PATTERN, idItemSchema, idRecords, idSchema, METHOD_ALIASES, METHODS, methodSchema, timeSchema,
} from '../schema/common.js';
import { curriculumSchema } from '../schema/curriculum.js';
import { moduleSchema } from '../schema/module.js';
import { programSchema, sessionRef } from '../schema/program.js';
import { roleSchema } from '../schema/role.js';
import { sessionSchema } from '../schema/session.js';

/** A JSON Schema object as written to disk. */
export type JsonSchema = Record<string, unknown>;

/** One source kind: its schema file name and the files (relative to the source folder) it applies to. */
export interface EditorSchema {
  kind: string;
  file: string;
  title: string;
  globs: string[];
  schema: JsonSchema;
}

const ID = ID_PATTERN.source.slice(1, -1);
const PATTERNS = {
  id: `^${ID}$`,
  sessionRef: `^\\s*${ID}/${ID}\\s*$`,
  time: '^\\s*\\d{1,2}:\\d{2}\\s*$',
  date: '^\\d{4}-\\d{2}-\\d{2}$',
  duration: '^\\s*(\\d+|\\d+h(\\d+m(in)?)?|\\d+m(in)?)\\s*$',
};

/**
 * Keyed unions (src/schema/common.ts) are `unknown → transform` whose cases zod cannot see; each
 * registers the plain union it stands for in `editorShapes`, which the JSON Schema uses instead.
 * test/init-schema.test.ts proves the editor schemas accept every curriculum `check` accepts.
 */
type Replacements = WeakMap<z.ZodType, z.ZodType>;

type Override = NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'];

function makeOverride(replacements: Replacements): Override {
  const replace = (json: Record<string, unknown>, by: Record<string, unknown>) => {
    for (const key of Object.keys(json)) delete json[key];
    Object.assign(json, by);
  };
  return (ctx) => {
    const json = ctx.jsonSchema as Record<string, unknown>;
    const s = ctx.zodSchema as unknown;
    const replacement = replacements.get(s as z.ZodType);
    const record = idRecords.get(s as z.ZodType);
    if (record) {
      const { $schema: _ignored, ...by } = convert(record, replacements);
      replace(json, { ...by, properties: { extra: {} } });
    } else if (replacement) {
      const { $schema: _ignored, ...by } = convert(replacement, replacements);
      replace(json, by);
    } else if (s === idSchema || s === idItemSchema) json.pattern = PATTERNS.id;
    else if (s === sessionRef) json.pattern = PATTERNS.sessionRef;
    else if (s === timeSchema) json.pattern = PATTERNS.time;
    else if (s === dateSchema) json.pattern = PATTERNS.date;
    else if (s === durationSchema) replace(json, { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: PATTERNS.duration }] });
    else if (s === methodSchema) replace(json, { type: 'string', enum: [...METHODS, ...Object.keys(METHOD_ALIASES)] });
    else if (isPreprocess(s) && s.def.out instanceof z.ZodArray && json.items) replace(json, { anyOf: [json.items, { ...json }] });
    else if (isPreprocess(s)) replace(json, { anyOf: [{ ...json }, {}] });
  };
}

/**
 * A preprocess pipe accepts more than its output schema describes. Into an array it is `listOf(x)`
 * (one scalar may stand for a list); any other is widened so that editors never flag what the tool
 * accepts, while the first branch still offers completion for the canonical form.
 */
function isPreprocess(s: unknown): s is z.ZodPipe<z.ZodType, z.ZodType> {
  return s instanceof z.ZodPipe && s.def.in._zod.def.type === 'transform';
}

function convert(schema: z.ZodType, replacements: Replacements): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-07', override: makeOverride(replacements) }) as JsonSchema;
}

const KINDS: { kind: string; title: string; schema: z.ZodType; globs: string[] }[] = [
  { kind: 'curriculum', title: 'cs-train curriculum.yaml', schema: curriculumSchema, globs: ['curriculum.yaml', 'curriculum.yml'] },
  { kind: 'role', title: 'cs-train role (roles/<role-id>.yaml)', schema: roleSchema, globs: ['roles/*.yaml', 'roles/*.yml'] },
  { kind: 'module', title: 'cs-train module (modules/<module-id>/module.yaml)', schema: moduleSchema, globs: ['modules/*/module.yaml', 'modules/*/module.yml'] },
  { kind: 'session', title: 'cs-train session front matter (modules/<module-id>/<NN->session-id.md)', schema: sessionSchema, globs: [] },
  { kind: 'program', title: 'cs-train programme (programs/<program-id>.yaml)', schema: programSchema, globs: ['programs/*.yaml', 'programs/*.yml'] },
  { kind: 'assessment', title: 'cs-train assessment (assessments/<assessment-id>.yaml)', schema: assessmentSchema, globs: ['assessments/*.yaml', 'assessments/*.yml'] },
];

/** Every editor schema; `globs` are relative to the source folder (session front matter has none: YAML editors do not read it). */
export function generateEditorSchemas(): EditorSchema[] {
  generated ??= generate();
  return generated;
}

let generated: EditorSchema[] | undefined;

function generate(): EditorSchema[] {
  const replacements = editorShapes;
  return KINDS.map((k) => {
    const { $schema, ...rest } = convert(k.schema, replacements);
    return { kind: k.kind, file: `${k.kind}.schema.json`, title: k.title, globs: k.globs, schema: { $schema, title: k.title, ...rest } };
  });
}
