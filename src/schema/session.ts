// Schema of a session file's front matter.
import * as z from 'zod';
import { durationSchema, idItemSchema, listOf, methodSchema, strict, textSchema } from './common.js';

/** Front matter of modules/<module-id>/<NN->session-id.md */
export const sessionSchema = strict({
  title: textSchema,
  duration: durationSchema,
  methods: listOf(methodSchema).optional(),
  trainer: textSchema.optional(),
  location: textSchema.optional(),
  objectives: listOf(textSchema).optional(),
  materials: listOf(textSchema).optional(),
  competencies: listOf(idItemSchema).optional(),
});

/** Parsed session front matter. */
export type SessionSource = z.output<typeof sessionSchema>;
