import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, runCli, tempDir } from './helpers/cli.js';

describe('cs-train check', () => {
  it('prints only a summary line for a valid curriculum', () => {
    const r = runCli(['check', fixture('valid/minimal'), '--strict']);
    expect(r.stderr).toBe('1 role, 1 module, 2 sessions, 1 programme, 1 assessment, 2.5 teaching hours\n');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('exits 2 with a message when the source folder does not exist', () => {
    const r = runCli(['check', 'no-such-folder']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Source folder no-such-folder does not exist');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says that #id and .class in a block\'s {…} are what it reads as the attributes "id" and "class"', () => {
    const src = join(tempDir(), 'curricula');
    cpSync(fixture('valid/minimal'), src, { recursive: true });
    const file = join(src, 'modules/communication/02-phone-etiquette.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n:::activity{#drill .big}\n练习\n:::\n`);
    const r = runCli(['check', src, '--no-cache']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(':::activity has no attribute "id" (#… in {…} sets an id); it takes "minutes" and "title".');
    expect(r.stdout).toContain(':::activity has no attribute "class" (.… in {…} sets a class); it takes "minutes" and "title".');
  });

  it('a source folder given as a dangling or looping symbolic link is a usage error, not an internal error', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const dangling = runCli(['check', 'dangling'], { cwd: dir });
    expect(dangling.status).toBe(2);
    expect(dangling.stderr).toContain(`Source folder dangling is a symbolic link to ${join(dir, 'gone')}, which does not exist.`);
    const loop = runCli(['check', 'loop-a'], { cwd: dir });
    expect(loop.status).toBe(2);
    expect(loop.stderr).toContain('Source folder loop-a cannot be opened (its symbolic links point at each other).');
    expect(loop.stderr).not.toContain('internal error');
  });

  it('run from a folder that was deleted: a usage error saying so, not an internal error', () => {
    const gone = join(tempDir(), 'gone');
    for (const command of ['build', 'check']) {
      // The shell enters the folder, removes it, then starts cs-train there.
      const r = spawnSync('sh', ['-c', `mkdir -p "${gone}" && cd "${gone}" && rmdir "${gone}" && exec "${process.execPath}" "${BIN}" ${command}`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toBe('cs-train: the current folder no longer exists (it was deleted or moved); `cd` into a folder that exists and run the command again.\n');
    }
  });

  it('never reads `extra:` under competencies or trainers as a competency or a trainer', () => {
    const src = join(tempDir(), 'curricula');
    cpSync(fixture('valid/minimal'), src, { recursive: true });
    const file = join(src, 'curriculum.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^competencies:\n/m);
    expect(text).toMatch(/^trainers:\n/m);
    writeFileSync(file, text.replace(/^competencies:\n/m, 'competencies:\n  extra: { owner: 培训组 }\n').replace(/^trainers:\n/m, 'trainers:\n  extra: 外聘讲师另行通知\n'));
    const r = runCli(['check', src, '--no-cache', '--strict']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    const out = join(tempDir(), 'dist');
    expect(runCli(['build', src, '-o', out, '--no-cache']).status).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'curriculum.json'), 'utf8'));
    expect(JSON.stringify(model)).not.toContain('外聘讲师另行通知');
    expect(existsSync(join(out, 'trainers/extra.html'))).toBe(false);
  });

  it('--help names the cache --cache-dir and --no-cache are about as the build cache of README', () => {
    for (const command of ['check', 'build', 'serve']) {
      const help = runCli([command, '--help']).stdout.replace(/\s+/g, ' ');
      expect(help).toContain('folder of the build cache: parsed sources and rendered pieces');
      expect(help).toContain('neither read nor write the build cache');
      expect(help).not.toContain('parse cache');
    }
    expect(runCli(['--help']).stdout.replace(/\s+/g, ' ')).toContain('writes no output, only its build cache');
  });

  it('tells a lead who runs check inside the curriculum folder to run it from the folder above', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'curriculum.yaml'), 'title: 客服部培训大纲\n');
    const r = runCli(['check'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Source folder curricula does not exist. This folder holds curriculum.yaml itself: run cs-train from the folder above it, the repository (`cd ..`, then `cs-train check`).');
  });

  it('tells a lead who runs build outside the repository where to run it', () => {
    const r = runCli(['build'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Run cs-train in your curriculum repository (the folder that holds curricula/), or pass the folder that holds curriculum.yaml, e.g. `cs-train build path/to/curricula`.');
  });

  it('rejects an unknown --format as a usage error', () => {
    const r = runCli(['check', fixture('valid/minimal'), '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown --format "xml"');
  });
});

describe('cs-train build', () => {
  it('refuses an empty --role or --program (an unset shell variable) instead of building no handbooks', () => {
    const out = join(tempDir(), 'dist');
    for (const [option, value] of [['--role', ''], ['--program', ' , ']]) {
      const r = runCli(['build', fixture('valid/minimal'), '-o', out, option!, value!]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`error: option '${option} <id>' argument '${value}' is invalid. It is empty; give an id, or leave the option out to build them all.`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('writes index.html and curriculum.json', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', fixture('valid/minimal'), '-o', out]);
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'curriculum.json'), 'utf8'));
    expect(model.modules[0].sessions.map((s: { id: string }) => s.id)).toEqual(['communication/active-listening', 'communication/phone-etiquette']);
    expect(model.programs[0].days).toBe(3);
  });

  it('refuses an empty --only (an unset shell variable) instead of building everything', () => {
    const out = join(tempDir(), 'dist');
    for (const only of ['', ' , ']) {
      const r = runCli(['build', fixture('valid/minimal'), '-o', out, '--only', only]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--only is empty; name the outputs to build (schedule, trainers, handbook, assessments, slides, pdf)');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a SOURCE_DATE_EPOCH that is not whole seconds, writing nothing; an empty one means unset', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', fixture('valid/minimal'), '-o', out], { env: { SOURCE_DATE_EPOCH: '2027-03-01' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH is "2027-03-01", which is not a time; set it to whole seconds since 1970');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(runCli(['build', fixture('valid/minimal'), '-o', out], { env: { SOURCE_DATE_EPOCH: '' } }).status).toBe(0);
  });

  it('refuses a SOURCE_DATE_EPOCH past December 9999 with a usage error, not an internal error', () => {
    const out = join(tempDir(), 'dist');
    for (const value of ['253402214400', '253402300800', '99999999999999999']) {
      const r = runCli(['build', fixture('valid/minimal'), '-o', out], { env: { SOURCE_DATE_EPOCH: value } });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`SOURCE_DATE_EPOCH is "${value}", which is too far in the future (the latest is 253402214399, in December 9999); set it to whole seconds since 1970`);
      expect(r.stderr).not.toContain('internal error');
      expect(existsSync(out)).toBe(false);
    }
    expect(runCli(['build', fixture('valid/minimal'), '-o', out], { env: { SOURCE_DATE_EPOCH: '253402214399' } }).status).toBe(0);
  });
});
