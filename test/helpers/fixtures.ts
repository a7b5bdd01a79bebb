// What the sample's golden files and the invalid fixtures hold, for every test that compares a
// build or a check against them (on this Node or another).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, ROOT } from './cli.js';
import { walkFiles } from './tree.js';

/** The golden build of the sample curriculum (`npm run golden:update` rewrites it). */
export const GOLDEN = join(ROOT, 'test/golden/sample');

/** The files of a build in `out`, as walkFiles lists them, without the output folder's own record. */
export function builtFiles(out: string): string[] {
  return walkFiles(out).filter((f) => f !== '.cs-train-output');
}

/** Which of `files` in `out` differ, byte for byte, from the golden file of the same name. */
export function differingFromGolden(out: string, files: readonly string[]): string[] {
  return files.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(GOLDEN, f))));
}

/** One diagnostic as an invalid fixture's expected.json lists it. */
export interface ExpectedDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message?: string;
}

/** The folders under test/fixtures/invalid, sorted. */
export const invalidCases = readdirSync(fixture('invalid'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
  .map((d) => d.name)
  .sort();

/** An invalid fixture's expected diagnostics, and whether they give messages (then compared too). */
export function expectedDiagnostics(name: string): { expected: ExpectedDiagnostic[]; withMessage: boolean } {
  const expected = JSON.parse(readFileSync(join(fixture('invalid', name), 'expected.json'), 'utf8')) as ExpectedDiagnostic[];
  return { expected, withMessage: expected.every((e) => e.message !== undefined) };
}

/** The fields of diagnostics that expected.json fixes: place, severity, rule, and the message when it gives messages. */
export function pickDiagnostics(list: readonly ExpectedDiagnostic[], withMessage: boolean): ExpectedDiagnostic[] {
  return list.map((d) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, ...(withMessage ? { message: d.message } : {}) }));
}
