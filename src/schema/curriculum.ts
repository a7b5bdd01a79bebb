// Schema of curriculum.yaml: organisation-wide settings, the default day, calendar, competencies,
// trainers and policy.
import * as z from 'zod';
import { dateSchema, idRecord, keyedUnion, listOf, ruled, strict, textSchema, timeSchema } from './common.js';

/** The generated-label languages. */
export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
/** A generated-label language. */
export type Locale = (typeof LOCALES)[number];

/** Weekday ids, Monday first. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A weekday id. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One break of a day template. */
export const breakSchema = strict({ start: timeSchema, end: timeSchema, title: textSchema.optional() });

/** A day template, every part optional so programmes and days can override parts of it. */
export const dayOverrideSchema = strict({
  start: timeSchema.optional(),
  end: timeSchema.optional(),
  breaks: z.array(breakSchema).optional(),
});

/** Whether a string names a time zone the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

const trainerSchema = keyedUnion<z.ZodType<{ name: string; title?: string | undefined; email?: string | undefined }>>(
  [['name', strict({ name: textSchema, title: textSchema.optional(), email: z.string().optional() })]],
  'a trainer ({ name, title })',
  z.string({ message: 'Expected a trainer name or { name, title }.' }).trim().min(1).transform((name) => ({ name })),
);

/** curriculum.yaml */
export const curriculumSchema = strict({
  title: textSchema,
  organization: textSchema.optional(),
  locale: z.enum(LOCALES).default('zh-CN'),
  timezone: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, ruled('invalid-timezone', (tz) => `Unknown time zone "${tz}".`)),
  day: dayOverrideSchema.optional(),
  calendar: strict({
    workdays: listOf(z.enum(WEEKDAYS)).optional(),
    holidays: listOf(dateSchema).optional(),
    extraWorkdays: listOf(dateSchema).optional(),
  }).optional(),
  competencies: idRecord(textSchema).optional(),
  trainers: idRecord(trainerSchema).optional(),
  policy: strict({ minHoursPerYear: z.number().nonnegative().optional() }).optional(),
});

/** Parsed curriculum.yaml. */
export type CurriculumSource = z.output<typeof curriculumSchema>;
