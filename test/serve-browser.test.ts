// The live-reload client in a real browser (the system Chromium): an edit reloads the open page, a
// broken edit shows the diagnostics overlay over the last good page, and fixing it removes the overlay.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('cs-train serve in a browser', () => {
  let browser: Browser;
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('reloads on an edit and shows a broken edit as an overlay', async () => {
    const dir = tempDir('cs-train-browser-');
    cpSync(join(ROOT, 'starter/curricula'), join(dir, 'curricula'), { recursive: true });
    const session = join(dir, 'curricula/modules/communication/01-active-listening.md');
    const original = readFileSync(session, 'utf8');
    serve = await startServe(['curricula', '--port', '0'], dir);

    const page = await browser.newPage();
    await page.goto(`${serve.url}roles/agent/handbook.html`);
    await page.waitForFunction(() => document.documentElement.dataset.csTrainLive === 'connected', { timeout: 10_000 });
    expect(await page.evaluate(() => document.body.textContent)).toContain('有效倾听与反馈');

    writeFileSync(session, original.replace('title: 有效倾听与反馈', 'title: 倾听客户的声音'));
    await page.waitForFunction(() => document.body.textContent!.includes('倾听客户的声音'), { timeout: 20_000 });
    await page.waitForFunction(() => document.documentElement.dataset.csTrainLive === 'connected', { timeout: 10_000 });

    writeFileSync(session, original.replace('title: 有效倾听与反馈', 'title: 倾听客户的声音').replace('duration: 90m', 'duration: 90 minutes'));
    const overlay = await page.waitForSelector('#cs-train-overlay', { timeout: 20_000 });
    const text = await overlay!.evaluate((e) => e.textContent);
    expect(text).toContain('Build failed: 1 error');
    expect(text).toContain('curricula/modules/communication/01-active-listening.md:3:');
    expect(text).toContain('[invalid-duration]');
    expect(await page.evaluate(() => document.body.textContent)).toContain('倾听客户的声音');
    await page.setViewport({ width: 1000, height: 700 });
    await page.screenshot({ path: join(dir, 'overlay.png') });

    writeFileSync(session, original);
    await page.waitForFunction(() => !document.getElementById('cs-train-overlay') && document.body.textContent!.includes('有效倾听与反馈'), { timeout: 20_000 });
    expect(await serve.stop('SIGINT')).toBe(0);
  });
});
