// Prints one book to PDF. The first print tells on which page every contents entry landed; those
// numbers are written into the contents (fixed-width slots, so nothing moves) and the book is
// printed again. A4 comes from the CSS @page rules; bookmarks from the headings; the PDF is tagged.
import type { Browser, Page, PDFOptions } from 'puppeteer-core';
import { destinationPages } from './pdf-dests.js';

const OPTIONS: PDFOptions = { format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: 180_000 };

/** A printed book: its PDF bytes, and whether its page loaded anything from the web. */
export interface PrintedBook {
  bytes: Uint8Array;
  /** The page asked for a web resource (an image or stylesheet by http(s) URL): the PDF depends on what the network gave then. */
  fromWeb: boolean;
}

/** Requests that read nothing from the network. */
const LOCAL_URL = /^(file|data|blob|about):/i;

/** The PDF bytes of the page at `url` (a file:// URL). */
export async function printBook(browser: Browser, url: string): Promise<PrintedBook> {
  // A context of its own gives the book a fresh renderer process: the tagged PDF's element ids are
  // numbered per process, so sharing one with other books would make the bytes depend on them.
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  let fromWeb = false;
  page.on('request', (request) => {
    if (!LOCAL_URL.test(request.url())) fromWeb = true;
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.evaluate(UNLINK_LOCAL_FILES);
    const first = await page.pdf(OPTIONS);
    const numbers = Object.fromEntries(destinationPages(first));
    if (!(await fillContentsPages(page, numbers))) return { bytes: first, fromWeb };
    const bytes = await page.pdf(OPTIONS);
    return { bytes, fromWeb };
  } finally {
    await context.close();
  }
}

/**
 * Browser-side: links to local files (handouts) would point into the temporary print folder, which
 * is gone after the build; in the PDF they stay text. Web links and in-page links keep working.
 */
const UNLINK_LOCAL_FILES = `for (const a of document.querySelectorAll('a[href]')) {
  if (a.protocol === 'file:' && !a.getAttribute('href').startsWith('#')) a.removeAttribute('href');
}`;

/** Browser-side: write page numbers into `[data-toc-page]` slots; false when there are none. */
const FILL_SLOTS = `(pages) => {
  const slots = Array.from(document.querySelectorAll('[data-toc-page]'));
  for (const slot of slots) {
    const n = pages[slot.getAttribute('data-toc-page')];
    slot.textContent = n === undefined ? '' : String(n);
  }
  return slots.length > 0;
}`;

async function fillContentsPages(page: Page, numbers: Record<string, number>): Promise<boolean> {
  return (await page.evaluate(`(${FILL_SLOTS})(${JSON.stringify(numbers)})`)) === true;
}
