// `cs-train serve` as a user runs it: a child process on a free port, edits to the sources, the
// server-sent events pages listen to, the last good output kept on a broken edit, a clean Ctrl-C.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { openEvents, startServe, waitFor, type EventStream, type ServeProcess } from './helpers/serve-process.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function starterRepo(): string {
  const dir = tempDir('cs-train-serve-');
  cpSync(join(ROOT, 'starter/curricula'), join(dir, 'curricula'), { recursive: true });
  return dir;
}

async function serve(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<ServeProcess> {
  const s = await startServe(args, cwd, env);
  cleanups.push(() => (s.child.exitCode === null ? s.stop('SIGKILL') : undefined));
  return s;
}

async function events(url: string): Promise<EventStream> {
  const e = await openEvents(`${url}__cs-train/events`);
  cleanups.push(() => e.close());
  return e;
}

function htmlFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(dir, join(prefix, e.name)) : e.name.endsWith('.html') ? [join(prefix, e.name)] : [],
  );
}

const paths = (e: { data: unknown }) => (e.data as { paths: string[] }).paths;

describe('cs-train serve', () => {
  it('rebuilds when a commit moves the edition date, though no source file changed', async () => {
    const dir = starterRepo();
    const commit = (date: string) => {
      // Only the sources: serve writes its cache and output beside them meanwhile (a lead's .gitignore leaves them out).
      for (const args of [['add', 'curricula'], ['commit', '-q', '-m', `edition of ${date}`]]) {
        const env = { ...process.env, GIT_AUTHOR_NAME: 'Lead', GIT_AUTHOR_EMAIL: 'lead@example.com', GIT_COMMITTER_NAME: 'Lead', GIT_COMMITTER_EMAIL: 'lead@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
        const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env });
        expect(r.status, r.stderr).toBe(0);
      }
    };
    expect(spawnSync('git', ['init', '-q'], { cwd: dir }).status).toBe(0);
    commit('2027-01-04T09:00:00+08:00');
    const s = await serve(['curricula', '--port', '0', '-o', 'site'], dir, { SOURCE_DATE_EPOCH: undefined });
    const edition = async () => /版本日期：(\d{4}-\d{2}-\d{2})/.exec(await (await fetch(s.url)).text())?.[1];
    expect(await edition()).toBe('2027-01-04');
    // An edit is rebuilt at once; the page keeps the date of the last commit.
    const stream = await events(s.url);
    const role = join(dir, 'curricula/roles/agent.yaml');
    writeFileSync(role, readFileSync(role, 'utf8').replace('title: 客服专员', 'title: 一线客服专员'));
    await stream.next((e) => e.event === 'reload');
    expect(await edition()).toBe('2027-01-04');
    // Committing it changes no source file, but the edition date.
    const mark = stream.events.length;
    commit('2027-02-08T09:00:00+08:00');
    const reload = await stream.next((e) => e.event === 'reload', mark);
    expect(paths(reload)).toContain('index.html');
    expect(await edition()).toBe('2027-02-08');
  });

  it('rebuilds on an edit, reloads pages, shows a broken edit and keeps the last good output', async () => {
    const dir = starterRepo();
    const role = join(dir, 'curricula/roles/agent.yaml');
    const s = await serve(['curricula', '--port', '0', '-o', 'site'], dir);
    expect(s.stderr()).toMatch(/Built in \d+ ms: wrote \d+ files; 0 warnings\./);

    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<script src="/__cs-train/live.js" defer></script></body>');
    expect(html).toContain('客服专员');
    const client = await fetch(`${s.url}__cs-train/live.js`);
    expect(client.headers.get('content-type')).toContain('javascript');
    expect(await client.text()).toContain("new EventSource('/__cs-train/events')");
    const css = await fetch(`${s.url}assets/style.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).not.toContain('__cs-train');
    expect(await (await fetch(`${s.url}roles/agent/handbook`)).text()).toContain('/__cs-train/live.js');
    expect((await fetch(`${s.url}../../etc/passwd`)).status).toBe(404);
    // The script is added on the way out, never written into the built files.
    const built = htmlFiles(join(dir, 'site'));
    expect(built.length).toBeGreaterThan(3);
    for (const f of built) expect(readFileSync(join(dir, 'site', f), 'utf8')).not.toContain('__cs-train');

    const stream = await events(s.url);
    writeFileSync(role, readFileSync(role, 'utf8').replace('title: 客服专员', 'title: 一线客服专员'));
    const reload = await stream.next((e) => e.event === 'reload');
    expect(paths(reload)).toContain('index.html');
    expect(paths(reload)).toContain('roles/agent/handbook.html');
    expect(paths(reload)).not.toContain('assets/style.css');
    expect(await (await fetch(s.url)).text()).toContain('一线客服专员');
    // Pages first; the slow slide decks follow in a second pass.
    expect(s.stderr()).toMatch(/Rebuilt pages in \d+ ms: \d+ files changed; 0 warnings; slides follow\./);
    await waitFor('the slides pass', () => /Rebuilt slides in \d+ ms/.test(s.stderr()));

    const mark = stream.events.length;
    writeFileSync(role, readFileSync(role, 'utf8').replace('title: 一线客服专员', 'titel: 坏掉的标题'));
    const failed = await stream.next((e) => e.event === 'failed', mark);
    const report = failed.data as { title: string; diagnostics: { file: string; line: number; rule: string; message: string; hint?: string }[] };
    expect(report.title).toBe('Build failed: 1 error');
    expect(report.diagnostics[0]).toMatchObject({ file: 'curricula/roles/agent.yaml', line: 2, rule: 'unknown-key' });
    expect(report.diagnostics[0]!.message).toContain('Did you mean "title"?');
    expect(report.diagnostics[0]!.hint).toBeTruthy();
    expect(s.stdout()).toContain('curricula/roles/agent.yaml:2:1 error Unknown key "titel"');
    expect(s.stderr()).toContain('Build failed');
    // The last good output is still served, and a page opened now is told about the failure at once.
    expect(await (await fetch(s.url)).text()).toContain('一线客服专员');
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toContain('一线客服专员');
    const late = await events(s.url);
    await late.next((e) => e.event === 'failed', 0, 5000);

    const mark2 = stream.events.length;
    writeFileSync(role, readFileSync(role, 'utf8').replace('titel: 坏掉的标题', 'title: 客服专员'));
    await stream.next((e) => e.event === 'ok', mark2);
    expect(paths(await stream.next((e) => e.event === 'reload', mark2))).toContain('index.html');

    // A templates/ folder created while serving overrides the stylesheet: every page reloads.
    const mark3 = stream.events.length;
    mkdirSync(join(dir, 'templates/assets'), { recursive: true });
    writeFileSync(join(dir, 'templates/assets/style.css'), 'body { color: rebeccapurple; }\n');
    await stream.next((e) => e.event === 'reload' && paths(e).includes('assets/style.css'), mark3);
    expect(await (await fetch(`${s.url}assets/style.css`)).text()).toContain('rebeccapurple');

    expect(await s.stop('SIGINT')).toBe(0);
    expect(s.stderr()).toContain('Stopped.');
    expect(existsSync(join(dir, 'site/index.html'))).toBe(true);
  });

  it('starts with a broken source, serves a waiting page, and uses another port when the one asked for is taken', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as { port: number }).port;
    const dir = starterRepo();
    const program = join(dir, 'curricula/programs/onboarding.yaml');
    const good = readFileSync(program, 'utf8');
    writeFileSync(program, good.replace('communication/active-listening', 'communication/active-listenin'));

    const s = await serve(['curricula', '--port', String(port)], dir);
    expect(s.url).not.toBe(`http://127.0.0.1:${port}/`);
    expect(s.stderr()).toContain(`Port ${port} is in use`);
    expect(s.stdout()).toContain('unknown-session');
    const served = /Serving (\S+) at/.exec(s.stderr())![1]!;
    const waiting = await (await fetch(`${s.url}roles/agent/handbook.html`)).text();
    expect(waiting).toContain('waiting for a build without errors');
    expect(waiting).toContain('/__cs-train/live.js');

    const stream = await events(s.url);
    await stream.next((e) => e.event === 'failed');
    writeFileSync(program, good);
    const reload = await stream.next((e) => e.event === 'reload');
    expect((reload.data as { all: boolean }).all).toBe(true);
    expect(await (await fetch(`${s.url}roles/agent/handbook.html`)).text()).toContain('有效倾听与反馈');

    expect(await s.stop('SIGTERM')).toBe(0);
    expect(existsSync(served)).toBe(false);
    // The record of the temporary folder's files goes with it: before, every serve session left one in the cache.
    const records = join(dir, '.cs-train-cache/output-manifests');
    expect(existsSync(records) ? readdirSync(records) : []).toEqual([]);
  });

  it('refuses a bad port and an output folder inside the source folder', async () => {
    const dir = starterRepo();
    const { runCli } = await import('./helpers/cli.js');
    const badPort = runCli(['serve', 'curricula', '--port', 'http'], { cwd: dir });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a number');
    const inside = runCli(['serve', 'curricula', '-o', 'curricula/site'], { cwd: dir });
    expect(inside.status).toBe(2);
    expect(inside.stderr).toContain('is inside the source folder');
    const pdf = runCli(['serve', 'curricula', '--only', 'handbook,pdf'], { cwd: dir });
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toContain('serve does not print PDFs');
  });
});
