// Every slide fits: the decks rendered by Marp CLI and laid out by the system Chromium, no title,
// point, table or dialogue line reaches past the content box of its 1280×720 slide.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { buildSlides, renderWithMarp } from './slides-helpers.js';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** The content box of a slide: 1280×720 less the style's padding (64px top, 72px sides, 56px bottom). */
const BOTTOM = 720 - 56;
const RIGHT = 1280 - 72;

interface Overflow {
  deck: string;
  slide: number;
  title: string;
  bottom: number;
  right: number;
}

describe.skipIf(!existsSync(CHROMIUM))('slides in a browser', () => {
  let browser: Browser;
  const pages = new Map<string, string>();

  beforeAll(async () => {
    const sources = [fixture('valid/slides-edge'), fixture('valid/slides-en')];
    if (runCli(['check', 'curricula', '--strict']).status === 0) sources.push('curricula');
    const builds = sources.map((s) => buildSlides(s));
    const html = await renderWithMarp(builds, ['--template', 'bare']);
    const dir = tempDir('cs-train-slides-html-');
    html.forEach((decks, i) => {
      for (const [deck, text] of decks) {
        const file = join(dir, `${i}-${deck.replace(/\//g, '_')}.html`);
        writeFileSync(file, text);
        pages.set(`${sources[i]} ${deck}`, file);
      }
    });
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lays out every slide of every deck inside its content box', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url().startsWith('file:') ? r.continue() : r.abort()));
    const overflows: Overflow[] = [];
    let slides = 0;
    for (const [deck, file] of pages) {
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll('section')].map((s) => {
          const box = s.getBoundingClientRect();
          const scale = box.width / 1280;
          let bottom = 0;
          let right = 0;
          for (const el of s.querySelectorAll(':scope > :not(header):not(footer)')) {
            const r = el.getBoundingClientRect();
            bottom = Math.max(bottom, (r.bottom - box.top) / scale);
            right = Math.max(right, (r.right - box.left) / scale, (r.left - box.left + el.scrollWidth * scale) / scale);
          }
          return { title: s.querySelector('h1, h2')?.textContent ?? '', bottom: Math.round(bottom), right: Math.round(right) };
        }),
      );
      slides += found.length;
      found.forEach((f, i) => {
        if (f.bottom > BOTTOM || f.right > RIGHT) overflows.push({ deck, slide: i + 1, ...f });
      });
    }
    expect(slides).toBeGreaterThan(40);
    expect(overflows).toEqual([]);
  });

  it('numbers every ordered list, nested ones included, 1. 2. 3. as the source and the PPTX do', async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url().startsWith('file:') ? r.continue() : r.abort()));
    const styles: { deck: string; nested: boolean; style: string }[] = [];
    for (const [deck, file] of pages) {
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const found = await page.evaluate(() =>
        [...document.querySelectorAll('section ol')].map((ol) => ({ nested: ol.parentElement?.closest('ol, ul') !== null, style: getComputedStyle(ol).listStyleType })),
      );
      styles.push(...found.map((f) => ({ deck, ...f })));
    }
    expect(styles.some((s) => s.nested)).toBe(true);
    expect(styles.filter((s) => s.style !== 'decimal')).toEqual([]);
  });
});
