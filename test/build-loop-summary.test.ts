// The end of a build: one summary line with outputs written, warnings and time; a spinner for slow
// steps only on an interactive terminal.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSpinner } from '../src/cli/spinner.js';
import { ROOT, runCli, tempDir } from './helpers/cli.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('build summary', () => {
  it('ends with one line naming the files written, the time and the warnings', () => {
    const repo = tempDir();
    cpSync(join(ROOT, 'starter/curricula'), join(repo, 'curricula'), { recursive: true });
    const clean = runCli(['build'], { cwd: repo });
    expect(clean.status).toBe(0);
    expect(clean.stderr).toMatch(/^1 role, 1 module, 2 sessions, 1 programme, 1 assessment, 2\.5 teaching hours\. Wrote \d+ files to dist in \d+\.\d s; 0 warnings\.\n$/);

    const file = join(repo, 'curricula/curriculum.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('minHoursPerYear: 3', 'minHoursPerYear: 100'));
    const warned = runCli(['build'], { cwd: repo });
    expect(warned.status).toBe(0);
    expect(warned.stdout).toContain('[min-hours]');
    expect(warned.stderr.trimEnd().split('\n').at(-1)).toMatch(/Wrote \d+ files to dist in \d+\.\d s; 1 warning\.$/);
    expect(warned.stderr).not.toMatch(/[⠋⠙⠹⠸]/);
    const strict = runCli(['build', '--strict'], { cwd: repo });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('Build stopped: nothing was written.');
  });
});

describe('spinner', () => {
  it('draws frames on a terminal and clears its line afterwards', async () => {
    const { stream, written } = fakeStream(true);
    const ci = process.env.CI;
    delete process.env.CI;
    try {
      const result = await withSpinner('Printing PDFs…', () => new Promise((r) => setTimeout(() => r(42), 250)), stream);
      expect(result).toBe(42);
    } finally {
      if (ci !== undefined) process.env.CI = ci;
    }
    expect(written.length).toBeGreaterThan(2);
    expect(written[0]).toContain('Printing PDFs…');
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing when the stream is not a terminal, and passes failures through', async () => {
    const { stream, written } = fakeStream(false);
    await expect(withSpinner('x', () => Promise.reject(new Error('boom')), stream)).rejects.toThrow('boom');
    expect(written).toEqual([]);
  });
});
