// Finds and starts the system Chromium for printing: CHROME_PATH, else /usr/bin/chromium, else a
// Chrome or Chromium on PATH. cs-train never downloads a browser.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser } from 'puppeteer-core';

/** Names looked up on PATH, in order. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const INSTALL = 'Install Chromium (Debian/Ubuntu: `apt-get install chromium fonts-noto-cjk`) or set CHROME_PATH to a Chrome or Chromium executable.';

/** Result of the browser search: a path, or why none was found. */
export type BrowserSearch = { path: string } | { missing: string };

/** Locate a Chromium executable; CHROME_PATH must point at one when it is set. `fixed` is tried before PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, fixed: string[] = ['/usr/bin/chromium']): BrowserSearch {
  const explicit = env.CHROME_PATH?.trim();
  if (explicit) {
    return isExecutable(explicit) ? { path: explicit } : { missing: `CHROME_PATH is set to "${explicit}", which is not an executable file. ${INSTALL}` };
  }
  for (const path of fixed) if (isExecutable(path)) return { path };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return { path: candidate };
    }
  }
  const looked = [...fixed, ...PATH_NAMES.map((n) => `${n} on PATH`)].join(', ');
  return { missing: `PDF output (--pdf) needs Chromium, and none was found (looked for ${looked}). ${INSTALL}` };
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Start headless Chromium. `--no-sandbox` is passed because CI containers run as root or without
 * user namespaces; the pages printed are our own sanitised output loaded from a local folder.
 */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  // Loaded here, not at the top: every other command would pay for puppeteer's start-up.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--font-render-hinting=none'],
  });
}
