// Runs the built CLI as a user would: a child process, its exit status, stdout and stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/cs-train.js');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn `cs-train ...args` in `cwd` with colour off. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '1793491200', ...options.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'cs-train-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Path of a fixture folder. */
export function fixture(...parts: string[]): string {
  return join(ROOT, 'test/fixtures', ...parts);
}
