// Exam papers, answer keys, observation sheets and scoring guides as a user builds them: what a candidate
// may see (never an answer), what a marker needs, valid HTML, and labels in the curriculum's language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import type { Assessment } from '../src/model/types.js';
import { fixture, ROOT, runCli, tempDir } from './helpers/cli.js';

function build(source: string): string {
  const out = join(tempDir(), 'dist');
  const r = runCli(['build', source, '-o', out, '--only', 'assessments']);
  expect(r.stderr).toMatch(/Wrote \d+ files/);
  expect(r.status).toBe(0);
  return out;
}

/** The visible text of a page: no style block, no tags, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Everything a paper must not show: explanations, accepted texts, and any marker-only label. */
function expectNoAnswers(paperHtml: string, a: Assessment): void {
  const text = textOf(paperHtml);
  for (const q of a.questions) {
    if (q.explanation) expect(text).not.toContain(q.explanation.replace(/\s+/g, ' '));
    if (q.type === 'short') for (const t of q.answer as string[]) expect(text).not.toContain(t.replace(/\s+/g, ' '));
  }
  expect(paperHtml).not.toMatch(/class="[^"]*(key|answer-text|correct|right)[^"]*"/);
  // Every option of a question is marked up the same way: nothing tells the right one apart.
  for (const list of paperHtml.match(/<ul class="options[\s\S]*?<\/ul>/g) ?? []) {
    const shapes = [...list.matchAll(/<li>(<span class="mark [a-z]+"[^>]*><\/span>)/g)].map((m) => m[1]);
    expect(new Set(shapes).size).toBe(1);
  }
}

describe('assessment pages of test/fixtures/valid/assessments-en', () => {
  let out: string;
  let exam: Assessment;
  const read = (p: string) => readFileSync(join(out, p), 'utf8');
  beforeAll(() => {
    out = build(fixture('valid', 'assessments-en'));
    exam = compileCurriculum(fixture('valid', 'assessments-en'), ROOT).model.assessments.find((a) => a.id === 'special-exam')!;
  });

  it('prints an exam paper with candidate boxes, instructions, numbered questions and lettered options', () => {
    const html = read('assessments/special-exam/paper.html');
    const text = textOf(html);
    for (const label of ['Name', 'Employee no.', 'Date', 'Score', 'Instructions', 'Duration 30 min', 'Maximum 15 points', 'Pass threshold 11 points (70%)']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Work alone. Phones off.');
    expect([...html.matchAll(/<span class="q-no">(\d+)\.<\/span>/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect([...html.matchAll(/<span class="letter">([A-Z])\.<\/span>/g)].map((m) => m[1]).join('')).toBe('ABCDABCDEABAB');
    expect(text).toContain('C. {braces}');
    expect(html.match(/class="mark circle"/g)).toHaveLength(4 + 2 + 2);
    expect(html.match(/class="mark box"/g)).toHaveLength(5 + 2);
    expect(html.match(/<span class="line"><\/span>/g)).toHaveLength(3);
    expect(html).toContain('<link rel="stylesheet" href="../../assets/assessment.css">');
    expect(read('assets/assessment.css')).toContain('size: A4');
  });

  it('never shows an answer or an explanation on the paper', () => {
    const html = read('assessments/special-exam/paper.html');
    expectNoAnswers(html, exam);
    expect(textOf(html)).not.toMatch(/acknowledge|Answer key|Explanation|For markers/);
  });

  it('lists answers as letters with points, competencies and the pass threshold in points in the answer key', () => {
    const html = read('assessments/special-exam/answer-key.html');
    const rows = [...html.matchAll(/<td class="num">(\d+)<\/td>[\s\S]*?<td class="key-answer[^"]*">([^<]*)<\/td>\s*<td class="num">([^<]*)<\/td>\s*<td class="key-competency">([^<]*)<\/td>/g)]
      .map((m) => [m[1], m[2], m[3], m[4]]);
    expect(rows).toEqual([
      ['1', 'C', '2', 'Communication skills'],
      ['2', 'ACE', '3', 'Complaint handling'],
      ['3', 'False', '1', '—'],
      ['4', 'acknowledge / acknowledgement / a=b~c#d{e}:f\\g*', '4', 'Complaint handling'],
      ['5', 'A', '1', '—'],
      ['6', 'AB', '4', '—'],
    ]);
    const text = textOf(html);
    expect(text).toContain('Pass threshold 11 points (70%)');
    expect(text).toContain('Explanation Braces {} open answers; \\ escapes; # starts feedback.');
    expect(text).toContain('For markers only');
    expect(text).toMatch(/Points by competency Competency Points Communication skills 2 Complaint handling 7/);
  });

  it('prints an observation sheet with the rubric to score, the scenarios and signature lines', () => {
    const html = read('assessments/call-role-play/paper.html');
    const text = textOf(html);
    expect(text).toContain('No. Criterion Points Score Comments');
    expect(html).toMatch(/<td class="num">2<\/td><td>Restates the customer&#39;s problem<\/td><td class="num">20<\/td><td class="fill"><\/td><td class="fill"><\/td>/);
    expect(text).toContain('Total 50');
    expect(text).toContain('Pass threshold 38 points (75%)');
    expect(text).toContain('Customer type Situation Expected behaviour Observations');
    expect(text).toContain('Silent Answers only "yes" or "no". Asks open questions to draw the customer out.');
    for (const label of ['Assessor', "Candidate's signature", "Assessor's signature", 'Overall comments', 'Pass', 'Fail']) expect(text).toContain(label);
    expect(text).not.toContain('Uses the standard greeting');
  });

  it('gives rubric assessments a scoring guide with what to look for', () => {
    const text = textOf(read('assessments/call-role-play/answer-key.html'));
    expect(text).toContain('Scoring guide');
    expect(text).toContain('Greets and introduces themselves 10 Uses the standard greeting within 5 seconds.');
    expect(text).toContain('Offers a solution within policy 20 —');
    expect(text).toContain('Competencies Complaint handling');
  });

  it('writes only valid HTML', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const f of ['special-exam/paper.html', 'special-exam/answer-key.html', 'call-role-play/paper.html', 'call-role-play/answer-key.html', 'systems-practical/paper.html']) {
      const report = await validator.validateString(read(`assessments/${f}`));
      expect(report.results.flatMap((r) => r.messages.map((m) => `${f}:${m.line}:${m.column} ${m.ruleId}`))).toEqual([]);
    }
  });
});

describe('assessment pages in Traditional Chinese (test/fixtures/valid/assessments-zh-tw)', () => {
  let out: string;
  beforeAll(() => {
    out = build(fixture('valid', 'assessments-zh-tw'));
  });

  it('labels the paper, the key and the review sheet in zh-TW', () => {
    const paper = textOf(readFileSync(join(out, 'assessments/quiz/paper.html'), 'utf8'));
    for (const label of ['姓名', '員工編號', '日期', '得分', '考試須知', '一、 單選題', '二、 複選題', '三、 是非題', '及格分數線 9 分（60%）']) expect(paper).toContain(label);
    const key = textOf(readFileSync(join(out, 'assessments/quiz/answer-key.html'), 'utf8'));
    expect(key).toContain('閱卷專用');
    expect(key).toMatch(/1 客戶抱怨時，第一步應該做什麼？ B 5/);
    expect(key).toMatch(/3 可以把客戶電話傳到群組裡。 錯誤 5/);
    const sheet = textOf(readFileSync(join(out, 'assessments/probation/paper.html'), 'utf8'));
    for (const label of ['評審人', '評分項目', '評審人簽名', '考生簽名', '綜合評語']) expect(sheet).toContain(label);
    expect(readFileSync(join(out, 'assessments/quiz/paper.html'), 'utf8')).toContain('<html lang="zh-TW">');
  });
});

describe('assessment pages of the sample curriculum', () => {
  const { model, diagnostics } = compileCurriculum(join(ROOT, 'curricula'), ROOT);
  const clean = !diagnostics.list().some((d) => d.severity === 'error');

  it.runIf(clean)('never show answers on exam papers, and write a key, a sheet or a GIFT file for every assessment', () => {
    const out = build(join(ROOT, 'curricula'));
    for (const a of model.assessments) {
      const paper = readFileSync(join(out, `assessments/${a.id}/paper.html`), 'utf8');
      expect(readFileSync(join(out, `assessments/${a.id}/answer-key.html`), 'utf8')).toContain(a.title);
      if (a.kind !== 'exam') continue;
      expectNoAnswers(paper, a);
      expect(readFileSync(join(out, `assessments/${a.id}.gift`), 'utf8')).toContain(`::${a.id} Q01::`);
    }
  });
});
