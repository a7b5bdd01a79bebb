// The one list of cross-file rules, in the order they run.
import { assessmentQuestions } from './assessment-questions.js';
import type { ModelRule, SourceRule } from './context.js';
import { competencyCoverage, minimumHours, unscheduledSessions } from './coverage.js';
import { duplicateIds } from './duplicate-ids.js';
import { localFiles, markdownBlocks, unsafeHtml } from './markdown-blocks.js';
import { assessmentReferences, moduleSessionLists, programReferences, roleReferences, sessionReferences } from './references.js';
import { trainerClashes } from './trainer-clashes.js';

/** Rules over the loaded sources. */
export const sourceRules: SourceRule[] = [
  duplicateIds,
  roleReferences,
  moduleSessionLists,
  sessionReferences,
  assessmentReferences,
  assessmentQuestions,
  programReferences,
  markdownBlocks,
  localFiles,
  unsafeHtml,
];

/** Rules over the built and scheduled model. */
export const modelRules: ModelRule[] = [trainerClashes, competencyCoverage, minimumHours, unscheduledSessions];
