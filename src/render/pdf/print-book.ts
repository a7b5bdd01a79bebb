// Prints one book to PDF. A first print, untagged and without bookmarks (it is only read for its
// layout), tells on which page every contents entry landed; those numbers are written into the
// contents (fixed-width slots, so nothing moves) and the book is printed again, tagged and with
// bookmarks. Should the numbers move the layout all the same (a template whose slots are not of
// fixed width), the book is printed again with the numbers read from that print, until they agree.
// A4 comes from the CSS @page rules; bookmarks from the headings.
import type { Browser, Page, PDFOptions } from 'puppeteer-core';
import { destinationPages } from './pdf-dests.js';

const OPTIONS: PDFOptions = { format: 'A4', preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, timeout: 180_000 };
/** The print read only for where the contents entries land: tagging and bookmarks leave the layout as it is, and cost 10–30 % of a print. */
const LAYOUT_ONLY: PDFOptions = { ...OPTIONS, outline: false, tagged: false };
/** Most prints of a book with its numbers filled in before its contents are taken as they are. */
const MAX_FILLED_PRINTS = 3;

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
    if (!(await page.evaluate(HAS_SLOTS))) return { bytes: await page.pdf(OPTIONS), fromWeb };
    let numbers = pageNumbers(await page.pdf(LAYOUT_ONLY));
    let bytes: Uint8Array | undefined;
    for (let i = 0; i < MAX_FILLED_PRINTS; i++) {
      await fillContentsPages(page, numbers);
      bytes = await page.pdf(OPTIONS);
      const landed = pageNumbers(bytes);
      if (JSON.stringify(landed) === JSON.stringify(numbers)) break;
      numbers = landed;
    }
    return { bytes: bytes!, fromWeb };
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

/** Browser-side: whether the page has `[data-toc-page]` slots for page numbers. */
const HAS_SLOTS = `document.querySelector('[data-toc-page]') !== null`;

/** Browser-side: write page numbers into `[data-toc-page]` slots. */
const FILL_SLOTS = `(pages) => {
  for (const slot of document.querySelectorAll('[data-toc-page]')) {
    const n = pages[slot.getAttribute('data-toc-page')];
    slot.textContent = n === undefined ? '' : String(n);
  }
}`;

/** The page of every link target of a printed PDF, by id, in a fixed order (to compare two prints). */
function pageNumbers(pdf: Uint8Array): Record<string, number> {
  return Object.fromEntries([...destinationPages(pdf)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function fillContentsPages(page: Page, numbers: Record<string, number>): Promise<void> {
  await page.evaluate(`(${FILL_SLOTS})(${JSON.stringify(numbers)})`);
}
