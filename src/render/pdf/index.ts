// The `pdf` output (only with --pdf): prints every role's handbook and trainer guide to A4 PDF with the
// system Chromium. The pages and their assets go to a temporary folder so CSS and images load by
// file:// URL; one browser serves the whole build and is always closed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { renderBooks } from '../handbook/index.js';
import { staticAssets } from '../static-assets.js';
import type { OutputFile, RenderContext, Renderer } from '../types.js';
import { findBrowser, launchBrowser, launchFailure } from './browser.js';
import { fixPdfDates } from './fix-dates.js';
import { FALLBACK_EDITION_DATE } from '../../util/time.js';
import { printBook } from './print-book.js';
import { stableNodeIds } from './stable-ids.js';
import { makeFolder } from '../../util/make-folder.js';

/** handbook.pdf and trainer-guide.pdf next to the HTML books. */
export const pdfOutput: Renderer = {
  name: 'pdf',
  render: (ctx) => renderPdfs(ctx),
};

async function renderPdfs(ctx: RenderContext): Promise<OutputFile[]> {
  const where = relative(process.cwd(), ctx.model.sourceDir) || '.';
  const found = findBrowser();
  if ('missing' in found) {
    ctx.diagnostics.report(where, 'pdf-browser-missing', found.missing);
    return [];
  }
  const books = await renderBooks(ctx);
  if (books.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'cs-train-pdf-'));
  // Ctrl-C ends the build with process.exit, which skips `finally`: the pages go on exit too.
  const removePages = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removePages);
  let browser: Browser | undefined;
  try {
    for (const f of [...(await staticAssets.render(ctx)), ...books]) writeInto(dir, f);
    const running = await launchBrowser(found.path, join(dir, '.profile'));
    browser = running;
    const pdfs = await mapLimited(books, Math.max(1, Math.min(4, availableParallelism())), (book) => printBook(running, pathToFileURL(join(dir, book.path)).href));
    return books.map((book, i) => ({ path: book.path.replace(/\.html$/, '.pdf'), contents: stableNodeIds(fixPdfDates(pdfs[i]!, ctx.editionDate ?? FALLBACK_EDITION_DATE)) }));
  } catch (error) {
    const detail = process.env.CS_TRAIN_DEBUG ? ((error as Error).stack ?? String(error)) : launchFailure(error instanceof Error ? error.message : String(error));
    ctx.diagnostics.report(where, 'pdf-failed', `Printing the handbooks to PDF with ${found.path} failed: ${detail}`);
    return [];
  } finally {
    await browser?.close().catch(() => undefined);
    process.off('exit', removePages);
    removePages();
  }
}

function writeInto(dir: string, file: OutputFile): void {
  const target = join(dir, file.path);
  makeFolder(dirname(target));
  writeFileSync(target, file.contents);
}

/** Run `work` over `items` with at most `limit` at a time; results keep the order of `items`. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
