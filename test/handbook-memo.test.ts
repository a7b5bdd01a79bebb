// A session's HTML is converted once per edition and shared by every role's book, in one build and
// across builds (the output cache), but never where it would be stale: a link that resolves in one
// role's book and not in another's, or that stops resolving after a programme changes, gives new HTML.
// Whole books are reused too, until the model or the text of a session they print changes.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';
import { differences, snapshot } from './helpers/tree.js';

let source: string;
let cache: string;

/** Build the handbooks of `source` with the shared cache (or none); the output folder and, by kind, pieces reused/rendered. */
function build(useCache: boolean): { out: string; html: string; books: string } {
  const out = join(tempDir(), 'dist');
  const r = runCli(['build', source, '-o', out, '--only', 'handbook', ...(useCache ? ['--cache-dir', cache] : ['--no-cache'])], { env: { CS_TRAIN_CACHE_STATS: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const count = (kind: string) => new RegExp(`[:,] ${kind} (\\d+/\\d+)`).exec(r.stderr)?.[1] ?? '0/0';
  return { out, html: count('handbook-session-html'), books: count('handbook-book') };
}

const read = (out: string, path: string) => readFileSync(join(out, path), 'utf8');

beforeAll(() => {
  source = join(tempDir(), 'curricula');
  cpSync(fixture('valid', 'handbook-full'), source, { recursive: true });
  cache = join(tempDir(), 'cache');
});

describe('session HTML shared between books', () => {
  let first: ReturnType<typeof build>;
  beforeAll(() => {
    first = build(true);
  });

  it('converts each body once per edition where every book resolves its links alike', () => {
    // agent prints welcome, scripts, escalation; lead prints scripts and escalation. scripts links to
    // welcome, which only the agent's book prints: 2 editions × (3 + 1 differing) conversions, not 2 × 5.
    expect(first).toMatchObject({ html: '0/8', books: '0/4' });
    expect(read(first.out, 'roles/agent/handbook.html')).toContain('回到<a href="#session-basics--welcome">上一课</a>。');
    expect(read(first.out, 'roles/lead/handbook.html')).toContain('回到上一课。');
    expect(read(first.out, 'roles/lead/trainer-guide.html')).toContain('回到上一课。');
  });

  it('reuses every book in the next build, with the same bytes as a build without cache', () => {
    const again = build(true);
    expect(again).toMatchObject({ html: '0/0', books: '4/0' });
    expect(differences(snapshot(again.out), snapshot(first.out))).toEqual([]);
    expect(differences(snapshot(build(false).out), snapshot(first.out))).toEqual([]);
  });

  it('converts again a body whose link stops resolving when its target leaves the book', () => {
    const program = join(source, 'programs/onboarding.yaml');
    writeFileSync(program, readFileSync(program, 'utf8').replace('      - basics/welcome\n', ''));
    const edited = build(true);
    expect(read(edited.out, 'roles/agent/handbook.html')).not.toContain('href="#session-basics--welcome"');
    expect(read(edited.out, 'roles/agent/handbook.html')).toContain('回到上一课。');
    // Every book is made again (the model changed), but only scripts changes for the agent, and it
    // now reads as in the lead's book: every conversion is reused.
    expect(edited).toMatchObject({ html: '4/0', books: '0/4' });
    expect(differences(snapshot(edited.out), snapshot(build(false).out))).toEqual([]);
  });

  it('makes again only the books that print a session whose text changed', () => {
    cpSync(join(fixture('valid', 'handbook-full'), 'programs'), join(source, 'programs'), { recursive: true });
    const before = build(true);
    const welcome = join(source, 'modules/basics/01-welcome.md');
    writeFileSync(welcome, `${readFileSync(welcome, 'utf8')}\n新增一段：先问候，再核实身份。\n`);
    const edited = build(true);
    // welcome is printed only by the agent's two books; the lead's books are reused whole.
    expect(edited).toMatchObject({ books: '2/2' });
    expect(edited.html).toMatch(/^\d+\/2$/);
    expect(read(edited.out, 'roles/agent/handbook.html')).toContain('新增一段：先问候，再核实身份。');
    expect(read(edited.out, 'roles/lead/handbook.html')).toBe(read(before.out, 'roles/lead/handbook.html'));
    expect(differences(snapshot(edited.out), snapshot(build(false).out))).toEqual([]);
  });
});
