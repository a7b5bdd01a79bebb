// Pure helpers over the assessment model, shared by the papers, the answer keys, the Moodle export
// and the handbooks (learner: what, when, pass mark; trainer guide: keys and rubrics).
import { fill, type Labels } from '../../i18n/labels.js';
import type { Assessment, Curriculum, Question } from '../../model/types.js';

/** A run of consecutive questions of one type: one numbered part of a paper. */
export interface QuestionPart {
  /** 1-based part number. */
  number: number;
  /** The question type of the part; `mixed` when a paper's types interleave and it shows one part. */
  type: Question['type'] | 'mixed';
  questions: Question[];
  total: number;
  /** Points of every question of the part when they are all the same. */
  each?: number;
}

/** Output path of an assessment's paper (exam) or observation sheet. */
export function paperPath(a: Assessment): string {
  return `assessments/${a.id}/paper.html`;
}

/** Output path of an assessment's answer key (exam) or scoring guide. */
export function answerKeyPath(a: Assessment): string {
  return `assessments/${a.id}/answer-key.html`;
}

/** Output path of an exam's Moodle GIFT file. */
export function giftPath(a: Assessment): string {
  return `assessments/${a.id}.gift`;
}

/** Whether an assessment is answered on paper (exam) rather than observed and scored with a rubric. */
export function isExam(a: Assessment): boolean {
  return a.kind === 'exam';
}

/** Whether an assessment gets a Moodle GIFT export: exams with at least one question. */
export function hasGift(a: Assessment): boolean {
  return isExam(a) && a.questions.length > 0;
}

/** Letter of a 0-based option index: A … Z, then AA, AB … */
export function optionLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The right options of a choice question as letters (["B"], ["A", "C", "D"]); empty for other types. */
export function answerLetters(q: Question): string[] {
  if (q.type !== 'single' && q.type !== 'multiple') return [];
  return [...(q.answer as number[])].sort((x, y) => x - y).map((n) => optionLetter(n - 1));
}

/** The answer as a marker reads it: "B", "ACD", 正确/错误, or the accepted texts joined by " / ". */
export function answerText(q: Question, labels: Labels): string {
  if (q.type === 'single' || q.type === 'multiple') return answerLetters(q).join('');
  if (q.type === 'true-false') return q.answer === true ? labels.assessmentText.trueText : labels.assessmentText.falseText;
  return (q.answer as string[]).join(' / ');
}

/** Points needed to pass: ceil(passMark % × total points); undefined without a pass mark. */
export function passPoints(a: Assessment): number | undefined {
  if (a.passMark === undefined) return undefined;
  return Math.ceil(Math.round(((a.passMark * a.totalPoints) / 100) * 1e6) / 1e6);
}

/** Points as written: whole numbers plain, fractions with at most two decimals. */
export function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "5 分" / "5 points" / "1 point". */
export function pointsText(n: number, labels: Labels): string {
  const t = labels.assessmentText;
  return fill(n === 1 ? t.pointsValueOne : t.pointsValue, { n: formatPoints(n) });
}

/** "（5 分）" / "(5 points)" after a question's prompt. */
export function questionPointsText(n: number, labels: Labels): string {
  const t = labels.assessmentText;
  return fill(n === 1 ? t.questionPointsOne : t.questionPoints, { n: formatPoints(n) });
}

/** "80 分（80%）": the pass threshold in points and percent; undefined without a pass mark. */
export function passThresholdText(a: Assessment, labels: Labels): string | undefined {
  const points = passPoints(a);
  if (points === undefined) return undefined;
  return fill(labels.assessmentText.passThresholdValue, { points: formatPoints(points), percent: formatPoints(a.passMark!) });
}

/** Consecutive questions of the same type grouped into numbered parts, numbering kept continuous. */
export function questionParts(a: Assessment): QuestionPart[] {
  const parts: QuestionPart[] = [];
  for (const q of a.questions) {
    const last = parts[parts.length - 1];
    if (last && last.type === q.type) last.questions.push(q);
    else parts.push({ number: parts.length + 1, type: q.type, questions: [q], total: 0 });
  }
  for (const p of parts) {
    p.total = p.questions.reduce((t, q) => t + q.points, 0);
    const first = p.questions[0]!.points;
    p.each = p.questions.every((q) => q.points === first) ? first : undefined;
  }
  return parts;
}

/** The parts a paper shows: runs of one type, or a single `mixed` part when the types interleave. */
export function paperParts(a: Assessment): QuestionPart[] {
  const runs = questionParts(a);
  if (runs.length <= new Set(a.questions.map((q) => q.type)).size) return runs;
  const first = a.questions[0]!.points;
  const each = a.questions.every((q) => q.points === first) ? first : undefined;
  return [{ number: 1, type: 'mixed', questions: a.questions, total: a.questions.reduce((t, q) => t + q.points, 0), each }];
}

/** A part's heading numeral: 一、二、三 … in Chinese locales, 1, 2, 3 … otherwise. */
export function partNumeral(n: number, locale: string): string {
  if (!locale.startsWith('zh')) return String(n);
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? digits[tens] : ''}十${n % 10 ? digits[n % 10] : ''}`;
}

/** The competency a question tests: its own, else the assessment's only competency. */
export function questionCompetency(a: Assessment, q: Question): string | undefined {
  return q.competency ?? (a.competencies.length === 1 ? a.competencies[0] : undefined);
}

/** The title of a competency id (the id itself when curriculum.yaml does not declare it). */
export function competencyTitle(model: Curriculum, id: string): string {
  return model.competencies.find((c) => c.id === id)?.title ?? id;
}

/** Points per competency over the questions that name one, in order of first appearance. */
export function competencyPoints(a: Assessment): { id: string; points: number }[] {
  const totals = new Map<string, number>();
  for (const q of a.questions) {
    const id = questionCompetency(a, q);
    if (id) totals.set(id, (totals.get(id) ?? 0) + q.points);
  }
  return [...totals].map(([id, points]) => ({ id, points }));
}

/** An assessment's instructions as paragraphs: blank lines separate them. */
export function instructionParagraphs(a: Assessment): string[] {
  return a.instructions ? a.instructions.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean) : [];
}
