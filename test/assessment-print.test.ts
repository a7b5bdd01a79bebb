// Papers and sheets printed by Chromium, as a trainer prints them: A4 pages, CJK fonts embedded,
// "page x of y" footers from the @page margin boxes, and still no answer on the paper.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../src/render/pdf/browser.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';

const search = findBrowser();

describe.runIf('path' in search)('printed assessment pages', () => {
  let browser: Browser;
  let out: string;
  const pdfs = new Map<string, string>();

  async function print(page: string): Promise<string> {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(join(out, page)).href, { waitUntil: 'load' });
    const file = join(out, `${page.replace(/\W+/g, '-')}.pdf`);
    writeFileSync(file, await tab.pdf({ preferCSSPageSize: true, printBackground: true }));
    await tab.close();
    return file;
  }

  beforeAll(async () => {
    out = join(tempDir(), 'dist');
    const r = runCli(['build', fixture('valid', 'assessments-zh-tw'), '-o', out, '--only', 'assessments']);
    expect(r.status).toBe(0);
    browser = await launchBrowser((search as { path: string }).path);
    for (const page of ['assessments/quiz/paper.html', 'assessments/quiz/answer-key.html', 'assessments/probation/paper.html']) pdfs.set(page, await print(page));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  it('prints on A4 with every font embedded, CJK text extractable, and a page footer', () => {
    for (const file of pdfs.values()) {
      expect(info(file)).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((line) => / yes /.test(line))).toBe(true);
    }
    const paper = text(pdfs.get('assessments/quiz/paper.html')!);
    for (const label of ['姓名', '員工編號', '日期', '得分', '考試須知', '溝通測驗 · 試卷']) expect(paper).toContain(label);
    // pdftotext keeps the footer's spaces or not depending on the line.
    expect(paper).toMatch(/第 ?1 ?頁 ?\/ ?共 ?1 ?頁/);
  });

  it('keeps answers off the printed paper and on the printed key', () => {
    const paper = text(pdfs.get('assessments/quiz/paper.html')!);
    const key = text(pdfs.get('assessments/quiz/answer-key.html')!);
    expect(paper).not.toContain('閱卷專用');
    expect(key).toContain('閱卷專用');
    expect(key).toMatch(/及格分數線\s+9 分（60%）/);
  });

  it('prints the review sheet with its rubric and signature lines on one page', () => {
    const file = pdfs.get('assessments/probation/paper.html')!;
    expect(info(file)).toMatch(/Pages:\s+1\n/);
    const sheet = text(file);
    for (const label of ['評分項目', '業務知識', '服務品質', '評審人簽名', '考生簽名']) expect(sheet).toContain(label);
  });
});
