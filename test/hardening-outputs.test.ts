// A curriculum whose every text field is hostile (markup, script URLs, template syntax, formulas,
// iCalendar and GIFT separators) is built, then EVERY file of the output folder is judged by its
// kind. The checks are generic: an output added later is checked as soon as it writes files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseGift } from 'gift-pegjs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { csvCells, csvProblems, crashLines, htmlProblems, icsProblems, icsTexts, markdownProblems, runCliTimed, walkFiles } from './hardening-helpers.js';
import { fixture, ROOT, tempDir } from './helpers/cli.js';

const HOSTILE = fixture('hostile/curriculum');
/** Text only the hostile fixture contains: found in a place that styles or scripts, it came from the curriculum. */
const MARKERS = /HX-|T49|HYPERLINK|alert\(1\)/;
/** What template syntax in the fixture would print if a template engine ran it. */
const EVALUATED = ['T49 49', '[object Object]', 'HX-ROLE 49'];
const ICS_TITLE = 'ICS-TITLE a\nb, c; d \\ e <script>alert(1)</script> 长标题长标题长标题长标题长标题长标题长标题长标题长标题长标题';
const ICS_LOCATION = 'ICS-LOC a\nb, c; d \\ e 长标题长标题长标题长标题长标题长标题长标题长标题长标题长标题长标题长标题';

let out: string;
let files: string[];
let build: ReturnType<typeof runCliTimed>;
const ofKind = (re: RegExp) => files.filter((f) => re.test(f));
const read = (f: string) => readFileSync(join(out, f), 'utf8');
/** Problems of every file of a kind, as "path: problem" lines, so a failure names them all. */
const problemsOf = (re: RegExp, check: (text: string, file: string) => string[]) => ofKind(re).flatMap((f) => check(read(f), f).map((p) => `${f}: ${p}`));

beforeAll(() => {
  out = join(tempDir('cs-train-hostile-'), 'dist');
  build = runCliTimed(['build', HOSTILE, '-o', out, '--no-cache'], { timeoutMs: 90_000 });
  files = build.status === 0 ? walkFiles(out) : [];
}, 120_000);

describe('a hostile curriculum builds, and every output stays inert', () => {
  it('builds with warnings only, no crash, and writes the usual outputs', () => {
    expect(crashLines(build.stderr)).toEqual([]);
    expect(build.status, build.stderr.slice(-2000)).toBe(0);
    expect(build.stdout).toContain('[unsafe-html]');
    // An image by a data: URL is named as an image, with what to do instead (not as a link that runs code).
    expect(build.stdout).toContain('Image "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" is written into the page as a data: URL, which is removed from the output; save the picture as a file beside the session and give its relative path.');
    expect(build.stdout).toContain('Link to "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" uses a scheme that can run code');
    expect(files).toContain('index.html');
    expect(files.length).toBeGreaterThan(5);
  });

  it('HTML: no script, event handler, script URL, frame, object, embed, base, refresh, or style carrying curriculum text', () => {
    expect(ofKind(/\.(html?|xhtml|svg)$/).length).toBeGreaterThan(0);
    expect(problemsOf(/\.(html?|xhtml|svg)$/, (t) => htmlProblems(t, MARKERS))).toEqual([]);
  });

  it('HTML: the hostile markup is shown as text', () => {
    const html = ofKind(/\.html$/).map(read).join('\n');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('T49 &lt;%= 7*7 %&gt;');
  });

  it('template syntax in curriculum text is never evaluated, in any file', () => {
    const text = ofKind(/\.(html?|md|csv|ics|json|gift|txt|xml|css)$/);
    const hits = text.flatMap((f) => EVALUATED.filter((e) => read(f).includes(e)).map((e) => `${f}: ${e}`));
    expect(hits).toEqual([]);
  });

  it('pptx: slide XML carries the hostile text escaped, and nothing evaluated', async () => {
    const hits: string[] = [];
    for (const f of ofKind(/\.pptx$/)) {
      const zip = await JSZip.loadAsync(readFileSync(join(out, f)));
      for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
        const xml = await zip.file(name)!.async('string');
        if (/<script/i.test(xml)) hits.push(`${f}/${name}: raw <script`);
        for (const e of EVALUATED) if (xml.includes(e)) hits.push(`${f}/${name}: ${e}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('CSV: parses, no cell starts with = + - @ tab or CR, and text with newlines and quotes round-trips', () => {
    expect(problemsOf(/\.csv$/, csvProblems)).toEqual([]);
    const cells = ofKind(/\.csv$/).flatMap((f) => csvCells(read(f)));
    if (cells.length === 0) return;
    expect(cells.some((c) => c.endsWith('HYPERLINK("http://x","y") T49 <%= 7*7 %>'))).toBe(true);
    expect(cells.some((c) => c.includes('a\nb, c; d \\ e'))).toBe(true);
  });

  it('iCalendar: CRLF lines folded at 75 octets, parses with ical.js, no injected event or property, text round-trips', () => {
    expect(problemsOf(/\.ics$/, icsProblems)).toEqual([]);
    const texts = ofKind(/\.ics$/).flatMap((f) => icsTexts(read(f)));
    if (texts.length === 0) return;
    expect(texts).toContain(ICS_TITLE);
    expect(texts).toContain(ICS_LOCATION);
  });

  it('GIFT: parses with gift-pegjs into exactly the source questions, special characters intact', () => {
    const { model } = compileCurriculum(HOSTILE, ROOT);
    const problems: string[] = [];
    for (const f of ofKind(/\.gift$/)) {
      const id = /([^/]+)\.gift$/.exec(f)![1]!;
      const source = model.assessments.find((a) => a.id === id);
      let parsed: ReturnType<typeof parseGift>;
      try {
        parsed = parseGift(read(f));
      } catch (error) {
        problems.push(`${f}: does not parse: ${(error as Error).message.slice(0, 120)}`);
        continue;
      }
      const questions = parsed.filter((q) => q.type !== 'Category' && q.type !== 'Description');
      if (!source) {
        problems.push(`${f}: no assessment "${id}" in the source`);
        continue;
      }
      if (questions.length !== source.questions.length) problems.push(`${f}: ${questions.length} questions, the source has ${source.questions.length}`);
      questions.forEach((q, i) => {
        const stem = 'stem' in q ? q.stem.text : '';
        const expected = source.questions[i]?.prompt ?? '';
        if (!stem.includes(expected)) problems.push(`${f}: question ${i + 1} reads ${JSON.stringify(stem)}, expected ${JSON.stringify(expected)}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('Markdown (Marp decks, outlines): no raw HTML but whole comments, comments not closed early, front matter intact', () => {
    expect(problemsOf(/\.md$/, markdownProblems)).toEqual([]);
  });

  it('JSON: every file parses', () => {
    expect(
      ofKind(/\.json$/).flatMap((f) => {
        try {
          JSON.parse(read(f));
          return [];
        } catch (error) {
          return [`${f}: ${(error as Error).message}`];
        }
      }),
    ).toEqual([]);
  });

  it('stylesheets carry no curriculum text', () => {
    expect(ofKind(/\.css$/).filter((f) => MARKERS.test(read(f)))).toEqual([]);
  });
});
