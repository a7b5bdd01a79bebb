// Schema of roles/<role-id>.yaml.
import * as z from 'zod';
import { idItemSchema, idSchema, listOf, strict, textSchema } from './common.js';

/** roles/<role-id>.yaml */
export const roleSchema = strict({
  title: textSchema,
  summary: textSchema.optional(),
  responsibilities: listOf(textSchema).optional(),
  competencies: listOf(idItemSchema).optional(),
  reportsTo: idSchema.optional(),
});

/** Parsed role file. */
export type RoleSource = z.output<typeof roleSchema>;
