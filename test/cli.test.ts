import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, tempDir } from './helpers/cli.js';

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

  it('rejects an unknown --format as a usage error', () => {
    const r = runCli(['check', fixture('valid/minimal'), '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown --format "xml"');
  });
});

describe('cs-train build', () => {
  it('writes index.html and curriculum.json', () => {
    const out = join(tempDir(), 'dist');
    const r = runCli(['build', fixture('valid/minimal'), '-o', out]);
    expect(r.status).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const model = JSON.parse(readFileSync(join(out, 'curriculum.json'), 'utf8'));
    expect(model.modules[0].sessions.map((s: { id: string }) => s.id)).toEqual(['communication/active-listening', 'communication/phone-etiquette']);
    expect(model.programs[0].days).toBe(3);
  });
});
