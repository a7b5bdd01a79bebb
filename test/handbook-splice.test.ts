// After an edit to a session's body, a rebuild splices the new body into the books stored before
// instead of templating every book again, and the books are byte for byte those of a build from
// nothing: whatever the edit changes (text, a timed activity, a link, a heading), with the
// curriculum's own book templates (never spliced), and when the stored book is damaged or missing.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCurriculum } from '../bench/generate.mjs';
import { findMarks, mark } from '../src/render/handbook/book-splice.js';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

/** Counters of one build, by kind: reused/rendered. */
interface Counters {
  books: string;
  frames: string;
  layouts: string;
}

/** Build the handbooks of `source` into `out` with `cache`; the counters of books, frames and layouts. */
function build(source: string, out: string, cache: string): Counters {
  const r = runCli(['build', source, '-o', out, '--only', 'handbook', '--cache-dir', cache], { env: { CS_TRAIN_CACHE_STATS: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const count = (kind: string) => new RegExp(`[:,] ${kind} (\\d+/\\d+)`).exec(r.stderr)?.[1] ?? '0/0';
  return { books: count('handbook-book'), frames: count('handbook-frame'), layouts: count('handbook-layout') };
}

/** The handbooks a build from nothing makes of `source`. */
function fresh(source: string): Map<string, Buffer> {
  const dir = join(tempDir(), 'dist');
  const r = runCli(['build', source, '-o', dir, '--only', 'handbook', '--no-cache']);
  expect(r.status, r.stderr).toBe(0);
  return snapshot(dir);
}

/** Replace `from` by `to` in a file, which must contain it. */
function edit(path: string, from: string | RegExp, to: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).toMatch(from);
  writeFileSync(path, text.replace(from, to));
}

/** Entry files of the output cache whose body contains `marker`. */
function entriesWith(cache: string, marker: string): string[] {
  const dir = join(cache, 'outputs');
  return readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f))).filter((f) => readFileSync(f).includes(marker));
}

describe('books spliced after an edit to a body', () => {
  let source: string;
  let cache: string;
  let out: string;
  const session = (path: string) => join(source, 'modules', path);
  const book = (path: string) => readFileSync(join(out, path), 'utf8');
  const rebuild = () => build(source, out, cache);

  beforeAll(() => {
    source = join(tempDir(), 'curricula');
    cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
    cache = join(tempDir(), 'cache');
    out = join(tempDir(), 'dist');
    // Every book is assembled from its frame (templated once, with marks for the bodies) and the bodies.
    expect(rebuild()).toEqual({ books: '0/4', frames: '0/4', layouts: '0/4' });
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('splices an edited paragraph into every book that prints the session, templating none', () => {
    // Escalation is printed by all four books.
    edit(session('advanced/01-escalation.md'), '升级前先复述问题。', '升级前先复述问题，再说明处理时限。');
    expect(rebuild()).toEqual({ books: '0/4', frames: '4/0', layouts: '0/0' });
    expect(book('roles/lead/trainer-guide.html')).toContain('再说明处理时限');
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('templates only the trainer guide again when an activity changes its minutes and title', () => {
    // Welcome is printed by the agent's books only; the timing plan is in the trainer guide only.
    edit(session('basics/01-welcome.md'), ':::activity{minutes=20 title="复述练习"}', ':::activity{minutes=35 title="复述与确认练习"}');
    expect(rebuild()).toEqual({ books: '2/2', frames: '1/1', layouts: '0/1' });
    expect(book('roles/agent/trainer-guide.html')).toMatch(/复述与确认练习<\/td><td class="num">35/);
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('splices a new link to another session, resolved in the books that print it', () => {
    edit(session('advanced/01-escalation.md'), '升级前先复述', '先回顾[欢迎课](../basics/01-welcome.md)和[话术](../basics/02-scripts.md)。\n\n升级前先复述');
    expect(rebuild()).toMatchObject({ books: '0/4', frames: '4/0' });
    // Welcome is printed in the agent's books only: the lead's keep the link's text alone.
    expect(book('roles/agent/handbook.html')).toContain('<a href="#session-basics--welcome">欢迎课</a>');
    expect(book('roles/lead/handbook.html')).toMatch(/先回顾欢迎课和<a href="#session-basics--scripts">话术<\/a>/);
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('splices a changed heading, whose anchor changes with it', () => {
    edit(session('basics/02-scripts.md'), '## 催单话术', '## 催单与安抚话术');
    expect(rebuild()).toMatchObject({ books: '0/4', frames: '4/0' });
    expect(book('roles/lead/handbook.html')).toContain('id="session-basics--scripts--催单与安抚话术"');
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('splices into the same stored books again when a second edit is undone', () => {
    const scripts = session('basics/02-scripts.md');
    const before = readFileSync(scripts, 'utf8');
    edit(scripts, '组长：昨天那通电话开场很规范。', '组长：昨天那通电话开场很规范，结尾也很完整。');
    expect(rebuild()).toEqual({ books: '0/4', frames: '4/0', layouts: '0/0' });
    expect(book('roles/agent/handbook.html')).toContain('结尾也很完整');
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
    writeFileSync(scripts, before);
    expect(rebuild()).toEqual({ books: '0/4', frames: '4/0', layouts: '0/0' });
    expect(book('roles/agent/handbook.html')).not.toContain('结尾也很完整');
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('assembles the books again from the frame when the stored books are damaged or missing', () => {
    const stored = entriesWith(cache, 'class="book book-');
    expect(stored.length).toBeGreaterThanOrEqual(4);
    stored.forEach((entry, i) => {
      const bytes = readFileSync(entry);
      if (i % 2) writeFileSync(entry, Buffer.concat([bytes.subarray(0, 1000), Buffer.from([bytes[1000]! ^ 1]), bytes.subarray(1001)]));
      else rmSync(entry);
    });
    edit(session('advanced/01-escalation.md'), '升级前先复述', '升级之前先复述');
    expect(rebuild()).toEqual({ books: '0/4', frames: '0/4', layouts: '0/4' });
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
    // The layouts now name the books just stored: the next edit splices again.
    edit(session('advanced/01-escalation.md'), '升级之前先复述', '升级以前先复述');
    expect(rebuild()).toMatchObject({ frames: '4/0' });
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });

  it('assembles the books again when the layout records are damaged', () => {
    const layouts = entriesWith(cache, '"pieces":[[');
    expect(layouts.length).toBeGreaterThanOrEqual(4);
    for (const entry of layouts) {
      const bytes = readFileSync(entry);
      writeFileSync(entry, Buffer.concat([bytes.subarray(0, bytes.length - 3), Buffer.from('[[[')]));
    }
    edit(session('advanced/01-escalation.md'), '升级以前先复述', '升级前务必先复述');
    expect(rebuild()).toEqual({ books: '0/4', frames: '0/4', layouts: '0/4' });
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });
});

describe('books with the curriculum\'s own templates', () => {
  it('templates every book whole, never splicing, and still matches a build from nothing', () => {
    const root = tempDir();
    const source = join(root, 'curricula');
    cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
    // A session template that does not print the body as it is: splicing would lose the change.
    const own = join(root, 'templates', 'handbook');
    mkdirSync(own, { recursive: true });
    const builtin = readFileSync(join(import.meta.dirname, '../templates/handbook/session.eta'), 'utf8');
    expect(builtin).toContain('<%~ v.html %>');
    writeFileSync(join(own, 'session.eta'), builtin.replace('<%~ v.html %>', '<%~ v.html.replaceAll(\'<p>\', \'<p class="own">\') %>'));
    const cache = join(root, 'cache');
    const out = join(root, 'dist');
    expect(build(source, out, cache)).toEqual({ books: '0/4', frames: '0/0', layouts: '0/0' });
    edit(join(source, 'modules/advanced/01-escalation.md'), '升级前先复述问题。', '升级前先复述问题，再说明处理时限。');
    expect(build(source, out, cache)).toEqual({ books: '0/4', frames: '0/0', layouts: '0/0' });
    expect(readFileSync(join(out, 'roles/lead/handbook.html'), 'utf8')).toContain('<p class="own">升级前先复述问题，再说明处理时限。</p>');
    expect(differences(snapshot(out), fresh(source))).toEqual([]);
  });
});

describe('books that differ from the stored one in many sessions', () => {
  it('stores the spliced book as the new base once many pieces changed, and splices into it next', () => {
    const root = tempDir();
    const { sourceDir } = generateCurriculum(join(root, 'gen'), 120);
    const cache = join(root, 'cache');
    const out = join(root, 'dist');
    expect(build(sourceDir, out, cache)).toMatchObject({ books: '0/12', frames: '0/12' });
    const sessions = readdirSync(join(sourceDir, 'modules'), { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md'));
    expect(sessions.length).toBe(120);
    const append = (paths: string[], text: string) => {
      for (const p of paths) writeFileSync(join(sourceDir, 'modules', p), `${readFileSync(join(sourceDir, 'modules', p), 'utf8')}\n${text}\n`);
    };
    // Every session changes: each book that prints sessions differs from its stored one in all of them.
    append(sessions, '补充说明：记录来电时间。');
    const many = build(sourceDir, out, cache);
    const made = Number(many.books.split('/')[1]);
    expect(made).toBeGreaterThan(0);
    expect(many).toMatchObject({ frames: `${made}/0`, layouts: `0/${made}` });
    expect(differences(snapshot(out), fresh(sourceDir))).toEqual([]);
    // One more edit differs from the new base in one session only: spliced, nothing stored. (From
    // the first base it would differ in all of them and be stored again.)
    append(sessions.slice(0, 1), '再补充：核对订单号。');
    const next = build(sourceDir, out, cache);
    expect(next.frames).toMatch(/^[1-9]\d*\/0$/);
    expect(next.layouts).toBe('0/0');
    expect(differences(snapshot(out), fresh(sourceDir))).toEqual([]);
  });
});

describe('marks standing for the bodies in a frame', () => {
  const frame = (...parts: string[]) => Buffer.from(parts.join(''), 'utf8');

  it('finds each mark once and in order, by byte offset', () => {
    const marks = findMarks(frame('<p>标题</p>', mark(0), '<hr>', mark(1), '</main>'), 2);
    const head = Buffer.byteLength('<p>标题</p>');
    expect(marks).toEqual([
      [head, head + Buffer.byteLength(mark(0))],
      [head + Buffer.byteLength(mark(0)) + 4, head + Buffer.byteLength(mark(0)) + 4 + Buffer.byteLength(mark(1))],
    ]);
  });

  it('refuses a frame whose marks are missing, repeated, out of order or one too many', () => {
    expect(findMarks(frame('a', mark(0), 'b'), 2)).toBeUndefined();
    expect(findMarks(frame('a', mark(0), mark(0), 'b'), 2)).toBeUndefined();
    expect(findMarks(frame('a', mark(1), mark(0), 'b'), 2)).toBeUndefined();
    expect(findMarks(frame('a', mark(0), mark(1), mark(2)), 2)).toBeUndefined();
    // A title that happens to hold the mark's text is one mark too many.
    expect(findMarks(frame(mark(0).slice(0, -2), 'x', mark(0)), 1)).toBeUndefined();
    expect(findMarks(frame('no marks'), 0)).toEqual([]);
  });
});
