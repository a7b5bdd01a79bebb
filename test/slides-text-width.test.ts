// Pagination measures text with a table-driven width; it must give string-width's number for every
// string, or decks would paginate differently: checked over every BMP code point, tricky samples
// (graphemes that join, escapes, astral characters) and random mixes of them.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/slides/text-width.js';

describe('displayWidth', () => {
  it('equals string-width for every BMP code point alone and after a CJK character and a letter', () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const ch = String.fromCharCode(code);
      for (const text of [ch, `中${ch}`, `${ch}a`]) if (displayWidth(text) !== stringWidth(text)) wrong.push(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['客户情绪激动时，任何解释听起来都像是推卸。', 42],
    ['09:00–10:30 · 90 分钟', 21],
    ['e\u0301 café', 6],
    ['👩‍👩‍👧 家庭', 7],
    ['🇨🇳🇺🇸', 4],
    ['\u1100\u1161\u11a8 한국어', 9],
    ['\u001b[31m红色\u001b[0m', 4],
    ['𠀀𠀁 扩展B', 10],
    ['a\r\nb', 2],
    ['क्षत्रिय', 3],
    ['', 0],
  ])('%j is %i columns wide, as string-width says', (text, width) => {
    expect(stringWidth(text)).toBe(width);
    expect(displayWidth(text)).toBe(width);
  });

  it('equals string-width on random mixes of CJK, Latin, marks, joiners, emoji, jamo and escapes', () => {
    const pieces = ['中', '文', '。', '，', 'a', 'Z', ' ', '·', '…', '\u0301', '\u200d', '\ufe0f', '👍', '🏽', '🇨', '\u1100', '\u1161', '\u11a8', '가', '\u001b', '[', 'm', '\u009b', '\r', '\n', '\u0915', '\u094d', '\u0600', '\u00ad', '\ud800', '\udc00', '©', '２'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 3000, seed: 8 },
    );
  });
});
