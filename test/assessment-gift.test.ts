// The Moodle GIFT export read back by a real GIFT parser (gift-pegjs): every question, option, weight
// and answer must come back exactly as the source wrote it, special characters included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, type GIFTQuestion } from 'gift-pegjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import type { Assessment } from '../src/model/types.js';
import { escapeGift, giftTitle, giftWeights, modelAnswerComment, renderGift } from '../src/render/assessments/gift.js';
import { hasGift } from '../src/render/assessments/helpers.js';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';

/** Compare a parsed GIFT file with the exam it came from, question by question. */
function expectSameAsSource(parsed: GIFTQuestion[], a: Assessment): void {
  expect(parsed.map((q) => q.type)).toEqual(a.questions.map((q) => (q.type === 'short' && q.accepted ? 'Short' : { single: 'MC', multiple: 'MC', 'true-false': 'TF', short: 'Essay' }[q.type])));
  a.questions.forEach((q, i) => {
    const g = parsed[i]!;
    if (g.type === 'Category' || g.type === 'Description') throw new Error(`question ${i + 1} parsed as ${g.type}`);
    expect(g.title).toBe(giftTitle(a, q));
    expect(g.stem).toEqual({ format: 'plain', text: q.prompt });
    expect(g.globalFeedback?.text ?? undefined).toBe(q.explanation);
    if (g.type === 'TF') {
      expect(g.isTrue).toBe(q.answer);
    } else if (g.type === 'Short') {
      expect(g.choices.map((c) => [c.isCorrect, c.text.text.replace(/\\\*/g, '*')])).toEqual((q.answer as string[]).map((t) => [true, t]));
    } else if (g.type === 'MC') {
      expect(g.choices.map((c) => c.text.text)).toEqual(q.options);
      const right = q.answer as number[];
      if (q.type === 'single') {
        expect(g.choices.map((c) => c.isCorrect)).toEqual(q.options.map((_, j) => right.includes(j + 1)));
        expect(g.choices.every((c) => c.weight === null)).toBe(true);
      } else {
        const weights = g.choices.map((c) => c.weight!);
        expect(weights.map((w) => w > 0)).toEqual(q.options.map((_, j) => right.includes(j + 1)));
        expect(weights.filter((w) => w > 0).reduce((s, w) => s + w, 0)).toBeCloseTo(100, 3);
        expect(weights.filter((w) => w < 0).every((w) => w === -100)).toBe(true);
      }
    }
  });
}

describe('GIFT export of test/fixtures/valid/assessments-en', () => {
  let gift: string;
  let exam: Assessment;
  beforeAll(() => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', fixture('valid', 'assessments-en'), '-o', out, '--only', 'assessments']);
    expect(r.status).toBe(0);
    gift = readFileSync(join(out, 'assessments/special-exam.gift'), 'utf8');
    exam = compileCurriculum(fixture('valid', 'assessments-en'), ROOT).model.assessments.find((a) => a.id === 'special-exam')!;
  });

  it('parses with gift-pegjs and gives back every question, option, weight and answer of the source', () => {
    expectSameAsSource(parse(gift), exam);
  });

  it('escapes every special character of a question full of them', () => {
    const q = exam.questions[0]!;
    expect(q.prompt).toMatch(/[{}=~#:\\]/);
    expect(gift).toContain(
      '::special-exam Q01::[plain]GIFT check\\: what do \\{braces\\}, a \\= b, \\~tilde, \\#hash, C\\:\\\\temp\\\\ and key\\: value mean? {',
    );
    expect(gift).toContain('=\\{braces\\}\n~a\\: b \\# c \\\\ d\n####Braces \\{\\} open answers; \\\\ escapes; \\# starts feedback.\n}');
  });

  it('exports a short question whose answer is a list of accepted texts as a Moodle short answer, * escaped too', () => {
    expect(gift).toContain(
      '\n\n// 4 points [tag:complaint-handling]\n' +
        '::special-exam Q04::[plain]Name the first step of complaint handling. {\n=acknowledge\n=acknowledgement\n=a\\=b\\~c\\#d\\{e\\}\\:f\\\\g\\*\n}\n\n',
    );
  });

  it('gives multiple choice partial credit: right options share 100 %, wrong ones -100 %', () => {
    expect(gift).toContain('~%33.33333%Listening\n~%-100%Arguing\n~%33.33333%Apologising\n~%-100%Saying "calm down"\n~%33.33333%Summarising\n');
    expect(gift).toContain('~%50%Please\n~%50%Thank you\n');
  });

  it('writes true-false as {TRUE}/{FALSE}, line breaks as \\n, one blank line between questions, UTF-8 without BOM', () => {
    expect(gift).toContain('is a \\= b case? {FALSE}');
    expect(gift).toContain('[plain]Read the dialogue\\:\\nCustomer\\: where is my parcel? {');
    expect(gift.charCodeAt(0)).not.toBe(0xfeff);
    expect(gift.endsWith('}\n')).toBe(true);
    expect(gift.split('\n\n')).toHaveLength(exam.questions.length + 1);
    expect(gift).not.toMatch(/\n\n\n/);
  });

  it('says in its header that marks are set in Moodle (and, with no essay among its questions, nothing about essays)', () => {
    expect(gift.split('\n\n')[0]).toBe(
      '// Service basics: written exam (special-exam): 6 questions, 15 points, pass mark 70% (11 points).\n' +
        '// Generated by cs-train; import into Moodle as GIFT format (UTF-8).\n' +
        "// GIFT carries no marks (Moodle imports every question at 1): set each question's mark in the quiz to the points above it.",
    );
  });

  it('tags questions with their competency', () => {
    expect(parse(gift).map((q) => q.tags)).toEqual([['communication'], ['complaint-handling'], null, ['complaint-handling'], null, null]);
  });
});

describe('GIFT export of the sample curriculum', () => {
  const { model, diagnostics } = compileCurriculum(join(ROOT, 'curricula'), ROOT);
  const clean = !diagnostics.list().some((d) => d.severity === 'error');
  const exams = model.assessments.filter(hasGift);

  it.runIf(clean)('has exams, and each one parses back to its source', () => {
    expect(exams.length).toBeGreaterThan(0);
    for (const a of exams) expectSameAsSource(parse(renderGift(a)), a);
  });

  it.runIf(clean)('exports the open question of monthly-quiz as an essay, never as an exact-match short answer', () => {
    const gift = renderGift(exams.find((a) => a.id === 'monthly-quiz')!);
    expect(gift).toContain(
      '\n\n// 20 points\n' +
        '// Model answer: 开放题：描述问题的具体表现、原因分析和可执行的改进措施即可得分。\n' +
        '::monthly-quiz Q08::[plain]请列举本月你在工作中遇到的一个共性问题，并写出你的改进做法。 {}\n',
    );
    for (const a of exams) expect(parse(renderGift(a)).some((q) => q.type === 'Short')).toBe(false);
    expect(gift.split('\n\n')[0]).toContain('// Essay questions are graded by hand in Moodle; the model answer is in the comment above each one.');
  });
});

describe('GIFT essay questions', () => {
  const exam: Assessment = {
    id: 'essay-exam', file: 'assessments/essay-exam.yaml', title: 'Essays', kind: 'exam', totalPoints: 6, competencies: [],
    rubric: [], scenarios: [],
    questions: [
      {
        index: 1, type: 'short', options: [], points: 5, competency: 'calm-voice',
        prompt: 'Reply to: "Fix {this} now = or #else ~ I leave!"',
        answer: ['Stay calm: name the issue {order #12}\nthen offer a = fix ~ today. [id:x] [tag:y] C:\\temp'],
        explanation: 'Marks: 1 per point; see #3.',
      },
      { index: 2, type: 'short', options: [], points: 1, prompt: 'One word?', answer: ['yes', 'a*b'] },
    ],
  };
  const gift = renderGift(exam);

  it('writes `::title::[plain]prompt {}` (general feedback inside), the model answer escaped in a comment above', () => {
    expect(gift.split('\n\n').slice(1)).toEqual([
      '// 5 points [tag:calm-voice]\n' +
        '// Model answer: Stay calm\\: name the issue \\{order \\#12\\}\\nthen offer a \\= fix \\~ today. [id\\:x] [tag\\:y] C\\:\\\\temp\n' +
        '::essay-exam Q01::[plain]Reply to\\: "Fix \\{this\\} now \\= or \\#else \\~ I leave!" {####Marks\\: 1 per point; see \\#3.}',
      '// 1 point\n// Model answer: yes / a*b\n::essay-exam Q02::[plain]One word? {}\n',
    ]);
    expect(modelAnswerComment(exam.questions[1]!)).toBe('// Model answer: yes / a*b');
  });

  it('parses back as essays with the source text; the comment adds no Moodle tag or id number', () => {
    const parsed = parse(gift);
    expectSameAsSource(parsed, exam);
    expect(parsed.map((q) => [q.type, 'tags' in q ? q.tags : undefined, 'id' in q ? q.id : undefined])).toEqual([
      ['Essay', ['calm-voice'], null],
      ['Essay', null, null],
    ]);
  });
});

describe('escapeGift', () => {
  it('escapes ~ = # { } : and the backslash, and nothing else', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h % [x] * / ?')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h % [x] * / ?');
  });

  it('round-trips any text through gift-pegjs', () => {
    const text = fc.string({ unit: fc.constantFrom('~', '=', '#', '{', '}', ':', '\\', 'a', 'Z', '中', ' ', '\n', '-', '.'), minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() !== '' && s === s.trim());
    fc.assert(
      fc.property(text, text, text, (prompt, right, wrong) => {
        fc.pre(right !== wrong);
        const [q] = parse(`::t::[plain]${escapeGift(prompt)} {\n=${escapeGift(right)}\n~${escapeGift(wrong)}\n}\n`);
        if (q?.type !== 'MC') return false;
        // gift-pegjs collapses runs of spaces (Moodle keeps them), so compare with runs collapsed.
        const same = (got: string, want: string) => got === want.replace(/ {2,}/g, ' ');
        return same(q.stem.text, prompt) && same(q.choices[0]!.text.text, right) && same(q.choices[1]!.text.text, wrong);
      }),
      // A fixed seed: the same cases on every run (20,000 free-seeded cases passed when it was set).
      { numRuns: 300, seed: 20261123 },
    );
  });
});

describe('giftWeights', () => {
  it('uses Moodle grade-list values for up to ten right options', () => {
    const q = (right: number[], n: number) => ({ index: 1, prompt: 'p', type: 'multiple' as const, options: Array.from({ length: n }, (_, i) => `o${i}`), answer: right, points: 1 });
    expect(giftWeights(q([1, 3], 3))).toEqual([50, -100, 50]);
    expect(giftWeights(q([1, 2, 3, 4, 5, 6], 7))).toEqual([16.66667, 16.66667, 16.66667, 16.66667, 16.66667, 16.66667, -100]);
    expect(giftWeights(q([2], 2))).toEqual([-100, 100]);
  });
});
