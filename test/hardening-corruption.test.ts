// Property: whatever happens to the bytes of a valid curriculum (insertions, deletions, truncation,
// invalid UTF-8, NUL, BOMs, CRLF, broken YAML indentation, shuffled lines, deleted files), `check`
// ends with 0 or 1, every diagnostic has a file and a 1-based position, and nothing crashes or hangs.
// Runs are reproducible: the seed is fixed (CS_TRAIN_FUZZ_SEED overrides it) and printed on failure.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { renderAll } from '../src/build.js';
import { compileCurriculum } from '../src/compile.js';
import { catalog } from '../src/diagnostics/catalog.js';
import { formatDiagnostics } from '../src/diagnostics/reporters.js';
import { crashLines, runCliTimed } from './hardening-helpers.js';
import { fixture, ROOT, tempDir } from './helpers/cli.js';

const SEED = Number(process.env.CS_TRAIN_FUZZ_SEED ?? 20_270_301);
const IN_PROCESS_RUNS = Number(process.env.CS_TRAIN_FUZZ_RUNS ?? 200);
const CLI_RUNS = 15;
const RENDER_RUNS = Number(process.env.CS_TRAIN_FUZZ_RENDER_RUNS ?? 25);

type Files = { path: string; bytes: Buffer }[];

function readTree(dir: string): Files {
  const out: Files = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.startsWith('.')) out.push({ path: relative(dir, p).split(sep).join('/'), bytes: readFileSync(p) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const bases: { name: string; files: Files; weight: number }[] = [
  { name: 'valid/minimal', files: readTree(fixture('valid/minimal')), weight: 6 },
  { name: 'valid/handbook-full', files: readTree(fixture('valid/handbook-full')), weight: 2 },
  { name: 'hostile/curriculum', files: readTree(fixture('hostile/curriculum')), weight: 1 },
];
const sample = join(ROOT, 'curricula');
if (compileCurriculum(sample, ROOT).diagnostics.errorCount === 0) bases.push({ name: 'curricula', files: readTree(sample), weight: 1 });

/** One change to one file of a curriculum. */
type Mutation =
  | { kind: 'insert'; file: number; at: number; bytes: Uint8Array }
  | { kind: 'delete'; file: number; at: number; length: number }
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'bad-utf8'; file: number; at: number; bytes: number[] }
  | { kind: 'nul'; file: number; at: number }
  | { kind: 'bom'; file: number; bytes: number[] }
  | { kind: 'crlf'; file: number; lone: boolean }
  | { kind: 'indent'; file: number; line: number; by: string }
  | { kind: 'special'; file: number; at: number; text: string }
  | { kind: 'swap-lines'; file: number; a: number; b: number }
  | { kind: 'remove-file'; file: number };

const position = fc.nat({ max: 1 << 20 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), file: fc.nat(), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('delete' as const), file: fc.nat(), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), at: position }),
  fc.record({
    kind: fc.constant('bad-utf8' as const),
    file: fc.nat(),
    at: position,
    bytes: fc.constantFrom([0xff], [0xc3, 0x28], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xb8]),
  }),
  fc.record({ kind: fc.constant('nul' as const), file: fc.nat(), at: position }),
  fc.record({ kind: fc.constant('bom' as const), file: fc.nat(), bytes: fc.constantFrom([0xef, 0xbb, 0xbf], [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]) }),
  fc.record({ kind: fc.constant('crlf' as const), file: fc.nat(), lone: fc.boolean() }),
  fc.record({ kind: fc.constant('indent' as const), file: fc.nat(), line: fc.nat({ max: 200 }), by: fc.constantFrom('  ', ' ', '\t', '-', '    ', '') }),
  fc.record({
    kind: fc.constant('special' as const),
    file: fc.nat(),
    at: position,
    text: fc.constantFrom(':', ': ', '- ', '[', ']', '{', '}', '&a ', '*a', '!', '|', '>', '#', '`', '"', "'", '%', '@', '---\n', '\n---\n', ':::', ':::x\n', '<', '\\', '\u2028', '\u{1F600}', '~', '='),
  }),
  fc.record({ kind: fc.constant('swap-lines' as const), file: fc.nat(), a: fc.nat({ max: 200 }), b: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('remove-file' as const), file: fc.nat() }),
);

const scenario = fc.record({
  base: fc.oneof(...bases.map((b, i) => ({ arbitrary: fc.constant(i), weight: b.weight }))),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

function splice(b: Buffer, at: number, remove: number, insert: Uint8Array | number[] = []): Buffer {
  const p = Math.min(at, b.length);
  return Buffer.concat([b.subarray(0, p), Buffer.from(insert), b.subarray(Math.min(b.length, p + remove))]);
}

function mapLines(b: Buffer, f: (lines: string[]) => string[]): Buffer {
  return Buffer.from(f(b.toString('latin1').split('\n')).join('\n'), 'latin1');
}

/** The files after the mutations (bytes, not text: the corruption may not be UTF-8). */
function mutate(files: Files, mutations: Mutation[]): Files {
  let out = files.map((f) => ({ ...f }));
  for (const m of mutations) {
    if (out.length === 0) break;
    const i = m.file % out.length;
    const b = out[i]!.bytes;
    const at = 'at' in m ? m.at % (b.length + 1) : 0;
    let next: Buffer;
    switch (m.kind) {
      case 'insert':
        next = splice(b, at, 0, m.bytes);
        break;
      case 'delete':
        next = splice(b, at, m.length);
        break;
      case 'truncate':
        next = b.subarray(0, at);
        break;
      case 'bad-utf8':
        next = splice(b, at, 0, m.bytes);
        break;
      case 'nul':
        next = splice(b, at, 0, [0]);
        break;
      case 'bom':
        next = Buffer.concat([Buffer.from(m.bytes), b]);
        break;
      case 'crlf':
        next = Buffer.from(b.toString('latin1').replace(/\n/g, m.lone ? '\r' : '\r\n'), 'latin1');
        break;
      case 'indent':
        next = mapLines(b, (lines) => lines.map((l, n) => (n === m.line % lines.length ? (m.by === '' ? l.replace(/^\s+/, '') : m.by + l) : l)));
        break;
      case 'special':
        next = splice(b, at, 0, Buffer.from(m.text, 'utf8'));
        break;
      case 'swap-lines':
        next = mapLines(b, (lines) => {
          const [x, y] = [m.a % lines.length, m.b % lines.length];
          [lines[x], lines[y]] = [lines[y]!, lines[x]!];
          return lines;
        });
        break;
      case 'remove-file':
        out = out.filter((_, k) => k !== i);
        continue;
    }
    out[i] = { path: out[i]!.path, bytes: next };
  }
  return out;
}

const scratch = tempDir('cs-train-fuzz-');
let counter = 0;
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeCurriculum(files: Files): string {
  const dir = join(scratch, `run-${counter++}`, 'curriculum');
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.bytes);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** What is wrong with one list of diagnostics: no file, positions below 1, unknown rules. */
function diagnosticProblems(list: { file: string; line: number; column: number; endLine: number; endColumn: number; rule: string; message: string }[]): string[] {
  return list.flatMap((d) => {
    const bad: string[] = [];
    if (!d.file) bad.push('no file');
    if (!(d.line >= 1 && d.column >= 1 && d.endLine >= 1 && d.endColumn >= 1)) bad.push(`position ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    if (!(d.rule in catalog)) bad.push(`unknown rule ${d.rule}`);
    if (!d.message || /\bundefined\b|\[object Object\]/.test(d.message)) bad.push(`message ${JSON.stringify(d.message)}`);
    return bad.map((b) => `${d.file}:${d.line}:${d.column} [${d.rule}] ${b}`);
  });
}

const reproduce = `reproduce with CS_TRAIN_FUZZ_SEED=${SEED}`;

describe(`corrupted curricula never crash or hang \`check\` (seed ${SEED})`, () => {
  it(`in process: ${IN_PROCESS_RUNS} random corruptions of ${bases.map((b) => b.name).join(', ')}`, () => {
    fc.assert(
      fc.property(scenario, ({ base, mutations }) => {
        const dir = writeCurriculum(mutate(bases[base]!.files, mutations));
        const started = performance.now();
        const { diagnostics } = compileCurriculum(dir, ROOT);
        const list = diagnostics.list();
        for (const format of ['text', 'json', 'github'] as const) formatDiagnostics(diagnostics, format);
        const seconds = (performance.now() - started) / 1000;
        expect(diagnosticProblems(list), reproduce).toEqual([]);
        expect(seconds, `${reproduce}: one check took ${seconds.toFixed(1)} s`).toBeLessThan(10);
        rmSync(dirname(dir), { recursive: true, force: true });
      }),
      { seed: SEED, numRuns: IN_PROCESS_RUNS, endOnFailure: true },
    );
  }, 120_000);

  it(`rendering: ${RENDER_RUNS} corruptions that still check clean render every output without throwing`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ base, mutations }) => {
        const dir = writeCurriculum(mutate(bases[base]!.files, mutations));
        const { model, diagnostics } = compileCurriculum(dir, ROOT);
        if (diagnostics.errorCount === 0) {
          const files = await renderAll(model, diagnostics, { outDir: join(dirname(dir), 'dist'), pdf: false });
          expect(files.length, reproduce).toBeGreaterThan(0);
        }
        rmSync(dirname(dir), { recursive: true, force: true });
      }),
      { seed: SEED + 2, numRuns: RENDER_RUNS, endOnFailure: true },
    );
  }, 120_000);

  it(`through the CLI: ${CLI_RUNS} corruptions, exit 0 or 1, JSON diagnostics with positions, no stack trace`, () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ base, mutations }, json) => {
        const dir = writeCurriculum(mutate(bases[base]!.files, mutations));
        const r = runCliTimed(['check', dir, '--no-cache', '--format', json ? 'json' : 'text'], { timeoutMs: 30_000 });
        expect(r.timedOut, `${reproduce}: check did not finish in 30 s`).toBe(false);
        expect(crashLines(r.stderr), reproduce).toEqual([]);
        expect(crashLines(r.stdout), reproduce).toEqual([]);
        expect([0, 1], `${reproduce}: exit ${r.status}\n${r.stderr.slice(-1000)}`).toContain(r.status);
        if (json) expect(diagnosticProblems(JSON.parse(r.stdout)), reproduce).toEqual([]);
        rmSync(dirname(dir), { recursive: true, force: true });
      }),
      { seed: SEED + 1, numRuns: CLI_RUNS, endOnFailure: true },
    );
  }, 120_000);
});
