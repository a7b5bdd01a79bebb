// An assessment as the books print it: what, when, how and the pass mark for everyone; the answer
// key, rubric and scenarios only in the trainer guide (the learner view never carries them).
import { countText, fill, type Labels } from '../../i18n/labels.js';
import type { Assessment, Question } from '../../model/types.js';
import { formatMinutes } from '../../util/time.js';
import { instructionParagraphs } from '../assessments/helpers.js';
import type { Book } from './book-model.js';

/** One exam question with its correct answer written out. */
export interface KeyedQuestion {
  number: number;
  type: string;
  prompt: string;
  options: { letter: string; text: string; correct: boolean }[];
  answer: string;
  points: number;
  explanation?: string;
}

/** Everything the assessment template needs; answer fields are empty in the learner edition. */
export interface AssessmentView {
  assessment: Assessment;
  anchor: string;
  kind: string;
  /** "第1天 14:00–14:30 · 新员工入职培训" per scheduled occurrence. */
  when: string[];
  /** Question count per type, e.g. "单选题 5 道题". */
  format: string[];
  competencies: string[];
  /** The instructions' paragraphs, for everyone. */
  instructions: string[];
  questions: KeyedQuestion[];
  rubric: Assessment['rubric'];
  scenarios: Assessment['scenarios'];
}

/** Build the view; `book.edition` decides whether answers, rubric and scenarios are included. */
export function buildAssessmentView(book: Book, labels: Labels, titles: (id: string) => string, a: Assessment, anchor: string): AssessmentView {
  const trainer = book.edition === 'trainer';
  const counts = new Map<string, number>();
  for (const q of a.questions) counts.set(q.type, (counts.get(q.type) ?? 0) + 1);
  return {
    assessment: a,
    anchor,
    kind: labels.assessmentKinds[a.kind] ?? a.kind,
    when: book.slotsOf('assessment', a.id).map((s) => `${fill(labels.day, { n: s.day })} ${formatMinutes(s.start)}–${formatMinutes(s.end)} · ${s.program.title}`),
    format: [...counts].map(([type, n]) => fill(labels.book.typeCount, { type: labels.book.questionTypes[type] ?? type, count: countText(labels.counts.questions, n) })),
    competencies: a.competencies.map(titles),
    instructions: instructionParagraphs(a),
    questions: trainer ? a.questions.map((q, i) => keyed(q, i + 1, labels)) : [],
    rubric: trainer ? a.rubric : [],
    scenarios: trainer ? a.scenarios : [],
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function keyed(q: Question, number: number, labels: Labels): KeyedQuestion {
  const correct = new Set(Array.isArray(q.answer) && q.type !== 'short' ? (q.answer as number[]) : []);
  const options = q.options.map((text, i) => ({ letter: LETTERS[i] ?? String(i + 1), text, correct: correct.has(i + 1) }));
  let answer: string;
  if (q.type === 'true-false') answer = q.answer === true ? labels.book.answerTrue : labels.book.answerFalse;
  else if (q.type === 'short') answer = (q.answer as string[]).join(' / ');
  else answer = options.filter((o) => o.correct).map((o) => `${o.letter}. ${o.text}`).join(labels.book.clauseSep);
  return { number, type: labels.book.questionTypes[q.type] ?? q.type, prompt: q.prompt, options, answer, points: q.points, explanation: q.explanation };
}
