// The one list of cross-file rules, in the order they run.
import { assessmentQuestions } from './assessment-questions.js';
import type { ModelRule, SourceRule } from './context.js';
import { competencyCoverage, minimumHours, unscheduledSessions } from './coverage.js';
import { duplicateIds } from './duplicate-ids.js';
import { localFiles, markdownBlocks, unsafeHtml } from './markdown-blocks.js';
import { textSlips } from './text-slips.js';
import { assessmentReferences, moduleSessionLists, programReferences, roleReferences, sessionReferences } from './references.js';
import { trainerClashes } from './trainer-clashes.js';

/**
 * Rules over session bodies: they read each session's body facts and the files its links name, and
 * report into that session's file only. They run first, and again on every load of a resident
 * process, which keeps what the other rules found while only bodies change (compile.ts).
 */
export const bodyRules: SourceRule[] = [markdownBlocks, localFiles, unsafeHtml, textSlips];

/** Rules over the rest of the loaded sources: front matter and YAML files, never a session body. */
export const sourceRules: SourceRule[] = [
  duplicateIds,
  roleReferences,
  moduleSessionLists,
  sessionReferences,
  assessmentReferences,
  assessmentQuestions,
  programReferences,
];

/** Rules over the built and scheduled model. */
export const modelRules: ModelRule[] = [trainerClashes, competencyCoverage, minimumHours, unscheduledSessions];
