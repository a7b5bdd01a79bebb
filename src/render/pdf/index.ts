// The `pdf` output (only with --pdf): prints every role's handbook and trainer guide to A4 PDF with the
// system Chromium. The pages and their assets go to a temporary folder so CSS and images load by
// file:// URL; one browser serves the whole build and is always closed.
import { createHash } from 'node:crypto';
import { Derived } from '../../cache/output-cache.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { renderBooks } from '../handbook/index.js';
import { staticAssets } from '../static-assets.js';
import type { OutputFile, RenderContext, Renderer } from '../types.js';
import { BROWSER_PID_FILE, findBrowser, launchBrowser, launchFailure, watchForKill } from './browser.js';
import { fixPdfDates } from './fix-dates.js';
import { FALLBACK_EDITION_DATE } from '../../util/time.js';
import { printBook } from './print-book.js';
import { printEnvironment } from './print-environment.js';
import { stableNodeIds } from './stable-ids.js';
import { makeFolder } from '../../util/make-folder.js';
import { onInterrupt } from '../../util/interrupt.js';

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
  const assets = await staticAssets.render(ctx);
  // A PDF is kept in the build cache under all it is made from: its page, every file the page may
  // load, the browser and fonts, the edition date. A book that did not change is not printed again.
  const common = [printEnvironment(found.path), digestFiles(assets), ctx.editionDate ?? FALLBACK_EDITION_DATE];
  // The printing folder (pages, assets, the browser's profile) and the browser, made only once a book
  // has to be printed: a build whose PDFs all come from the cache starts neither.
  let printing: Promise<{ browser: Browser; dir: string }> | undefined;
  let dir: string | undefined;
  let unwatch = (): void => undefined;
  const removePages = () => {
    if (dir === undefined) return;
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    unwatch();
  };
  // Ctrl-C ends the build with process.exit, which skips `finally`. Before that, the browser is
  // stopped (once started: it would go on writing into its profile) and the pages removed; should
  // the process end some other way, the pages go on exit.
  process.once('exit', removePages);
  const withdraw = onInterrupt(async () => {
    const running = await printing?.catch(() => undefined);
    const child = running?.browser.process();
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      try {
        // The browser runs in a process group of its own (as puppeteer starts it): stop its helpers too.
        if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      await gone;
    }
    removePages();
  });
  const printer = () =>
    (printing ??= (async () => {
      const folder = mkdtempSync(join(tmpdir(), 'cs-train-pdf-'));
      dir = folder;
      // Should cs-train be killed outright, a watcher stops the browser and removes the folder.
      unwatch = watchForKill(folder);
      for (const f of [...assets, ...books]) writeInto(folder, f);
      const browser = await launchBrowser(found.path, join(folder, '.profile'), folder);
      const pid = browser.process()?.pid;
      if (pid !== undefined) writeFileSync(join(folder, BROWSER_PID_FILE), String(pid));
      return { browser, dir: folder };
    })());
  try {
    const pdfs = await mapLimited(books, Math.max(1, Math.min(4, availableParallelism())), async (book): Promise<OutputFile | undefined> => {
      const path = book.path.replace(/\.html$/, '.pdf');
      const input = JSON.stringify([...common, digestFiles([book])]);
      if (ctx.reuse([path], PDF, input)) return undefined;
      // A page that loaded web resources (an image by URL, a web font) printed what the network gave
      // then: that PDF is neither kept nor taken over, but printed again by every build.
      let fromWeb = false;
      const print = async () => {
        const { browser, dir: folder } = await printer();
        const printed = await printBook(browser, pathToFileURL(join(folder, book.path)).href);
        fromWeb = printed.fromWeb;
        const bytes = stableNodeIds(fixPdfDates(printed.bytes, common[2]!));
        return fromWeb ? new Derived(bytes) : bytes;
      };
      const contents = await ctx.memo.bytes(PDF, input, print, 'pdfs');
      return fromWeb ? { path, contents, volatile: true } : { path, contents };
    });
    return pdfs.filter((f): f is OutputFile => f !== undefined);
  } catch (error) {
    const detail = process.env.CS_TRAIN_DEBUG ? ((error as Error).stack ?? String(error)) : launchFailure(error instanceof Error ? error.message : String(error));
    ctx.diagnostics.report(where, 'pdf-failed', `Printing the handbooks to PDF with ${found.path} failed: ${detail}`);
    return [];
  } finally {
    await (await printing?.catch(() => undefined))?.browser.close().catch(() => undefined);
    withdraw();
    process.off('exit', removePages);
    removePages();
  }
}

/** Output-cache kind of a printed PDF. */
const PDF = 'pdf';

/** One digest of files: their paths and bytes. */
function digestFiles(files: readonly OutputFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f.path).update('\0').update(String(Buffer.byteLength(f.contents))).update('\0').update(f.contents);
  return hash.digest('hex');
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
