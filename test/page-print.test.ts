// The sample's schedules, trainer booking sheets, index and assessment sheets printed by Chromium as
// a user prints them from the browser, judged page by page with poppler: A4 with a "page x of y"
// footer, a total printed once under its table and never left alone on a page.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../src/render/pdf/browser.js';
import { runCli, tempDir } from './helpers/cli.js';

const search = findBrowser();
const PAGES = [
  'index.html',
  'programs/onboarding/schedule.html',
  'programs/monthly-intensive/schedule.html',
  'programs/management-development/schedule.html',
  'trainers/liu-min.html',
  'trainers/chen-hao.html',
  'trainers/zhao-lei.html',
  'assessments/customer-types-roleplay/answer-key.html',
];

describe.runIf('path' in search)('printed schedule, trainer, index and assessment pages of the sample', () => {
  let browser: Browser;
  let out: string;
  const pdfs = new Map<string, string>();

  beforeAll(async () => {
    out = join(tempDir(), 'dist');
    const r = runCli(['build', 'curricula', '-o', out]);
    expect(r.status).toBe(0);
    browser = await launchBrowser((search as { path: string }).path);
    for (const page of PAGES) {
      const tab = await browser.newPage();
      await tab.goto(pathToFileURL(join(out, page)).href, { waitUntil: 'load' });
      const file = join(out, `${page.replace(/\W+/g, '-')}.pdf`);
      // As the browser's print dialog does: the page's own @page size, Letter where it sets none.
      writeFileSync(file, await tab.pdf({ preferCSSPageSize: true, printBackground: true }));
      await tab.close();
      pdfs.set(page, file);
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  const info = (page: string) => execFileSync('pdfinfo', [pdfs.get(page)!], { encoding: 'utf8' });
  /** The text of each printed page, in order. */
  const pages = (page: string) =>
    execFileSync('pdftotext', ['-layout', pdfs.get(page)!, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim());

  it('prints the index on A4 with the curriculum title and the page number in the footer', () => {
    expect(info('index.html')).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const all = pages('index.html');
    expect(all.length).toBeGreaterThan(1);
    all.forEach((text, i) => {
      expect(text).toContain('客服部各岗位培训大纲（2027年度）');
      // pdftotext keeps the footer's spaces or not depending on the line.
      expect(text).toMatch(new RegExp(`第 ?${i + 1} ?页 ?/ ?共 ?${all.length} ?页`));
    });
  });

  it('never ends an index page on a section heading', () => {
    const headings = ['岗位', '培训项目', '课程模块', '考核', '讲师'];
    for (const text of pages('index.html')) {
      // The page's last line of content, its footer (title, page number) left out.
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/页 ?\/ ?共/.test(l));
      expect(headings).not.toContain(lines[lines.length - 1]);
    }
  });

  it('prints a trainer\'s total once, on the last page, under the last booking', () => {
    for (const page of ['trainers/liu-min.html', 'trainers/chen-hao.html', 'trainers/zhao-lei.html']) {
      const all = pages(page);
      const totals = all.map((text) => (text.match(/^\s*合计\s+[\d.]+ 小时\s*$/gm) ?? []).length);
      expect(totals.reduce((a, b) => a + b, 0), page).toBe(1);
      expect(totals[totals.length - 1], page).toBe(1);
      // Every page carries bookings, the last one too: no page holds the total alone.
      for (const text of all) expect(text, page).toMatch(/\d{4}-\d{2}-\d{2} 周. +\d{2}:\d{2}/);
    }
    // 27 bookings and their total fit one sheet (the page title says 授课安排; no second heading).
    expect(pages('trainers/chen-hao.html')).toHaveLength(1);
  });

  it('keeps a programme\'s total with its last day: no page of a schedule is the total alone', () => {
    for (const page of PAGES.filter((p) => p.startsWith('programs/'))) {
      const all = pages(page);
      expect(all[all.length - 1], page).toMatch(/项目合计：/);
      for (const text of all) expect(text, page).toMatch(/第\d+(–\d+)?天 · |总览/);
    }
  });

  it('states duration, maximum and pass threshold once on a scoring guide, which fits one page', () => {
    const all = pages('assessments/customer-types-roleplay/answer-key.html');
    const text = all.join('\n');
    expect(text.match(/满分/g)).toHaveLength(1);
    expect(text.match(/及格分数线/g)).toHaveLength(1);
    expect(text).toMatch(/时长 90 分钟 +· +满分 100 分 +· +及格分数线 80 分（80%）/);
    expect(text).toContain('能力要求');
    // The seventh scenario used to run over onto a page of its own.
    expect(all).toHaveLength(1);
    expect(text).toContain('无所不知型');
  });

  it('gives an observation sheet\'s scenarios room to write notes by hand', async () => {
    const tab = await browser.newPage();
    await tab.goto(pathToFileURL(join(out, 'assessments/customer-types-roleplay/paper.html')).href, { waitUntil: 'load' });
    await tab.emulateMediaType('print');
    await tab.setViewport({ width: 794, height: 1123 }); // A4 at 96 px per inch
    const cells = await tab.$$eval('.scenario-table td.fill', (tds) => tds.map((td) => [td.getBoundingClientRect().width, td.getBoundingClientRect().height]));
    await tab.close();
    expect(cells).toHaveLength(7);
    const mm = (px: number) => (px * 25.4) / 96;
    for (const [width, height] of cells) {
      expect(mm(width!)).toBeGreaterThanOrEqual(45);
      expect(mm(height!)).toBeGreaterThanOrEqual(17.9);
    }
  });
});
