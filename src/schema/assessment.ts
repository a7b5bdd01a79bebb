// Schema of assessments/<assessment-id>.yaml: exams with questions, rubric-based practical,
// role-play and review assessments.
import * as z from 'zod';
import { durationSchema, idItemSchema, idSchema, listOf, strict, textSchema } from './common.js';

/** Assessment kinds. */
export const ASSESSMENT_KINDS = ['exam', 'practical', 'role-play', 'review'] as const;
/** Question types. */
export const QUESTION_TYPES = ['single', 'multiple', 'true-false', 'short'] as const;

const PASS_MARK_RANGE = { message: 'The pass mark is a percentage from 0 to 100.' };

/** "80%" (a common way to write a pass mark) as the number 80; anything else unchanged. */
function percentNumber(value: unknown): unknown {
  const m = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$/.exec(value) : null;
  return m ? Number(m[1]) : value;
}

/** The accepted forms of an answer; which form fits which question type is checked by a rule. */
export const answerSchema = z.union([z.number(), z.boolean(), z.string(), z.array(z.union([z.number(), z.string()]))]);

const questionSchema = strict({
  prompt: textSchema,
  type: z.enum(QUESTION_TYPES),
  options: z.array(z.union([textSchema, z.number().transform(String)])).optional(),
  answer: answerSchema,
  points: z.number({ message: 'Points must be a number.' }).positive({ message: 'Points must be positive.' }),
  competency: idSchema.optional(),
  explanation: textSchema.optional(),
});

const rubricSchema = strict({
  criterion: textSchema,
  points: z.number().positive({ message: 'Points must be positive.' }),
  description: textSchema.optional(),
});

const scenarioSchema = strict({
  customer: textSchema,
  situation: textSchema,
  expected: textSchema,
});

/** assessments/<assessment-id>.yaml */
export const assessmentSchema = strict({
  title: textSchema,
  kind: z.enum(ASSESSMENT_KINDS),
  duration: durationSchema.optional(),
  passMark: z.preprocess(percentNumber, z.number().min(0, PASS_MARK_RANGE).max(100, PASS_MARK_RANGE)).optional(),
  totalPoints: z.number().positive({ message: 'The total must be a positive number of points.' }).optional(),
  instructions: textSchema.optional(),
  competencies: listOf(idItemSchema).optional(),
  questions: z.array(questionSchema).optional(),
  rubric: z.array(rubricSchema).optional(),
  scenarios: z.array(scenarioSchema).optional(),
});

/** Parsed assessment file. */
export type AssessmentSource = z.output<typeof assessmentSchema>;
/** One parsed question. */
export type QuestionSource = z.output<typeof questionSchema>;
