// Finds and starts the system Chromium for printing: CHROME_PATH, else the usual install places of
// Chromium, Chrome and Edge on this system, else a Chrome or Chromium on PATH. cs-train never
// downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, win32 } from 'node:path';
import type { Browser } from 'puppeteer-core';

/** Names looked up on PATH, in order. */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const INSTALL = 'Install Chromium (Debian/Ubuntu: `apt-get install chromium fonts-noto-cjk`), Google Chrome or Microsoft Edge, or set CHROME_PATH to a Chrome, Edge or Chromium executable.';

/** Result of the browser search: a path, or why none was found. */
export type BrowserSearch = { path: string } | { missing: string };

/**
 * Where Chromium-based browsers are installed by default: /usr/bin/chromium on Linux, the
 * applications of macOS, and Chrome and Edge under Program Files and the user's AppData on Windows
 * (Edge comes with every Windows 10 and 11).
 */
export function defaultBrowserPaths(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'].map((app) => `/Applications/${app}`);
  }
  if (platform === 'win32') {
    const bases = [env.PROGRAMFILES ?? env.ProgramFiles, env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((b): b is string => !!b);
    return ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'].flatMap((exe) => bases.map((base) => win32.join(base, exe)));
  }
  return ['/usr/bin/chromium'];
}

/** Locate a Chromium executable; CHROME_PATH must point at one when it is set. `fixed` is tried before PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, fixed: string[] = defaultBrowserPaths(process.platform, env)): BrowserSearch {
  const explicit = env.CHROME_PATH?.trim();
  if (explicit) {
    return isExecutable(explicit) ? { path: explicit } : { missing: `CHROME_PATH is set to "${explicit}", which ${whyNotExecutable(explicit)}. ${INSTALL}` };
  }
  for (const path of fixed) if (isExecutable(path)) return { path };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of process.platform === 'win32' ? PATH_NAMES.map((n) => `${n}.exe`) : PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return { path: candidate };
    }
  }
  const looked = [...fixed, ...PATH_NAMES.map((n) => `${n} on PATH`)].join(', ');
  return { missing: `PDF output (--pdf) needs Chromium, and none was found (looked for ${looked}). ${INSTALL}` };
}

/** What is wrong with a CHROME_PATH that `isExecutable` refused. */
function whyNotExecutable(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 'does not exist';
  if (stat.isDirectory()) return 'is a folder, not an executable file';
  if (!stat.isFile()) return 'is not an executable file';
  return 'is a file that may not be run (not executable)';
}

/**
 * One line saying why the browser did not start, from puppeteer's launch error: its exit code and the
 * last lines it printed, without puppeteer's troubleshooting link. Any other error: its message on one line.
 */
export function launchFailure(message: string): string {
  const m = /^Failed to launch the browser process[:!]?\s*(?:Code: (\S*)|(.*))\n\s*stderr:\n([\s\S]*?)\n*TROUBLESHOOTING:.*\s*$/.exec(message);
  if (!m) return message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  const how = m[1] === undefined ? `could not be started (${m[2]!.trim()})` : m[1] === 'null' || m[1] === '' ? 'was stopped before it was ready' : `exited with code ${m[1]} before it was ready`;
  const last = m[3]!.split('\n').map((line) => line.trim()).filter(Boolean).slice(-3);
  return `the browser ${how}${last.length > 0 ? `; it printed: ${last.join(' / ')}` : ' and printed nothing'}`;
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
 * `userDataDir`: the profile folder (default: one puppeteer makes, and leaves behind when the build is interrupted).
 */
export async function launchBrowser(executablePath: string, userDataDir?: string, tmpDir?: string): Promise<Browser> {
  // Loaded here, not at the top: every other command would pay for puppeteer's start-up.
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath,
    ...(userDataDir === undefined ? {} : { userDataDir }),
    headless: true,
    // A fixed locale; the browser's own temporary folders (org.chromium.Chromium.*) go where the caller removes them.
    env: { ...printingEnvironment(), ...(tmpDir === undefined ? {} : { TMPDIR: tmpDir }) },
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--font-render-hinting=none'],
  });
}

/**
 * The environment the browser runs in: the caller's, with the locale pinned. Chromium on Linux takes
 * its UI language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, and picks fallback fonts by it, so a
 * build under LANG=zh_CN.UTF-8 printed other glyphs than one under C.UTF-8: the same sources gave
 * other PDFs, and a PDF kept in the build cache differed from the one a build would print.
 */
export function printingEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const pinned: NodeJS.ProcessEnv = { ...env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  delete pinned.LANGUAGE;
  delete pinned.LC_MESSAGES;
  return pinned;
}

/**
 * Should cs-train itself be killed while printing (`kill -9`, the out-of-memory killer), no handler of
 * its own runs: the browser would go on printing, and the printing folder `dir` would stay in TMPDIR.
 * A small detached shell waits for this process to end, then stops the browser (its process group,
 * named by the file `BROWSER_PID_FILE` in `dir` once it has started, and every process whose command
 * line names `dir`, as all of the browser's do) and removes `dir`. The folder is handed over in the
 * environment, so that the shell's own command line does not name it. Returns a function that ends
 * the watcher, for when cs-train has cleaned up itself. POSIX only; without a shell nothing is watched.
 */
export function watchForKill(dir: string): () => void {
  if (process.platform === 'win32') return () => undefined;
  let watcher: ChildProcess;
  try {
    const script = [
      'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
      `if [ -f "$CS_TRAIN_PRINT_DIR/${BROWSER_PID_FILE}" ]; then kill -9 "-$(cat "$CS_TRAIN_PRINT_DIR/${BROWSER_PID_FILE}")" 2>/dev/null; fi`,
      'pkill -9 -f "$CS_TRAIN_PRINT_DIR/" 2>/dev/null',
      'rm -rf "$CS_TRAIN_PRINT_DIR"',
    ].join('; ');
    watcher = spawn('/bin/sh', ['-c', script, 'cs-train-print-watch', String(process.pid)], { detached: true, stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CS_TRAIN_PRINT_DIR: dir } });
    watcher.on('error', () => undefined);
    watcher.unref();
  } catch {
    return () => undefined;
  }
  return () => {
    try {
      watcher.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  };
}

/** The file in the printing folder that names the browser's process (group), for `watchForKill`. */
export const BROWSER_PID_FILE = '.browser-pid';
