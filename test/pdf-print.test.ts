// `build --pdf` as a user runs it, judged by poppler: A4, tagged, bookmarks, CJK fonts embedded, page
// numbers in the footer and in the contents, no nearly empty pages, trainer notes only in the trainer
// guide, fixed dates.
// Without a browser the build fails with instructions and writes nothing.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultBrowserPaths, findBrowser, launchBrowser } from '../src/render/pdf/browser.js';
import { destinationPages } from '../src/render/pdf/pdf-dests.js';
import { printBook } from '../src/render/pdf/print-book.js';
import { renderAll } from '../src/build.js';
import { compileCurriculum } from '../src/compile.js';
import { BIN, fixture, ROOT, runCli, tempDir } from './helpers/cli.js';

const SOURCE = fixture('valid', 'handbook-full');
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

describe('build --pdf', () => {
  let out: string;
  const pdf = (name: string) => join(out, 'roles/agent', name);

  beforeAll(() => {
    out = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCE, '-o', out, '--pdf', '--role', 'agent', '--only', 'handbook', '--no-cache']);
    expect(r.stderr).toMatch(/Wrote \d+ files/);
    expect(r.status).toBe(0);
  }, 180_000);

  it('prints both books of the role on A4, tagged, with several pages', () => {
    for (const name of ['handbook.pdf', 'trainer-guide.pdf']) {
      const info = poppler('pdfinfo', pdf(name));
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(info).toMatch(/Tagged:\s+yes/);
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThan(6);
    }
    expect(poppler('pdfinfo', pdf('handbook.pdf'))).toMatch(/Title:\s+客服专员 学员手册 · 手册测试大纲/);
  });

  it('embeds the fonts and keeps the Chinese text extractable', () => {
    const fonts = poppler('pdffonts', pdf('handbook.pdf')).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((line) => /\syes\s+(yes|no)\s+yes\s/.test(line))).toBe(true);
    const text = poppler('pdftotext', '-layout', pdf('handbook.pdf'), '-');
    for (const s of ['客服专员', '学员手册', '目录', '岗位概况', '课程日程', '09:00–10:30', '欢迎与倾听', '复述练习', '说好今天送货', '沟通笔试', '及格线']) expect(text).toContain(s);
  });

  it('has trainer notes and answers in the trainer guide only', () => {
    const learner = poppler('pdftotext', pdf('handbook.pdf'), '-');
    const trainer = poppler('pdftotext', pdf('trainer-guide.pdf'), '-');
    for (const secret of ['讲师秘籍', '正确答案', '评分标准']) {
      expect(learner).not.toContain(secret);
      expect(trainer).toContain(secret);
    }
  });

  it('numbers the pages in the footer (not on the cover) and in the contents', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf('handbook.pdf')))?.[1]);
    const page = (n: number) => poppler('pdftotext', '-layout', '-f', String(n), '-l', String(n), pdf('handbook.pdf'), '-');
    // pdftotext puts spaces between the footer's words or not depending on the line (with a total of
    // 9 pages it writes "第2页/共9页", with 11 "第 2 页 / 共 11 页"), so the spaces are optional here.
    const footer = (n: number) => new RegExp(`第 ?${n} ?页 ?/ ?共 ?${pages} ?页`);
    expect(page(1)).not.toMatch(/第 ?\d+ ?页/);
    expect(page(2)).toMatch(footer(2));
    expect(page(pages)).toMatch(footer(pages));
    expect(page(2)).toContain('手册测试大纲 · 客服专员 学员手册');
    const contents = page(2);
    const profile = Number(/岗位概况\s+(\d+)/.exec(contents)?.[1]);
    expect(profile).toBeGreaterThan(2);
    expect(page(profile)).toContain('岗位概况：客服专员');
    const session = Number(/话术练习\s+60 分钟\s+(\d+)/.exec(contents)?.[1]);
    expect(page(session)).toContain('催单话术');
  });

  it('leaves no page nearly empty: sessions run on, so the lines a session runs over share a page with the next', () => {
    for (const name of ['handbook.pdf', 'trainer-guide.pdf']) {
      const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf(name)))?.[1]);
      for (let n = 2; n <= pages; n++) {
        const lines = poppler('pdftotext', '-layout', '-f', String(n), '-l', String(n), pdf(name), '-')
          .split('\n')
          .filter((line) => line.trim() && !/第 ?\d+ ?页 ?\/ ?共/.test(line));
        expect(lines.length, `${name} page ${n}`).toBeGreaterThan(4);
      }
    }
  });

  it('writes bookmarks and replaces the wall-clock dates with the edition date', () => {
    const bytes = readFileSync(pdf('trainer-guide.pdf')).toString('latin1');
    expect(bytes).toMatch(/\/Outlines \d+ 0 R/);
    expect(bytes).toContain("/CreationDate (D:20261101000000+00'00')");
    expect(bytes).toContain("/ModDate (D:20261101000000+00'00')");
  });

  it('prints the same bytes again, also when the build prints other books alongside', () => {
    const again = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCE, '-o', again, '--pdf', '--only', 'handbook', '--no-cache']);
    expect(r.status).toBe(0);
    expect(existsSync(join(again, 'roles/lead/trainer-guide.pdf'))).toBe(true);
    for (const name of ['handbook.pdf', 'trainer-guide.pdf']) {
      expect(readFileSync(join(again, 'roles/agent', name)).equals(readFileSync(pdf(name)))).toBe(true);
    }
  }, 180_000);
});

describe('page numbers in the contents', () => {
  it('are printed again until they agree with where the entries land, when filling them in moves the layout', async () => {
    // A template whose slot is not of fixed width: empty, it takes no room and the target is on page 1;
    // with a number in it, it fills a page and pushes the target onto a later one.
    const dir = tempDir();
    const page = join(dir, 'book.html');
    writeFileSync(
      page,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>@page { size: A4; margin: 10mm; } .slot { display: block; font-size: 265mm; line-height: 1; }</style></head>' +
        '<body><p><a href="#target">Target</a></p><span class="slot" data-toc-page="target"></span><h1 id="target">The target</h1></body></html>',
    );
    const found = findBrowser();
    if (!('path' in found)) throw new Error(found.missing);
    const browser = await launchBrowser(found.path, join(dir, '.profile'), dir);
    try {
      const { bytes } = await printBook(browser, pathToFileURL(page).href);
      const landed = destinationPages(bytes).get('target')!;
      expect(landed).toBeGreaterThan(1);
      writeFileSync(join(dir, 'book.pdf'), bytes);
      // The number printed in the slot is the page the target landed on, not the 1 of the first print.
      expect(poppler('pdftotext', join(dir, 'book.pdf'), '-').replace(/\s+/g, '')).toBe(`Target${landed}Thetarget`);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('build --pdf with a build cache', () => {
  /** Books the build took from the cache or the previous output, and books it printed. */
  const counts = (stderr: string) => {
    const m = /\bpdf (\d+)\/(\d+)/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    return { reused: Number(m![1]), printed: Number(m![2]) };
  };
  const pdfs = (dir: string) => ['agent', 'lead'].flatMap((role) => ['handbook.pdf', 'trainer-guide.pdf'].map((name) => readFileSync(join(dir, 'roles', role, name))));
  const stats = { env: { CS_TRAIN_CACHE_STATS: '1' } };

  it('prints only the books an edit changed; the PDFs equal those of a build without the cache', () => {
    const source = join(tempDir(), 'curricula');
    cpSync(SOURCE, source, { recursive: true });
    const cache = join(tempDir(), 'cache');
    const build = (out: string) => runCli(['build', source, '-o', out, '--pdf', '--only', 'handbook', '--cache-dir', cache], stats);
    const first = join(tempDir(), 'dist');
    let r = build(first);
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 0, printed: 4 });
    // A new output folder: nothing to take over, the cache holds all four.
    const second = join(tempDir(), 'dist');
    r = build(second);
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 4, printed: 0 });
    expect(pdfs(second)).toEqual(pdfs(first));
    // basics/welcome is in the agent's programme only: the lead's books stay as they were.
    const session = join(source, 'modules/basics', readdirSync(join(source, 'modules/basics')).find((f) => f.includes('welcome'))!);
    writeFileSync(session, `${readFileSync(session, 'utf8')}\n补充一句：接听前先看来电弹屏。\n`);
    r = build(second);
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 2, printed: 2 });
    expect(poppler('pdftotext', join(second, 'roles/agent/handbook.pdf'), '-')).toContain('接听前先看来电弹屏');
    const fresh = join(tempDir(), 'dist');
    expect(runCli(['build', source, '-o', fresh, '--pdf', '--only', 'handbook', '--no-cache']).status).toBe(0);
    expect(pdfs(second)).toEqual(pdfs(fresh));
  }, 300_000);

  it('prints a book whose page loads a web image again on every build, never from the cache', () => {
    const source = join(tempDir(), 'curricula');
    cpSync(SOURCE, source, { recursive: true });
    // basics/welcome is in the agent's programme only: the lead's books load nothing from the web.
    const session = join(source, 'modules/basics', readdirSync(join(source, 'modules/basics')).find((f) => f.includes('welcome'))!);
    writeFileSync(session, `${readFileSync(session, 'utf8')}\n![远程示意图](https://example.invalid/remote.png)\n`);
    const out = join(tempDir(), 'dist');
    const build = () => runCli(['build', source, '-o', out, '--pdf', '--only', 'handbook', '--cache-dir', join(source, '..', 'cache')], stats);
    let r = build();
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 0, printed: 4 });
    // What the network gives may have changed since: neither the cache nor the previous output vouches for the agent's books.
    r = build();
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 2, printed: 2 });
  }, 300_000);

  it('prints every book afresh with another browser or another font configuration', () => {
    const cache = join(tempDir(), 'cache');
    const browser = findBrowser();
    if (!('path' in browser)) throw new Error(browser.missing);
    const build = (env: Record<string, string> = {}) => runCli(['build', SOURCE, '-o', join(tempDir(), 'dist'), '--pdf', '--only', 'handbook', '--role', 'lead', '--cache-dir', cache], { env: { ...stats.env, ...env } });
    expect(counts(build().stderr)).toEqual({ reused: 0, printed: 2 });
    expect(counts(build().stderr)).toEqual({ reused: 2, printed: 0 });
    // The same Chromium behind a wrapper of another name is another browser as far as the cache can tell.
    const wrapper = join(tempDir(), 'my-browser');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${JSON.stringify(browser.path)} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const r = build({ CHROME_PATH: wrapper });
    expect(r.status).toBe(0);
    expect(counts(r.stderr)).toEqual({ reused: 0, printed: 2 });
    // The same fonts, but a fontconfig alias that gives the serif family another face: printed afresh.
    const fonts = join(tempDir(), 'fonts.conf');
    writeFileSync(
      fonts,
      `<?xml version="1.0"?>\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
        `  <match target="pattern"><test name="family"><string>Noto Serif CJK SC</string></test>` +
        `<edit name="family" mode="prepend" binding="strong"><string>Noto Sans CJK SC</string></edit></match>\n</fontconfig>\n`,
    );
    const aliased = build({ FONTCONFIG_FILE: fonts });
    expect(aliased.status).toBe(0);
    expect(counts(aliased.stderr)).toEqual({ reused: 0, printed: 2 });
    expect(counts(build({ FONTCONFIG_FILE: fonts }).stderr)).toEqual({ reused: 2, printed: 0 });
  }, 300_000);
});

describe('build --pdf in another locale', () => {
  it('prints the same PDFs whatever LANG and LANGUAGE the build runs under', () => {
    // Chromium picks fallback fonts by its UI language, which it takes from the environment.
    const build = (env: Record<string, string>) => {
      const out = join(tempDir(), 'dist');
      const r = runCli(['build', SOURCE, '-o', out, '--only', 'pdf', '--role', 'agent', '--no-cache'], { env: { SOURCE_DATE_EPOCH: '1800000000', ...env } });
      expect(r.status, r.stdout).toBe(0);
      return ['handbook.pdf', 'trainer-guide.pdf'].map((name) => readFileSync(join(out, 'roles/agent', name)));
    };
    expect(build({ LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN', LC_ALL: '' })).toEqual(build({ LANG: 'C.UTF-8', LANGUAGE: '', LC_ALL: '' }));
  }, 180_000);
});

describe('build --pdf without an edition date', () => {
  it('dates the PDFs 1980-01-01, as the decks, never by the clock', () => {
    const source = join(tempDir(), 'curricula');
    cpSync(SOURCE, source, { recursive: true });
    const out = join(tempDir(), 'dist');
    // Outside any git repository and with SOURCE_DATE_EPOCH empty, the build has no edition date.
    const r = runCli(['build', source, '-o', out, '--pdf', '--role', 'agent', '--only', 'handbook'], { env: { SOURCE_DATE_EPOCH: '' } });
    expect(r.status).toBe(0);
    const bytes = readFileSync(join(out, 'roles/agent/handbook.pdf')).toString('latin1');
    expect(bytes).toContain('/CreationDate (D:19800101000000');
    expect(bytes).toContain('/ModDate (D:19800101000000');
  }, 180_000);
});

describe('build --pdf without a browser', () => {
  it('explains how to install Chromium, exits 1 and writes nothing', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCE, '-o', out, '--pdf', '--only', 'handbook'], { env: { CHROME_PATH: join(tempDir(), 'no-such-chromium') } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[pdf-browser-missing]');
    // Named by the source folder alone: there is no line of a file to point at.
    expect(r.stdout).toMatch(/^test\/fixtures\/valid\/handbook-full error CHROME_PATH is set to /m);
    expect(r.stdout).toContain('apt-get install chromium');
    expect(r.stdout).toContain('CHROME_PATH');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('--only pdf asks for the PDFs as --pdf does, instead of silently printing none', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', SOURCE, '-o', out, '--only', 'pdf'], { env: { CHROME_PATH: join(tempDir(), 'no-such-chromium') } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[pdf-browser-missing]');
    expect(existsSync(out)).toBe(false);
  });

  it('with PDFs but no HTML books (--only pdf), the index page links the PDFs', async () => {
    const { model, diagnostics } = compileCurriculum(SOURCE, ROOT);
    // The PDFs belong to the build but are not printed in this call (no browser needed).
    const files = await renderAll(model, diagnostics, { outDir: tempDir(), only: ['pdf'], pdf: true, skip: ['pdf'] });
    const index = Buffer.from(files.find((f) => f.path === 'index.html')!.contents).toString('utf8');
    expect(index).toContain('<a href="roles/agent/handbook.pdf">学员手册 · PDF</a><br><a href="roles/agent/trainer-guide.pdf">讲师手册 · PDF</a>');
    expect(index).not.toContain('handbook.html');
  });

  it('says why CHROME_PATH is refused: missing, a folder, or a file that may not be run', () => {
    const dir = tempDir();
    const plain = join(dir, 'chromium');
    writeFileSync(plain, '#!/bin/sh\n');
    const reason = (path: string) => {
      const found = findBrowser({ PATH: '/nonexistent', CHROME_PATH: path }, []);
      return 'missing' in found ? found.missing : found.path;
    };
    expect(reason(join(dir, 'none'))).toContain(`CHROME_PATH is set to "${join(dir, 'none')}", which does not exist.`);
    expect(reason(dir)).toContain(`CHROME_PATH is set to "${dir}", which is a folder, not an executable file.`);
    expect(reason(plain)).toContain(`CHROME_PATH is set to "${plain}", which is a file that may not be run (not executable).`);
  });

  it('a browser that exits at once is reported on one line with its code and last output, exit 1, nothing written', () => {
    const dir = tempDir();
    const broken = join(dir, 'chromium');
    writeFileSync(broken, '#!/bin/sh\necho "chromium: error while loading shared libraries: libnss3.so" >&2\nexit 127\n');
    chmodSync(broken, 0o755);
    const out = join(dir, 'dist');
    const r = runCli(['build', SOURCE, '-o', out, '--only', 'pdf'], { env: { CHROME_PATH: broken } });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`Printing the handbooks to PDF with ${broken} failed: the browser exited with code 127 before it was ready; it printed: chromium: error while loading shared libraries: libnss3.so [pdf-failed]`);
    expect(r.stdout).not.toContain('TROUBLESHOOTING');
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('searches CHROME_PATH, then the fixed paths, then PATH', () => {
    const bin = tempDir();
    const fake = join(bin, 'chromium-browser');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findBrowser({ PATH: bin }, [])).toEqual({ path: fake });
    expect(findBrowser({ PATH: '/nonexistent', CHROME_PATH: fake }, [])).toEqual({ path: fake });
    expect(findBrowser({ PATH: bin }, [fake])).toEqual({ path: fake });
    const missing = findBrowser({ PATH: '/nonexistent' }, []);
    expect('missing' in missing && missing.missing).toMatch(/needs Chromium.*apt-get install chromium.*Google Chrome or Microsoft Edge.*CHROME_PATH/);
  });

  it('looks for Chrome and Edge where macOS and Windows install them, so a lead need not set CHROME_PATH there', () => {
    expect(defaultBrowserPaths('linux', {})).toEqual(['/usr/bin/chromium']);
    expect(defaultBrowserPaths('darwin', {})).toEqual([
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ]);
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\lead\\AppData\\Local' };
    expect(defaultBrowserPaths('win32', env)).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\lead\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Users\\lead\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });
});

/**
 * Start `build --pdf` with its own TMPDIR and wait until the browser is printing (its profile exists);
 * returns the child, the TMPDIR, the printing folder's name and how the child exits (code, signal).
 */
async function printingBuild(dir: string) {
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  const child = spawn(process.execPath, [BIN, 'build', SOURCE, '-o', join(dir, 'dist'), '--pdf', '--no-cache'], {
    env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1793491200' },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const profile = () => readdirSync(tmp).find((n) => n.startsWith('cs-train-pdf-') && existsSync(join(tmp, n, '.profile')));
  for (let i = 0; i < 600 && !profile(); i++) await new Promise((r) => setTimeout(r, 50));
  const folder = profile();
  expect(folder).toBeDefined();
  await new Promise((r) => setTimeout(r, 500));
  /** The command lines of running processes that name the printing folder (the browser's all do). */
  const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(join(tmp, folder!)));
  return { child, tmp, exited, running };
}

describe('build --pdf stopped with Ctrl-C', () => {
  it.runIf(!('missing' in findBrowser()))('exits 130 leaving neither the output folder nor its printing folder, browser profile or running browser behind', async () => {
    const dir = tempDir();
    // Stopped once the browser is printing, as Ctrl-C does, signalling cs-train alone (as `kill -INT`
    // or a CI runner may): the browser must not outlive it.
    const { child, tmp, exited, running } = await printingBuild(dir);
    child.kill('SIGINT');
    expect((await exited).code).toBe(130);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
    // Nothing left in TMPDIR: no printing folder, no browser profile, none of the browser's own folders.
    expect(readdirSync(tmp)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(running()).toEqual([]);
  }, 60_000);

  it.runIf(!('missing' in findBrowser()) && process.platform !== 'win32')('killed with SIGKILL (no handler runs), leaves no running browser and no printing folder behind for long', async () => {
    const { child, tmp, exited, running } = await printingBuild(tempDir());
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');
    // The watcher notices within about a second: the browser is stopped and the folder removed.
    for (let i = 0; i < 100 && (running().length > 0 || readdirSync(tmp).length > 0); i++) await new Promise((r) => setTimeout(r, 100));
    expect(running()).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 60_000);
});
