// Block fences that are not what they look like: an unclosed block runs to the end of the file, and a
// fence the parser does not read as one prints its lines (trainer notes, say) as ordinary text.
import { describe, expect, it } from 'vitest';
import { findBlockFenceProblems } from '../src/markdown/block-fences.js';
import { parseMarkdown } from '../src/markdown/parse.js';

function problems(text: string): [rule: string, line: number, column: number, endColumn: number][] {
  return findBlockFenceProblems(parseMarkdown(text), text).map((p) => [p.rule, p.line, p.column, p.endColumn]);
}

function messages(text: string): string[] {
  return findBlockFenceProblems(parseMarkdown(text), text).map((p) => p.message);
}

describe('block fences', () => {
  it('accepts closed blocks, nested blocks with more colons outside, and colons in ordinary text', () => {
    expect(problems(':::trainer\n内容\n:::\n\n:::activity{minutes=20 title="x"}\n练习\n:::\n')).toEqual([]);
    expect(problems('::::trainer\n:::tip\n内容\n:::\n::::\n')).toEqual([]);
    expect(problems('时间 09:00，客户:您好，a:b，::x\n\n```\n::: trainer\n```\n\n`::: trainer`\n')).toEqual([]);
  });

  it('reports a space after the colons once, not again at its closing line', () => {
    expect(problems('# 标题\n\n::: trainer\n考核答案是B\n:::\n\n正文\n')).toEqual([['malformed-block', 3, 1, 12]]);
    expect(messages('::: trainer\n答案\n:::\n')).toEqual([
      '"::: trainer" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: remove the space after the colons: ":::trainer".',
    ]);
  });

  it('reports full-width colons, a name with trailing characters, and an unknown name', () => {
    expect(messages('：：：trainer\n答案\n：：：\n')).toEqual([
      '"：：：trainer" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: it has full-width colons (：); write three ASCII colons: ":::trainer".',
    ]);
    expect(messages('正文\n\n:::trainer:\n答案\n:::\n')).toEqual([
      '":::trainer:" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: write ":::trainer" alone on its line (attributes in {…}).',
    ]);
    expect(problems('第一行\n::: trainer\n答案\n')).toEqual([['malformed-block', 2, 1, 12]]);
    expect(problems('- 项目\n  ::: trainer\n')).toEqual([['malformed-block', 2, 3, 14]]);
  });

  it('names an attribute written without a value instead of asking for attributes in {…}', () => {
    expect(messages('正文\n\n:::activity{minutes=}\n练习\n:::\n')).toEqual([
      '":::activity{minutes=}" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: the attribute "minutes" has no value; write it with one (minutes=20) or leave it out.',
    ]);
    expect(messages('正文\n\n:::tip{title= }\n提示\n:::\n')[0]).toContain('the attribute "title" has no value; write it with one (title="…") or leave it out.');
  });

  it('names attributes typed with full-width quotes, braces or equals signs, and writes them in ASCII', () => {
    expect(messages('正文\n\n:::activity{minutes=15 title=“电话 演练”}\n练习\n:::\n')).toEqual([
      '":::activity{minutes=15 title=“电话 演练”}" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: its attributes are typed with full-width characters (“ ”); write them in ASCII: ":::activity{minutes=15 title="电话 演练"}".',
    ]);
    expect(messages('正文\n\n:::tip｛title＝"提醒"｝\n注意语气\n:::\n')).toEqual([
      '":::tip｛title＝"提醒"｝" is not a block, so what follows prints as ordinary text in every output, learner handbooks included: its attributes are typed with full-width characters (｛ ＝ ｝); write them in ASCII: ":::tip{title="提醒"}".',
    ]);
  });

  it('reports a closing line with no block open', () => {
    expect(messages('正文\n:::\n')).toEqual(['":::" closes no block: no block is open here. Remove the line, or check the opening line of the block it was meant to close.']);
  });

  it('reports a block that is never closed at its opening line', () => {
    expect(problems('# A\n\n:::trainer\n注意\n\n## 下一节\n\n正文\n')).toEqual([['block-not-closed', 3, 1, 11]]);
    expect(problems(':::tip')).toEqual([['block-not-closed', 1, 1, 7]]);
    expect(messages(':::trainer\n:::tip\n内容\n:::\n')).toEqual([
      'The block ":::tip" is never closed, so it runs on to the end of the block ":::trainer" (line 1) around it; one of the two lacks its closing line ":::". A block inside another needs fewer colons than the outer one ("::::trainer" … "::::").',
    ]);
  });
});
