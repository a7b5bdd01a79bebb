// Schema of programs/<program-id>.yaml: audience, cohorts, day template and the ordered days.
import * as z from 'zod';
import { dateSchema, durationSchema, idItemSchema, idSchema, keyedUnion, listOf, strict, textSchema, timeSchema } from './common.js';
import { dayOverrideSchema } from './curriculum.js';

/** A session reference "module/session" as written. */
export const sessionRef = z.string().trim();

const sessionItem = strict({
  session: sessionRef,
  start: timeSchema.optional(),
  trainer: textSchema.optional(),
  location: textSchema.optional(),
  /** A session listed again the same day on purpose (a second practice round): no `repeated-session` warning. */
  repeat: z.literal(true).optional(),
}).transform((v) => ({ kind: 'session' as const, ...v }));

const assessmentItem = strict({
  assessment: idSchema,
  start: timeSchema.optional(),
  trainer: textSchema.optional(),
  location: textSchema.optional(),
}).transform((v) => ({ kind: 'assessment' as const, ...v }));

const activityItem = strict({
  title: textSchema,
  duration: durationSchema,
  start: timeSchema.optional(),
  trainer: textSchema.optional(),
  location: textSchema.optional(),
}).transform((v) => ({ kind: 'activity' as const, ...v }));

/** One item of a day: "module/session", or an object with `session`, `assessment` or `title` + `duration`. */
export const itemSchema = keyedUnion<z.ZodType<ItemSource>>(
  [
    ['session', sessionItem],
    ['assessment', assessmentItem],
    ['title', activityItem],
  ],
  'a day item ("module/session", or an object with `session`, `assessment` or `title`)',
  sessionRef.transform((session) => ({ kind: 'session' as const, session })),
);

/** A parsed day item. */
export type ItemSource =
  | z.output<typeof sessionItem>
  | { kind: 'session'; session: string; start?: undefined; trainer?: undefined; location?: undefined; repeat?: undefined }
  | z.output<typeof assessmentItem>
  | z.output<typeof activityItem>;

const teachingDay = strict({
  title: textSchema,
  location: textSchema.optional(),
  summary: textSchema.optional(),
  day: dayOverrideSchema.optional(),
  sessions: z.array(itemSchema),
}).transform((v) => ({ kind: 'day' as const, ...v }));

/** Longest block of full workdays: a year's, so that a typo (100000 for 10) cannot fill the disk with schedules. */
export const MAX_BLOCK_DAYS = 366;

const blockDays = strict({
  block: textSchema,
  days: z.number().int().positive().max(MAX_BLOCK_DAYS),
  location: textSchema.optional(),
  lead: textSchema.optional(),
  summary: textSchema.optional(),
}).transform((v) => ({ kind: 'block' as const, ...v }));

/** A teaching day as parsed. */
export type TeachingDaySource = z.output<typeof teachingDay>;
/** A block as parsed. */
export type BlockSource = z.output<typeof blockDays>;

const dayEntry = keyedUnion<z.ZodType<TeachingDaySource | BlockSource>>(
  [
    ['block', blockDays],
    ['sessions', teachingDay],
    ['title', teachingDay],
  ],
  'a day (with `title` and `sessions`) or a block (with `block` and `days`)',
);

const cohortSchema = keyedUnion<z.ZodType<{ name: string; start: string }>>(
  [['start', strict({ name: textSchema.optional(), start: dateSchema }).transform((c) => ({ name: c.name ?? c.start, start: c.start }))]],
  'a cohort (a date "YYYY-MM-DD" or { name, start })',
  z.string({ message: 'Expected a cohort start date "YYYY-MM-DD".' }).pipe(dateSchema).transform((start) => ({ name: start, start })),
);

/** programs/<program-id>.yaml */
export const programSchema = strict({
  title: textSchema,
  summary: textSchema.optional(),
  roles: listOf(idItemSchema),
  cohorts: z.array(cohortSchema).optional(),
  day: dayOverrideSchema.optional(),
  days: z.array(dayEntry).min(1, { message: 'A programme needs at least one day.' }),
});

/** Parsed programme file. */
export type ProgramSource = z.output<typeof programSchema>;
