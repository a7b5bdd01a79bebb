// Runs the built CLI as a user would: a child process, its exit status, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/cs-train.js');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn `cs-train ...args` in `cwd` with colour off (`node`: another Node.js binary than the one running the tests). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string>; node?: string } = {}): RunResult {
  const r = spawnSync(options.node ?? process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '1793491200', ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file (test/helpers/setup.ts). */
export function tempDir(prefix = 'cs-train-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Remove every folder `tempDir` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort: a folder a test made unremovable stays in the system's temporary folder.
    }
  }
}

/** Path of a fixture folder. */
export function fixture(...parts: string[]): string {
  return join(ROOT, 'test/fixtures', ...parts);
}
