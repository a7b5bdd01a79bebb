// A resident process (the build daemon, serve) keeps its last compile of a folder, and when only
// session bodies changed it puts the new bodies into the kept model instead of building it again.
// Whatever it keeps, each compile must equal the one a fresh process makes of the same files: the
// model (bodies, facts, assets, the digest that names it in output keys) and every diagnostic.
import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CompileResult } from '../../src/compile.js';
import type { Curriculum } from '../../src/model/types.js';
import { ROOT, tempDir } from '../helpers/cli.js';

type Modules = {
  compile: typeof import('../../src/compile.js');
  cache: typeof import('../../src/cache/open-cache.js');
  digest: typeof import('../../src/cache/model-digest.js');
  sessions: typeof import('../../src/cache/session-cache.js');
};

/** The compile, cache and digest modules as a new process has them. */
async function freshModules(): Promise<Modules> {
  vi.resetModules();
  return {
    compile: await import('../../src/compile.js'),
    cache: await import('../../src/cache/open-cache.js'),
    digest: await import('../../src/cache/model-digest.js'),
    sessions: await import('../../src/cache/session-cache.js'),
  };
}

/** Everything a compile gives that an output or a report can read, as JSON. */
function snapshot(result: CompileResult, digest: (model: Curriculum) => string): unknown {
  const json = JSON.stringify(result.model, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value));
  const diagnostics = result.diagnostics.list();
  return { model: JSON.parse(json) as unknown, digest: digest(result.model), diagnostics, texts: diagnostics.map((d) => result.diagnostics.text(d.file)) };
}

describe('a compile kept by a resident process', () => {
  it('equals a fresh compile after every kind of change, and is patched only when bodies alone changed', async () => {
    const home = tempDir();
    const dir = join(home, 'curricula');
    cpSync(join(ROOT, 'curricula'), dir, { recursive: true });
    const cacheDir = join(home, 'cache');
    const kept = await freshModules();
    kept.sessions.keepSessionsResident();
    kept.compile.keepCompiles();
    const compileKept = async () => snapshot(await kept.cache.compileCached(dir, { cacheDir }), kept.digest.modelDigest);
    const compileFresh = async () => {
      const fresh = await freshModules();
      return snapshot(fresh.compile.compileCurriculum(dir), fresh.digest.modelDigest);
    };

    const session = join(dir, 'modules/communication/01-active-listening.md');
    const other = join(dir, 'modules/communication/02-questioning.md');
    const original = readFileSync(session, 'utf8');
    const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));
    const extra = join(dir, 'modules/communication/99-extra.md');
    const picture = join(dir, 'modules/communication/picture.png');
    const steps: [string, () => void, 'full' | 'patched'][] = [
      ['nothing changed', () => {}, 'patched'],
      // In no programme: a warning of a model rule, at the title in its front matter.
      ['a session file added', () => writeFileSync(extra, '---\ntitle: 补充\nduration: 30m\n---\n\n正文。\n'), 'full'],
      ['a sentence appended to a body', () => appendFileSync(session, '\n再补充一句：先听完，再回应。\n'), 'patched'],
      ['a paragraph inserted at the top of a body (every block moves)', () => edit(session, (t) => t.replace('\n---\n\n', '\n---\n\n新加的一段。\n\n')), 'patched'],
      ['bodies of two sessions changed at once', () => (appendFileSync(session, '\n又一句。\n'), appendFileSync(other, '\n另一句。\n')), 'patched'],
      ['raw HTML in a body (a warning of a body rule)', () => appendFileSync(session, '\n<script>alert(1)</script>\n'), 'patched'],
      // With an error the model rules skip their checks: the warning of the added session goes.
      ['an unknown block in a body (an error)', () => appendFileSync(session, '\n:::nonsense\n内容\n:::\n'), 'full'],
      ['the unknown block removed again', () => writeFileSync(session, original), 'full'],
      ['a link to an image that exists (the session gains an asset)', () => (writeFileSync(picture, 'png'), appendFileSync(session, '\n![图](picture.png)\n')), 'full'],
      ['the image deleted (the link is now missing: an error)', () => rmSync(picture), 'full'],
      ['the image back', () => writeFileSync(picture, 'png'), 'full'],
      ['a comment in front matter (same values, lines move)', () => edit(session, (t) => t.replace('---\n', '---\n# reviewed\n')), 'patched'],
      ['a comment in the front matter of the added session (its warning moves)', () => edit(extra, (t) => t.replace('---\n', '---\n# draft\n')), 'full'],
      ['a title changed in front matter', () => edit(session, (t) => t.replace('title: 有效倾听与反馈', 'title: 有效倾听')), 'full'],
      ['a programme changed', () => edit(join(dir, 'programs', 'onboarding.yaml'), (t) => `${t}\n`), 'full'],
      // An error of a rule that reads no body: the model rules skip their checks before and after the edit alike.
      ['a programme naming a session that does not exist', () => edit(join(dir, 'programs', 'onboarding.yaml'), (t) => t.replace('session: service-mindset/service-concept', 'session: service-mindset/no-such-session')), 'full'],
      ['a body edited while that error stands', () => appendFileSync(session, '\n出错时也改一句。\n'), 'patched'],
      ['the programme put right', () => edit(join(dir, 'programs', 'onboarding.yaml'), (t) => t.replace('no-such-session', 'service-concept')), 'full'],
      ['a body edited after all that', () => appendFileSync(session, '\n最后一句。\n'), 'patched'],
    ];
    expect(await compileKept()).toEqual(await compileFresh());
    expect(kept.compile.compileStats.last).toBe('full');
    for (const [name, change, how] of steps) {
      change();
      const got = await compileKept();
      expect(got, name).toEqual(await compileFresh());
      expect(kept.compile.compileStats.last, name).toBe(how);
    }
  });
});
