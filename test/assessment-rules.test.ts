// Validation of assessments: each problem is exactly one diagnostic at the key or value it concerns,
// and problems the schema finds elsewhere in the file do not hide the answer checks.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';
import { expectedDiagnostics } from './helpers/fixtures.js';

type Row = [line: number, column: number, rule: string, message: string];

/** The diagnostics of the minimal curriculum with assessments/quiz.yaml replaced by `yaml`. */
function checkQuiz(yaml: string): Row[] {
  const dir = tempDir();
  cpSync(fixture('valid', 'minimal'), dir, { recursive: true });
  writeFileSync(join(dir, 'assessments/quiz.yaml'), yaml);
  return compileCurriculum(dir, dir).diagnostics.list().map((d) => [d.line, d.column, d.rule, d.message]);
}

const HEAD = 'title: 小测\nkind: exam\nduration: 30m\ncompetencies: [communication]\n';
const single = (answer: string, extra = '') => `  - prompt: p\n    type: single\n    options: [a, b, c]\n    answer: ${answer}\n    points: 5\n${extra}`;

describe('invalid assessment fixtures', () => {
  const cases: [name: string, line: number, column: number, rule: string, message: RegExp][] = [
    ['answer-out-of-range', 10, 13, 'answer-out-of-range', /^Question 1: answer 5 is out of range: there are 4 options \(1–4\)\.$/],
    ['single-choice-without-options', 8, 11, 'missing-options', /^Question 1: a single-choice question needs at least two options/],
    ['multiple-answer-not-list', 10, 13, 'invalid-answer', /a list of option numbers, e\.g\. \[2\], not 2\.$/],
    ['question-points-missing', 7, 5, 'missing-key', /^Missing required key "points" in "questions\[1\]"\.$/],
    ['question-points-not-positive', 11, 13, 'invalid-value', /Points must be positive\.$/],
    ['pass-mark-out-of-range', 4, 11, 'invalid-value', /percentage from 0 to 100/],
    ['rubric-total-mismatch', 5, 14, 'rubric-total', /^The rubric's points add up to 90, but totalPoints is 100\.$/],
    ['true-false-answer-not-boolean', 9, 13, 'invalid-answer', /`true` or `false`, not the text "错"/],
  ];
  for (const [name, line, column, rule, message] of cases) {
    it(`${name}: one ${rule} error at ${line}:${column}`, () => {
      const { diagnostics } = compileCurriculum(fixture('invalid', name), ROOT);
      const list = diagnostics.list();
      expect(list.map((d) => [d.file, d.line, d.column, d.severity, d.rule])).toEqual([
        [`test/fixtures/invalid/${name}/assessments/quiz.yaml`, line, column, 'error', rule],
      ]);
      expect(list[0]!.message).toMatch(message);
      expect(expectedDiagnostics(name).expected.map((e) => e.message)).toEqual([list[0]!.message]);
    });
  }

  it('reports the same through the CLI, with exit status 1', () => {
    const r = runCli(['check', 'test/fixtures/invalid/answer-out-of-range', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject([{ file: 'test/fixtures/invalid/answer-out-of-range/assessments/quiz.yaml', line: 10, column: 13, rule: 'answer-out-of-range' }]);
  });
});

describe('answer checks', () => {
  it('still run when the schema rejects something else in the file', () => {
    const rows = checkQuiz(`${HEAD}passMark: 120\nquestions:\n${single('4')}  - prompt: q\n    type: single\n    options: [a, b]\n    answer: 1\n`);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      [5, 11, 'invalid-value'],
      [10, 13, 'answer-out-of-range'],
      [12, 5, 'missing-key'],
    ]);
  });

  it('point at the offending list item and name every number out of range', () => {
    const rows = checkQuiz(`${HEAD}questions:\n  - prompt: p\n    type: multiple\n    options: [a, b, c]\n    answer: [1, 4, 7]\n    points: 5\n`);
    expect(rows).toEqual([[9, 17, 'answer-out-of-range', 'Question 1: answers 4, 7 are out of range: there are 3 options (1–3).']]);
  });

  it('explain letters, lists for single choice, repeats, empty lists and empty short answers', () => {
    expect(checkQuiz(`${HEAD}questions:\n${single('B')}`)[0]![3]).toBe(
      'Question 1: the answer of a single-choice question is one option number (1–3), not the text "B". Option B is number 2.',
    );
    expect(checkQuiz(`${HEAD}questions:\n${single('[1]')}`)[0]![3]).toMatch(/write one option number, not a list/);
    const multiple = (answer: string) => `${HEAD}questions:\n  - prompt: p\n    type: multiple\n    options: [a, b, c]\n    answer: ${answer}\n    points: 5\n`;
    expect(checkQuiz(multiple('[1, 1]'))).toEqual([[9, 17, 'invalid-answer', 'Question 1: option 1 is listed twice in the answer.']]);
    expect(checkQuiz(multiple('[]'))[0]!.slice(2)).toEqual(['invalid-answer', 'Question 1: the answer list is empty: list the right option numbers, e.g. [1, 3].']);
    const short = (answer: string) => `${HEAD}questions:\n  - prompt: p\n    type: short\n    answer: ${answer}\n    points: 5\n`;
    expect(checkQuiz(short('""'))[0]!.slice(0, 3)).toEqual([8, 13, 'invalid-answer']);
    expect(checkQuiz(short('[聆听, 倾听]'))).toEqual([]);
    expect(checkQuiz(short('42'))).toEqual([]);
  });

  it('want two options, reported at `options` when there is one', () => {
    const rows = checkQuiz(`${HEAD}questions:\n  - prompt: p\n    type: multiple\n    options: [a]\n    answer: [1]\n    points: 5\n`);
    expect(rows).toEqual([[8, 14, 'missing-options', 'Question 1: a multiple-choice question needs at least two options to choose from, but it has only one option.']]);
    // Options typed with Chinese commas are one text to YAML: the message names them and how to write them.
    const chinese = checkQuiz(`${HEAD}questions:\n  - prompt: p\n    type: single\n    options: [道歉，倾听、查询]\n    answer: 2\n    points: 5\n`);
    expect(chinese).toEqual([
      [8, 14, 'missing-options', 'Question 1: a single-choice question needs at least two options to choose from, but it has only one option. If these are 3 options, separate them with ASCII commas: [道歉, 倾听, 查询].'],
    ]);
  });
});

describe('assessment-level checks', () => {
  it('accept a pass mark written as "80%"', () => {
    expect(checkQuiz(`${HEAD}passMark: "80%"\nquestions:\n${single('2')}`)).toEqual([]);
  });

  it('compare totalPoints with the questions too', () => {
    expect(checkQuiz(`${HEAD}totalPoints: 10\nquestions:\n${single('2')}`)).toEqual([
      [5, 14, 'rubric-total', "The questions' points add up to 5, but totalPoints is 10."],
    ]);
  });

  it('want questions in an exam', () => {
    expect(checkQuiz(`${HEAD}questions: []\n`)).toEqual([[2, 7, 'invalid-question', 'An exam needs `questions:` (at least one).']]);
  });

  it('warn about parts the kind does not use', () => {
    expect(checkQuiz(`${HEAD}questions:\n${single('2')}rubric:\n  - { criterion: x, points: 5 }\n`)).toEqual([
      [11, 1, 'unused-assessment-part', '`rubric:` is not used by an exam; its paper and Moodle export have questions only.'],
    ]);
    const rolePlay = `title: 演练\nkind: role-play\nduration: 30m\nrubric:\n  - { criterion: x, points: 5 }\nquestions:\n${single('2')}`;
    expect(checkQuiz(rolePlay).map((r) => r.slice(0, 3))).toEqual([[6, 1, 'unused-assessment-part']]);
  });

  it('add up only the part that scores the kind: an unused rubric is not also a wrong total', () => {
    const exam = `${HEAD}totalPoints: 5\nquestions:\n${single('2')}rubric:\n  - { criterion: x, points: 3 }\n`;
    expect(checkQuiz(exam).map((r) => r.slice(0, 3))).toEqual([[12, 1, 'unused-assessment-part']]);
    const rolePlay = `title: 演练\nkind: role-play\nduration: 30m\ntotalPoints: 5\nrubric:\n  - { criterion: x, points: 5 }\nquestions:\n${single('2')}`;
    expect(checkQuiz(rolePlay).map((r) => r.slice(0, 3))).toEqual([[7, 1, 'unused-assessment-part']]);
  });
});
