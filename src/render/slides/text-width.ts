// string-width without its per-call cost: pagination measures every slide item many times, and
// string-width segments each string into graphemes with Intl.Segmenter. Most slide text is made of
// code points that always stand alone as a grapheme (CJK, Latin, punctuation); for those the width
// is the sum of each code point's own width, looked up in a table filled from string-width itself.
// Any other string (surrogates, controls, combining marks, joiners, Hangul jamo…) goes to string-width.
import stringWidth from 'string-width';

/** Per BMP code unit: its width when it always forms a grapheme of its own, SLOW when not, UNKNOWN until first seen. */
const table = new Int8Array(0x10000).fill(-1);
const UNKNOWN = -1;
const SLOW = -2;

/**
 * Partners a code point is tried against, before and after: any that joins it into one grapheme makes
 * it SLOW. A letter catches marks, joiners and prepended signs; CR, LF and the Hangul jamo and
 * syllables catch the pairs that join each other. Marks and joiners themselves are SLOW, so a string
 * of code points that pass always breaks between every two of them.
 */
const PARTNERS = ['a', '\u4e00', '\u00a9', '\r', '\n', '\u1100', '\u1161', '\u11a8', '\uac00', '\uac01'];

let segmenter: Intl.Segmenter | undefined;

/** The same number string-width gives, for any string. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let w = table[code]!;
    if (w === UNKNOWN) w = classify(code);
    if (w === SLOW) return stringWidth(text);
    width += w;
  }
  return width;
}

/** CJK Unified Ideographs: each stands alone and is two columns wide (test/slides-text-width.test.ts checks every one). */
const IDEOGRAPHS = [0x4e00, 0x9fff];

/** Decide once whether a code unit always stands alone, and if so remember string-width's width of it. */
function classify(code: number): number {
  // Skips 21 segmentations per distinct ideograph: a build's first deck meets a few thousand of them.
  if (code >= IDEOGRAPHS[0]! && code <= IDEOGRAPHS[1]!) return (table[code] = 2);
  const ch = String.fromCharCode(code);
  const alone = !isControlOrSurrogate(code) && PARTNERS.every((p) => graphemes(p + ch) === 2 && graphemes(ch + p) === 2) && graphemes(ch + ch) === 2;
  const w = alone ? stringWidth(ch) : SLOW;
  table[code] = w;
  return w;
}

/** C0 and C1 controls start ANSI escapes that string-width strips with the text after them; surrogates pair up. */
function isControlOrSurrogate(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff);
}

function graphemes(text: string): number {
  segmenter ??= new Intl.Segmenter();
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}
