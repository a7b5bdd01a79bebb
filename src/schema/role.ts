// Schema of roles/<role-id>.yaml.
import * as z from 'zod';
import { idSchema, listOf, strict, textSchema } from './common.js';

/** roles/<role-id>.yaml */
export const roleSchema = strict({
  title: textSchema,
  summary: textSchema.optional(),
  responsibilities: listOf(textSchema).optional(),
  competencies: listOf(idSchema).optional(),
  reportsTo: idSchema.optional(),
});

/** Parsed role file. */
export type RoleSource = z.output<typeof roleSchema>;
