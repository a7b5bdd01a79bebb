// Every folder under test/fixtures/invalid is a small curriculum with known problems; its
// expected.json lists the exact diagnostics `cs-train check --format json` must report.
import { describe, expect, it } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { fixture, ROOT, runCli } from './helpers/cli.js';
import { expectedDiagnostics, invalidCases as cases, pickDiagnostics, type ExpectedDiagnostic } from './helpers/fixtures.js';

describe('invalid fixtures report exactly their expected diagnostics', () => {
  it('has at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of cases) {
    it(name, () => {
      const { expected, withMessage } = expectedDiagnostics(name);
      const { diagnostics } = compileCurriculum(fixture('invalid', name), ROOT);
      expect(pickDiagnostics(diagnostics.list() as ExpectedDiagnostic[], withMessage)).toEqual(pickDiagnostics(expected, withMessage));
      expect(expected.some((e) => e.severity === 'error')).toBe(true);
    });
  }
});

describe('the CLI on invalid fixtures', () => {
  it('exits 1 and prints the same diagnostics as JSON', () => {
    const r = runCli(['check', 'test/fixtures/invalid/unknown-session', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'test/fixtures/invalid/unknown-session/programs/onboarding.yaml',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 38,
        severity: 'error',
        rule: 'unknown-session',
        message: 'Unknown session "communication/active-listenin". Did you mean "communication/active-listening"?',
        hint: 'In a programme write `<module-id>/<session-id>`; in module.yaml the session id alone. The session id is the file name without `NN-` and `.md`.',
      },
    ]);
    expect(r.stderr).toBe('');
  });

  it('prints a code frame with the span underlined, CJK counted double width', () => {
    const r = runCli(['check', 'test/fixtures/invalid/unknown-competency']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        'test/fixtures/invalid/unknown-competency/roles/agent.yaml:4:16 error Unknown competency "communcation". Did you mean "communication"? [unknown-competency]',
        '  3 | responsibilities: [接听来电并记录问题, 回访客户]',
        '> 4 | competencies: [communcation]',
        '    |                ^^^^^^^^^^^^',
        '  hint: Declare the competency under `competencies:` in curriculum.yaml, or fix its id.',
        '',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('1 error, 0 warnings\n');
  });

  it('underlines CJK text with two carets per character', () => {
    const r = runCli(['check', 'test/fixtures/invalid/unknown-method-cjk']);
    expect(r.stdout).toContain(['> 4 | methods: [讲授, 讲课]', `    | ${' '.repeat(16)}^^^^`, ''].join('\n'));
  });

  it('prints GitHub workflow commands with --format github', () => {
    const r = runCli(['check', 'test/fixtures/invalid/unknown-assessment', '--format', 'github']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      '::error file=test/fixtures/invalid/unknown-assessment/programs/onboarding.yaml,line=11,col=23,endLine=11,endColumn=28,title=cs-train unknown-assessment::Unknown assessment "quizz". Did you mean "quiz"? [unknown-assessment]%0AUse the file name of an assessment in assessments/ without `.yaml`.\n',
    );
  });

  it('fails on warnings with --strict only', () => {
    const warnOnly = fixture('warnings', 'unlisted-session');
    const plain = runCli(['check', warnOnly]);
    const strict = runCli(['check', warnOnly, '--strict']);
    expect(plain.status).toBe(0);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('--strict: warnings fail the run');
  });
});
