// Paths in a curriculum never reach outside its source folder: images and links that climb out,
// absolute and Windows paths, file: URLs, and symbolic links (made here, at test time) to files,
// sessions, modules and YAML outside. Each is refused with a diagnostic at its place, nothing from
// outside is read into the model, and nothing is copied into an output.
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/diagnostics.js';
import { crashLines, runCliTimed, walkFiles } from './hardening-helpers.js';
import { fixture, tempDir } from './helpers/cli.js';

const SECRET = 'TOP-SECRET-5f2c9a';
let root: string;
let src: string;
let outside: string;
let diagnostics: Diagnostic[];

/** The minimal curriculum plus links of every escaping kind and symlinks that point outside. */
beforeAll(() => {
  root = tempDir('cs-train-paths-');
  outside = join(root, 'outside');
  mkdirSync(join(outside, 'module'), { recursive: true });
  writeFileSync(join(outside, 'secret.png'), SECRET);
  writeFileSync(join(outside, 'secret.md'), `---\ntitle: ${SECRET}\nduration: 30m\n---\n\n${SECRET}\n`);
  writeFileSync(join(outside, 'secret.yaml'), `title: ${SECRET}\n`);
  writeFileSync(join(outside, 'module', 'module.yaml'), `title: ${SECRET}\n`);
  writeFileSync(join(outside, 'module', '01-leak.md'), `---\ntitle: ${SECRET}\nduration: 30m\n---\n\n${SECRET}\n`);

  src = join(root, 'curricula');
  cpSync(fixture('valid/minimal'), src, { recursive: true });
  mkdirSync(join(src, 'assets'));
  writeFileSync(join(src, 'assets', 'ok.png'), 'inside');
  symlinkSync(join(outside, 'secret.png'), join(src, 'assets', 'leak.png'));
  symlinkSync(outside, join(src, 'assets', 'outside-dir'));
  symlinkSync('ok.png', join(src, 'assets', 'inside-link.png'));
  symlinkSync(join(outside, 'secret.md'), join(src, 'modules', 'communication', '03-leak.md'));
  symlinkSync(join(outside, 'module'), join(src, 'modules', 'leaked'));
  symlinkSync(join(outside, 'secret.yaml'), join(src, 'roles', 'leak.yaml'));
  const session = join(src, 'modules', 'communication', '01-active-listening.md');
  writeFileSync(
    session,
    readFileSync(session, 'utf8') +
      [
        '',
        '![leak](../../assets/leak.png)',
        '',
        '![dir](../../assets/outside-dir/secret.png)',
        '',
        '![ok](../../assets/ok.png) ![inside link](../../assets/inside-link.png)',
        '',
        '![up](../../../outside/secret.png)',
        '',
        '![abs](/etc/passwd) [file](file:///etc/passwd) ![win](C:\\secret.png)',
        '',
      ].join('\n'),
  );
  diagnostics = compileCurriculum(src, root).diagnostics.list();
});

const at = (file: string, line: number, column: number) =>
  diagnostics.filter((d) => d.file.endsWith(file) && d.line === line && d.column === column && d.severity === 'error').map((d) => d.rule);

describe('paths that leave the source folder', () => {
  it('refuses images and links through symlinks, climbing out, absolute, file: and Windows paths, each at its place', () => {
    const file = 'modules/communication/01-active-listening.md';
    expect(at(file, 34, 1)).toEqual(['path-outside-source']);
    expect(at(file, 36, 1)).toEqual(['path-outside-source']);
    expect(at(file, 40, 1)).toEqual(['path-outside-source']);
    expect(at(file, 42, 1)).toEqual(['path-outside-source']);
    expect(at(file, 42, 21)).toEqual(['path-outside-source']);
    expect(at(file, 42, 48)).toEqual(['path-outside-source']);
  });

  it('accepts files and symlinks that stay inside', () => {
    expect(diagnostics.filter((d) => d.line === 38)).toEqual([]);
  });

  it('does not read session files, module folders or YAML files that are links to outside', () => {
    const linked = diagnostics.filter((d) => d.rule === 'path-outside-source' && d.line === 1).map((d) => d.file.replace(/^.*curricula\//, ''));
    expect(linked.sort()).toEqual(['modules/communication/03-leak.md', 'modules/leaked', 'roles/leak.yaml']);
    expect(diagnostics.filter((d) => d.message.includes(SECRET))).toEqual([]);
    const { model } = compileCurriculum(src, root);
    expect(JSON.stringify([...model.sessions.values()].map((s) => s.title))).not.toContain(SECRET);
    expect(model.roles.map((r) => r.id)).not.toContain('leak');
    expect(model.modules.map((m) => m.id)).not.toContain('leaked');
  });

  it('`build` stops with exit 1 and writes no output, so nothing from outside is copied', () => {
    const out = join(root, 'dist');
    const r = runCliTimed(['build', src, '-o', out, '--no-cache'], { timeoutMs: 60_000 });
    expect(crashLines(r.stderr)).toEqual([]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[path-outside-source]');
    expect(existsSync(out)).toBe(false);
  });

  it('a build whose only outside link is removed copies the inside files and nothing from outside', () => {
    const clean = join(root, 'clean');
    cpSync(fixture('valid/minimal'), clean, { recursive: true });
    mkdirSync(join(clean, 'assets'));
    writeFileSync(join(clean, 'assets', 'ok.png'), 'inside');
    symlinkSync(join(outside, 'secret.png'), join(clean, 'assets', 'leak.png'));
    const session = join(clean, 'modules', 'communication', '01-active-listening.md');
    writeFileSync(session, readFileSync(session, 'utf8') + '\n![ok](../../assets/ok.png)\n');
    const out = join(root, 'clean-dist');
    const r = runCliTimed(['build', clean, '-o', out, '--no-cache'], { timeoutMs: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const files = walkFiles(out);
    expect(files).toContain('files/assets/ok.png');
    expect(files.filter((f) => f.includes('leak'))).toEqual([]);
    expect(files.filter((f) => !/\.(pptx|pdf)$/.test(f) && readFileSync(join(out, f)).includes(SECRET))).toEqual([]);
  });

  it('the committed fixture invalid/hostile-paths refuses every escaping path through the CLI', () => {
    const r = runCliTimed(['check', fixture('invalid/hostile-paths'), '--no-cache', '--format', 'json'], { timeoutMs: 60_000 });
    expect(r.status).toBe(1);
    const list = JSON.parse(r.stdout) as Diagnostic[];
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(list.every((d) => d.rule === 'path-outside-source' && d.severity === 'error')).toBe(true);
  });
});
