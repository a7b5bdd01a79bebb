// The generated labels are written in the script of their locale: OpenCC's character conversions
// (no phrase tables) leave every zh-TW label as it is when converting Simplified to Traditional
// (Taiwan), and every zh-CN label when converting Traditional (Taiwan) to Simplified. A Simplified
// character in a Taiwan handbook, or a Traditional one in a mainland one, fails here.
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../src/i18n/labels.js';
import type { Locale } from '../src/schema/curriculum.js';

/** Every text of a label set, with where it is ("book.timetable"). */
function texts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => texts(v, path ? `${path}.${key}` : key));
}

const cases: [Locale, OpenCC.Locale, OpenCC.Locale][] = [
  ['zh-TW', 'cn', 'tw'],
  ['zh-CN', 'tw', 'cn'],
];

describe('generated labels', () => {
  for (const [locale, from, to] of cases) {
    it(`${locale}: written in its own script`, () => {
      const convert = OpenCC.Converter({ from, to });
      const labels = texts(labelsFor(locale)).filter(([, text]) => /\p{Script=Han}/u.test(text));
      expect(labels.length).toBeGreaterThan(150);
      const changed = labels.filter(([, text]) => convert(text) !== text).map(([path, text]) => `${path}: ${text} -> ${convert(text)}`);
      expect(changed).toEqual([]);
    });
  }

  it('tells the scripts apart (the check can fail)', () => {
    expect(OpenCC.Converter({ from: 'cn', to: 'tw' })('课程时长')).toBe('課程時長');
    expect(OpenCC.Converter({ from: 'tw', to: 'cn' })('課程時長')).toBe('课程时长');
  });
});
