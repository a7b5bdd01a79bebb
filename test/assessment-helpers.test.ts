// The pure assessment helpers that papers, keys, GIFT and the handbooks share.
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../src/i18n/labels.js';
import type { Assessment, Question } from '../src/model/types.js';
import {
  answerLetters, answerText, competencyPoints, formatPoints, optionLetter, paperParts, partNumeral, passPoints, passThresholdText,
  pointsText, questionCompetency, questionParts,
} from '../src/render/assessments/index.js';

const q = (index: number, type: Question['type'], answer: Question['answer'], points = 5, competency?: string): Question => ({
  index, prompt: `q${index}`, type, options: type === 'single' || type === 'multiple' ? ['a', 'b', 'c', 'd'] : [], answer, points, competency,
});

function exam(questions: Question[], passMark?: number, competencies: string[] = []): Assessment {
  return {
    id: 'x', file: 'assessments/x.yaml', title: 'X', kind: 'exam', passMark, competencies, questions, rubric: [], scenarios: [],
    totalPoints: questions.reduce((t, x) => t + x.points, 0),
  };
}

describe('assessment helpers', () => {
  it('letter options A … Z, then AA', () => {
    expect([0, 1, 25, 26, 27].map(optionLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });

  it('give answers as sorted letters, 正确/错误 or accepted texts', () => {
    const zh = labelsFor('zh-CN');
    expect(answerLetters(q(1, 'multiple', [4, 1, 3]))).toEqual(['A', 'C', 'D']);
    expect(answerLetters(q(1, 'true-false', true))).toEqual([]);
    expect(answerText(q(1, 'single', [2]), zh)).toBe('B');
    expect(answerText(q(1, 'true-false', false), zh)).toBe('错误');
    expect(answerText(q(1, 'true-false', true), labelsFor('en'))).toBe('True');
    expect(answerText(q(1, 'short', ['聆听', '倾听']), zh)).toBe('聆听 / 倾听');
  });

  it('round the pass threshold up to whole points', () => {
    expect(passPoints(exam([q(1, 'single', [1], 15)], 70))).toBe(11);
    expect(passPoints(exam([q(1, 'single', [1], 100)], 80))).toBe(80);
    expect(passPoints(exam([q(1, 'single', [1], 10)], 57))).toBe(6);
    expect(passPoints(exam([q(1, 'single', [1], 3)], 0))).toBe(0);
    expect(passPoints(exam([q(1, 'single', [1], 3)]))).toBeUndefined();
    expect(passThresholdText(exam([q(1, 'single', [1], 15)], 70), labelsFor('en'))).toBe('11 points (70%)');
  });

  it('format points and their units', () => {
    expect(formatPoints(2.5)).toBe('2.5');
    expect(formatPoints(1 / 3)).toBe('0.33');
    expect(pointsText(1, labelsFor('en'))).toBe('1 point');
    expect(pointsText(4, labelsFor('zh-CN'))).toBe('4 分');
  });

  it('number parts 一 … 二十一 in Chinese and 1, 2 … otherwise', () => {
    expect([1, 4, 10, 11, 20, 21].map((n) => partNumeral(n, 'zh-CN'))).toEqual(['一', '四', '十', '十一', '二十', '二十一']);
    expect(partNumeral(3, 'en')).toBe('3');
  });

  it('group runs of one type into parts, or one mixed part when types interleave', () => {
    const runs = exam([q(1, 'single', [1], 4), q(2, 'single', [2], 4), q(3, 'multiple', [1, 2], 6), q(4, 'short', ['x'], 10)]);
    expect(paperParts(runs).map((p) => [p.number, p.type, p.questions.length, p.total, p.each])).toEqual([
      [1, 'single', 2, 8, 4], [2, 'multiple', 1, 6, 6], [3, 'short', 1, 10, 10],
    ]);
    const mixed = exam([q(1, 'single', [1], 4), q(2, 'true-false', true, 2), q(3, 'single', [3], 4)]);
    expect(questionParts(mixed)).toHaveLength(3);
    expect(paperParts(mixed).map((p) => [p.type, p.questions.length, p.total, p.each])).toEqual([['mixed', 3, 10, undefined]]);
  });

  it('take a question\'s competency, else the assessment\'s only one, and add up points per competency', () => {
    const one = exam([q(1, 'single', [1], 4), q(2, 'single', [1], 6, 'empathy')], 80, ['communication']);
    expect(one.questions.map((x) => questionCompetency(one, x))).toEqual(['communication', 'empathy']);
    expect(competencyPoints(one)).toEqual([{ id: 'communication', points: 4 }, { id: 'empathy', points: 6 }]);
    const two = exam([q(1, 'single', [1], 4)], 80, ['a', 'b']);
    expect(questionCompetency(two, two.questions[0]!)).toBeUndefined();
  });
});
