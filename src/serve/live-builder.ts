// The build loop of `cs-train serve`: one build at a time, edits during a build queue exactly one
// more, and a build that fails leaves the served folder as it was. Each build is a full compile and
// render in memory (fast: no PDF), and the folder is swapped only when some file's bytes changed, so
// pages reload only when what they show changed.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { renderAll } from '../build.js';
import { compileCurriculum } from '../compile.js';
import { hintFor } from '../diagnostics/catalog.js';
import type { Diagnostic, Diagnostics } from '../diagnostics/diagnostics.js';
import { emitFiles } from '../emit/emit.js';

/** What the served build is limited to, as with `build`. */
export interface LiveBuildOptions {
  sourceDir: string;
  outDir: string;
  only?: string[];
  roles?: string[];
  programs?: string[];
}

/** The outcome of one build. */
export interface BuildReport {
  ok: boolean;
  /** Output paths whose bytes changed or appeared, and those that disappeared. */
  changed: string[];
  removed: string[];
  /** Whether this is the first good build (open pages show a placeholder until then). */
  first: boolean;
  fileCount: number;
  milliseconds: number;
  diagnostics?: Diagnostics;
  /** A failure that is not a diagnostic (a bug, a folder that cannot be written). */
  internal?: string;
}

/** Builds on request, one at a time. */
export class LiveBuilder {
  private hashes: Map<string, string> | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly options: LiveBuildOptions,
    private readonly onReport: (report: BuildReport) => void,
    private readonly debounceMs = 80,
  ) {}

  /** Build after the edits have settled for a moment. */
  schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.debounceMs);
  }

  /** Build now, or once more right after the build in progress. */
  run(): Promise<void> {
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Stop scheduling and wait for a build in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.pending = false;
      this.onReport(await this.buildOnce());
    } while (this.pending && !this.stopped);
  }

  private async buildOnce(): Promise<BuildReport> {
    const started = performance.now();
    const report = (r: Omit<BuildReport, 'milliseconds' | 'first'>): BuildReport => ({ ...r, first: false, milliseconds: Math.round(performance.now() - started) });
    const o = this.options;
    let diagnostics: Diagnostics | undefined;
    try {
      const compiled = compileCurriculum(o.sourceDir);
      diagnostics = compiled.diagnostics;
      if (diagnostics.errorCount > 0) return report({ ok: false, changed: [], removed: [], fileCount: 0, diagnostics });
      const missing = [
        ...(o.roles ?? []).filter((id) => !compiled.model.roles.some((r) => r.id === id)).map((id) => `role "${id}" (--role)`),
        ...(o.programs ?? []).filter((id) => !compiled.model.programs.some((p) => p.id === id)).map((id) => `programme "${id}" (--program)`),
      ];
      if (missing.length > 0) return report({ ok: false, changed: [], removed: [], fileCount: 0, diagnostics, internal: `There is no ${missing.join(' and no ')} any more.` });
      const files = await renderAll(compiled.model, diagnostics, { outDir: o.outDir, only: o.only, pdf: false, roles: o.roles, programs: o.programs });
      if (diagnostics.errorCount > 0) return report({ ok: false, changed: [], removed: [], fileCount: 0, diagnostics });
      const hashes = new Map(files.map((f) => [f.path, createHash('sha1').update(f.contents).digest('hex')]));
      const before = this.hashes;
      const changed = [...hashes].filter(([p, h]) => before?.get(p) !== h).map(([p]) => p);
      const removed = before ? [...before.keys()].filter((p) => !hashes.has(p)) : [];
      if (!before || changed.length > 0 || removed.length > 0) emitFiles(o.outDir, files);
      this.hashes = hashes;
      return { ...report({ ok: true, changed, removed, fileCount: files.length, diagnostics }), first: !before };
    } catch (error) {
      return report({ ok: false, changed: [], removed: [], fileCount: 0, diagnostics, internal: (error as Error).message });
    }
  }
}

/** The overlay's payload for a failed build: errors first, then warnings, each with its hint. */
export function failurePayload(report: BuildReport): { title: string; diagnostics: (Diagnostic & { hint?: string })[]; internal?: string } {
  const list = report.diagnostics?.list() ?? [];
  const errors = list.filter((d) => d.severity === 'error');
  const warnings = list.filter((d) => d.severity !== 'error');
  const title = errors.length > 0
    ? `Build failed: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`
    : 'Build failed';
  return {
    title,
    diagnostics: [...errors, ...warnings].slice(0, 100).map((d) => ({ ...d, hint: hintFor(d.rule) })),
    internal: report.internal,
  };
}
