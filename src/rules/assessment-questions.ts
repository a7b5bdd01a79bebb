// Exam questions: answers must fit the question type and options; rubrics must add up.
import type { SourceRule } from './context.js';

/** Answers in range and of the right shape for each question type; rubric totals consistent. */
export const assessmentQuestions: SourceRule = (ctx) => {
  for (const a of ctx.sources.assessments) {
    const data = a.data;
    if (!data) continue;
    data.questions?.forEach((q, i) => {
      const at = (message: string, key: string = 'answer') => ctx.at(a.ys, ['questions', i, key], 'invalid-question', `Question ${i + 1}: ${message}`);
      const n = q.options?.length ?? 0;
      if ((q.type === 'single' || q.type === 'multiple') && n < 2) {
        at(`a ${q.type}-choice question needs at least two \`options\`.`, q.options ? 'options' : 'type');
        return;
      }
      if (q.type === 'single') {
        if (typeof q.answer !== 'number' || !Number.isInteger(q.answer)) at('the answer of a single-choice question is one option number (1-based).');
        else if (q.answer < 1 || q.answer > n) at(`answer ${q.answer} is out of range: there are ${n} options (1–${n}).`);
      } else if (q.type === 'multiple') {
        if (!Array.isArray(q.answer)) at('the answer of a multiple-choice question is a list of option numbers, e.g. [1, 3].');
        else {
          const bad = q.answer.filter((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 1 || x > n);
          if (bad.length) at(`answer ${bad.map(String).join(', ')} is out of range: there are ${n} options (1–${n}).`);
          else if (new Set(q.answer).size !== q.answer.length) at('the same option is listed twice in the answer.');
          else if (q.answer.length === 0) at('the answer list is empty.');
        }
      } else if (q.type === 'true-false') {
        if (typeof q.answer !== 'boolean') at('the answer of a true-false question is `true` or `false`.');
      } else if (q.type === 'short') {
        const ok = typeof q.answer === 'string' || (Array.isArray(q.answer) && q.answer.length > 0 && q.answer.every((x) => typeof x === 'string'));
        if (!ok) at('the answer of a short question is a text (or a list of accepted texts).');
      }
    });
    if (data.kind === 'exam' && !(data.questions && data.questions.length)) {
      ctx.at(a.ys, ['kind'], 'invalid-question', 'An exam needs `questions:`.');
    }
    if (data.rubric && data.totalPoints !== undefined) {
      const sum = data.rubric.reduce((t, r) => t + r.points, 0);
      if (sum !== data.totalPoints) ctx.at(a.ys, ['totalPoints'], 'rubric-total', `The rubric's points add up to ${sum}, but totalPoints is ${data.totalPoints}.`);
    }
    if (data.questions && data.totalPoints !== undefined) {
      const sum = data.questions.reduce((t, q) => t + q.points, 0);
      if (sum !== data.totalPoints) ctx.at(a.ys, ['totalPoints'], 'rubric-total', `The questions' points add up to ${sum}, but totalPoints is ${data.totalPoints}.`);
    }
  }
};
