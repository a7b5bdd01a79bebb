// Exam questions and rubrics: answers must fit the question type and its options, totals must add up.
// Runs on the raw YAML data, so these problems are reported in the same run as schema errors elsewhere
// in the file; values the schema rejects are left to the schema's own diagnostic (one problem, one message).
import type { YamlPath, YamlSource } from '../load/yaml-source.js';
import type { RuleId } from '../diagnostics/catalog.js';
import { answerSchema, ASSESSMENT_KINDS, QUESTION_TYPES } from '../schema/assessment.js';
import { itemsInOne } from '../schema/common.js';
import type { RuleContext, SourceRule } from './context.js';

type RawMap = Record<string, unknown>;
type Report = (rule: RuleId, message: string, path?: YamlPath) => void;

/** Answers in range and of the right form for each question type; parts fit the kind; totals consistent. */
export const assessmentQuestions: SourceRule = (ctx) => {
  for (const a of ctx.sources.assessments) {
    const data = asMap(a.ys.data);
    if (!data) continue;
    if (Array.isArray(data.questions)) data.questions.forEach((q, i) => checkQuestion(ctx, a.ys, asMap(q), i));
    checkParts(ctx, a.ys, data);
    // Only the part that scores this kind is added up; the other is already reported as unused.
    if (data.kind === 'exam') checkTotal(ctx, a.ys, data, 'questions');
    else if ((ASSESSMENT_KINDS as readonly unknown[]).includes(data.kind)) checkTotal(ctx, a.ys, data, 'rubric');
  }
};

function checkQuestion(ctx: RuleContext, ys: YamlSource, q: RawMap | undefined, i: number): void {
  if (!q || !(QUESTION_TYPES as readonly unknown[]).includes(q.type) || !answerSchema.safeParse(q.answer).success) return;
  const report: Report = (rule, message, path = ['answer']) => ctx.at(ys, ['questions', i, ...path], rule, `Question ${i + 1}: ${message}`);
  const answer = q.answer;
  if (q.type === 'true-false') return checkTrueFalse(answer, report);
  if (q.type === 'short') return checkShort(answer, report);
  if (q.options !== undefined && !Array.isArray(q.options)) return;
  const n = Array.isArray(q.options) ? q.options.length : 0;
  if (n < 2) {
    const what = q.type === 'single' ? 'single' : 'multiple';
    const has = n === 1 ? 'has only one option' : 'has no `options:`';
    // One option typed with Chinese commas between several: [道歉，倾听，查询] is one text to YAML.
    const only = n === 1 && typeof (q.options as unknown[])[0] === 'string' ? itemsInOne((q.options as string[])[0]!, (part) => part.trim() !== '') : undefined;
    const fix = only ? ` If these are ${only.length} options, separate them with ASCII commas: [${only.join(', ')}].` : '';
    report('missing-options', `a ${what}-choice question needs at least two options to choose from, but it ${has}.${fix}`, [q.options === undefined ? 'type' : 'options']);
    return;
  }
  if (q.type === 'single') checkSingle(answer, n, report);
  else checkMultiple(answer, n, report);
}

function checkSingle(answer: unknown, n: number, report: Report): void {
  if (Array.isArray(answer)) {
    report('invalid-answer', `a single-choice question has one right option: write one option number, not a list (or use \`type: multiple\`).`);
  } else if (!isWhole(answer)) {
    report('invalid-answer', `the answer of a single-choice question is one option number (1–${n}), not ${describe(answer)}.${letterHint(answer)}`);
  } else if (answer < 1 || answer > n) {
    report('answer-out-of-range', `answer ${answer} is out of range: there are ${n} options (1–${n}).`);
  }
}

function checkMultiple(answer: unknown, n: number, report: Report): void {
  if (!Array.isArray(answer)) {
    const example = isWhole(answer) ? `[${answer}]` : '[1, 3]';
    report('invalid-answer', `the answer of a multiple-choice question is a list of option numbers, e.g. ${example}, not ${describe(answer)}.`);
    return;
  }
  if (answer.length === 0) return report('invalid-answer', 'the answer list is empty: list the right option numbers, e.g. [1, 3].');
  const notNumber = answer.findIndex((x) => !isWhole(x));
  if (notNumber >= 0) {
    const x = answer[notNumber];
    return report('invalid-answer', `the answer list holds ${describe(x)}; list option numbers (1–${n}).${letterHint(x)}`, ['answer', notNumber]);
  }
  const numbers = answer as number[];
  const out = numbers.map((x, j) => [x, j] as const).filter(([x]) => x < 1 || x > n);
  if (out.length) {
    const list = out.map(([x]) => x).join(', ');
    const is = out.length > 1 ? `answers ${list} are` : `answer ${list} is`;
    return report('answer-out-of-range', `${is} out of range: there are ${n} options (1–${n}).`, ['answer', out[0]![1]]);
  }
  const twice = numbers.findIndex((x, j) => numbers.indexOf(x) !== j);
  if (twice >= 0) report('invalid-answer', `option ${numbers[twice]} is listed twice in the answer.`, ['answer', twice]);
}

function checkTrueFalse(answer: unknown, report: Report): void {
  if (typeof answer === 'boolean') return;
  const hint = typeof answer === 'string' ? ' Only `true` and `false`, unquoted, are read as yes/no values.' : '';
  report('invalid-answer', `the answer of a true-false question is \`true\` or \`false\`, not ${describe(answer)}.${hint}`);
}

function checkShort(answer: unknown, report: Report): void {
  const isText = (x: unknown) => (typeof x === 'string' && x.trim() !== '') || typeof x === 'number';
  if (Array.isArray(answer) ? answer.length > 0 && answer.every(isText) : isText(answer)) return;
  report('invalid-answer', 'the answer of a short question is a text, or a list of accepted texts, and must not be empty.');
}

function checkParts(ctx: RuleContext, ys: YamlSource, data: RawMap): void {
  const kind = data.kind;
  if (!(ASSESSMENT_KINDS as readonly unknown[]).includes(kind)) return;
  const filled = (key: string) => Array.isArray(data[key]) && (data[key] as unknown[]).length > 0;
  if (kind === 'exam') {
    if (data.questions === undefined || (Array.isArray(data.questions) && data.questions.length === 0)) {
      ctx.at(ys, ['kind'], 'invalid-question', 'An exam needs `questions:` (at least one).');
    }
    for (const key of ['rubric', 'scenarios']) {
      if (filled(key)) ctx.at(ys, [key], 'unused-assessment-part', `\`${key}:\` is not used by an exam; its paper and Moodle export have questions only.`, 'key');
    }
  } else if (filled('questions')) {
    ctx.at(ys, ['questions'], 'unused-assessment-part', `\`questions:\` are only used by exams; this ${String(kind)} assessment is scored with its \`rubric:\`.`, 'key');
  }
}

function checkTotal(ctx: RuleContext, ys: YamlSource, data: RawMap, part: 'rubric' | 'questions'): void {
  const total = data.totalPoints;
  const items = data[part];
  if (typeof total !== 'number' || !(total > 0) || !Array.isArray(items) || items.length === 0) return;
  const points = items.map((x) => asMap(x)?.points);
  if (!points.every((p): p is number => typeof p === 'number' && p > 0)) return;
  const sum = points.reduce((t, p) => t + p, 0);
  if (Math.abs(sum - total) < 1e-9) return;
  const what = part === 'rubric' ? "The rubric's points" : "The questions' points";
  ctx.at(ys, ['totalPoints'], 'rubric-total', `${what} add up to ${round(sum)}, but totalPoints is ${total}.`);
}

function asMap(value: unknown): RawMap | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as RawMap) : undefined;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return 'a list';
  return String(value);
}

function letterHint(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]$/.test(value.trim())) return '';
  const letter = value.trim().toUpperCase();
  return ` Option ${letter} is number ${letter.charCodeAt(0) - 64}.`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
