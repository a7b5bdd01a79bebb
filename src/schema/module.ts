// Schema of modules/<module-id>/module.yaml.
import * as z from 'zod';
import { idItemSchema, listOf, strict, textSchema } from './common.js';

/** modules/<module-id>/module.yaml */
export const moduleSchema = strict({
  title: textSchema,
  summary: textSchema.optional(),
  sessions: listOf(idItemSchema).optional(),
});

/** Parsed module.yaml. */
export type ModuleSource = z.output<typeof moduleSchema>;
