// The data each assessment template receives: everything worked out here, so templates only lay it out.
import stringWidth from 'string-width';
import { fill, type Labels } from '../../i18n/labels.js';
import type { Assessment, Curriculum, Question } from '../../model/types.js';
import type { RenderContext } from '../types.js';
import { pageView } from '../view-helpers.js';
import {
  answerKeyPath, answerText, instructionParagraphs, competencyPoints, competencyTitle, formatPoints, optionLetter, paperPath, partNumeral,
  paperParts, passThresholdText, pointsText, questionCompetency, questionPointsText, type QuestionPart,
} from './helpers.js';

/** Fields every assessment page shares (the page wrapper reads these). */
export function baseView(ctx: RenderContext, a: Assessment, page: string, heading: string) {
  const { labels } = ctx;
  const view = pageView(ctx, page, `${a.title} · ${heading}`);
  const { h } = view;
  const t = labels.assessmentText;
  const threshold = passThresholdText(a, labels);
  const facts = [
    a.minutes ? `${labels.duration} ${h.minutes(a.minutes)}` : '',
    `${t.fullMarks} ${pointsText(a.totalPoints, labels)}`,
    threshold ? `${t.passThreshold} ${threshold}` : '',
  ].filter(Boolean);
  return {
    ...view, t, a, heading, facts, threshold,
    total: formatPoints(a.totalPoints),
    kind: labels.assessmentKinds[a.kind] ?? a.kind,
  };
}

/** The exam paper: parts, numbered questions with lettered options, answer space; no answers. */
export function paperView(ctx: RenderContext, a: Assessment) {
  const { labels, model } = ctx;
  const t = labels.assessmentText;
  const parts = paperParts(a).map((p) => ({
    ...partHeading(p, labels, model.locale),
    questions: p.questions.map((q) => ({ ...paperQuestion(q, labels), tag: p.type === 'mixed' ? t.questionTypes[q.type] : '' })),
  }));
  const types = new Set(a.questions.map((q) => q.type));
  const how = [
    types.has('single') ? t.howSingle : '',
    types.has('multiple') ? t.howMultiple : '',
    types.has('true-false') ? t.howTrueFalse : '',
    types.has('short') ? t.howShort : '',
  ].filter(Boolean);
  return { ...baseView(ctx, a, paperPath(a), ctx.labels.paper), parts, instructions: instructionParagraphs(a), how, bodyClass: 'assessment-paper' };
}

/** The exam's answer key: answers, points, competencies, marking rules and the pass threshold in points. */
export function answerKeyView(ctx: RenderContext, a: Assessment) {
  const { labels, model } = ctx;
  const t = labels.assessmentText;
  const parts = paperParts(a).map((p) => ({
    ...partHeading(p, labels, model.locale),
    rows: p.questions.map((q) => keyRow(model, a, q, labels)),
    mixed: p.type === 'mixed',
  }));
  const types = new Set(a.questions.map((q) => q.type));
  const marking = [types.has('multiple') ? t.markingMultiple : '', types.has('short') ? t.markingShort : ''].filter(Boolean);
  const competencies = competencyPoints(a).map((c) => ({ title: competencyTitle(model, c.id), points: formatPoints(c.points) }));
  return {
    ...baseView(ctx, a, answerKeyPath(a), labels.answerKey),
    parts, marking, competencies,
    showCompetency: competencies.length > 0,
    assessmentCompetencies: a.competencies.map((id) => competencyTitle(model, id)),
    bodyClass: 'assessment-key',
  };
}

/** The observation sheet of a practical, role-play or review: rubric to score, scenarios, signatures. */
export function sheetView(ctx: RenderContext, a: Assessment) {
  const t = ctx.labels.assessmentText;
  const review = a.kind === 'review';
  return {
    ...baseView(ctx, a, paperPath(a), t.observationSheet),
    rubric: a.rubric.map((r, i) => ({ number: i + 1, criterion: r.criterion, points: formatPoints(r.points) })),
    scenarios: a.scenarios.map((s, i) => ({ number: i + 1, ...s })),
    assessor: review ? t.reviewer : t.assessor,
    assessorSignature: review ? t.reviewerSignature : t.assessorSignature,
    instructions: instructionParagraphs(a),
    bodyClass: 'assessment-sheet',
  };
}

/** The scoring guide of a rubric assessment: criteria with what to look for, expected behaviours. */
export function scoringGuideView(ctx: RenderContext, a: Assessment) {
  const { model, labels } = ctx;
  return {
    ...baseView(ctx, a, answerKeyPath(a), labels.assessmentText.scoringGuide),
    rubric: a.rubric.map((r, i) => ({ number: i + 1, criterion: r.criterion, points: formatPoints(r.points), description: r.description ?? '' })),
    scenarios: a.scenarios.map((s, i) => ({ number: i + 1, ...s })),
    competencies: a.competencies.map((id) => competencyTitle(model, id)),
    showDescriptions: a.rubric.some((r) => r.description),
    bodyClass: 'assessment-key',
  };
}

function partHeading(p: QuestionPart, labels: Labels, locale: string) {
  const t = labels.assessmentText;
  const values = { count: p.questions.length, each: formatPoints(p.each ?? 0), total: formatPoints(p.total) };
  return {
    number: p.number,
    numeral: p.type === 'mixed' ? '' : fill(t.part, { n: partNumeral(p.number, locale) }),
    shortNumeral: partNumeral(p.number, locale),
    name: p.type === 'mixed' ? t.questions : (t.questionTypes[p.type] ?? p.type),
    summary: fill(p.each !== undefined ? t.partSummary : t.partSummaryMixed, values),
    total: formatPoints(p.total),
  };
}

function paperQuestion(q: Question, labels: Labels) {
  const t = labels.assessmentText;
  const options =
    q.type === 'true-false'
      ? [{ letter: '', text: t.trueText }, { letter: '', text: t.falseText }]
      : q.options.map((text, i) => ({ letter: optionLetter(i), text }));
  return {
    number: q.index,
    type: q.type,
    prompt: q.prompt,
    points: questionPointsText(q.points, labels),
    options,
    mark: q.type === 'multiple' ? 'box' : 'circle',
    columns: q.type === 'true-false' ? 4 : optionColumns(options.map((o) => o.text)),
    lines: q.type === 'short' ? Math.min(8, Math.max(3, Math.ceil(q.points / 2))) : 0,
  };
}

function keyRow(model: Curriculum, a: Assessment, q: Question, labels: Labels) {
  const competency = questionCompetency(a, q);
  return {
    number: q.index,
    prompt: q.prompt,
    answer: answerText(q, labels),
    type: labels.assessmentText.questionTypes[q.type] ?? q.type,
    short: q.type === 'short',
    points: formatPoints(q.points),
    competency: competency ? competencyTitle(model, competency) : labels.assessmentText.none,
    explanation: q.explanation ?? '',
  };
}

/** Options side by side when they are short (widths in columns, CJK = 2), rows balanced: 5 options → 3 + 2. */
function optionColumns(texts: string[]): number {
  const widest = Math.max(...texts.map((s) => (s.includes('\n') ? Infinity : stringWidth(s))));
  const fit = widest <= 10 ? 5 : widest <= 16 ? 4 : widest <= 24 ? 3 : widest <= 36 ? 2 : 1;
  const rows = Math.ceil(texts.length / Math.min(fit, texts.length));
  return Math.ceil(texts.length / rows);
}

