// The build loop of `cs-train serve`: one build at a time, edits during a build queue exactly one
// more, and a build that fails leaves the served folder as it was. A build (no PDF) goes through a
// staging folder as `build` does, but only the files whose bytes changed are written there and then
// moved into the served folder (unchanged files stay where they are, often without being read), so
// pages reload only when what they show changed. Slow outputs (slide decks) are rendered in a second pass, after the pages
// are up to date (their files are carried over meanwhile), and skipped while more edits are waiting.
import { performance } from 'node:perf_hooks';
import { buildsEverything, renderAll, type BuildOptions } from '../build.js';
import { compileCached, pruneAfterBuild } from '../cache/open-cache.js';
import { OutputCache } from '../cache/output-cache.js';
import type { SessionCache } from '../cache/session-cache.js';
import { hintFor } from '../diagnostics/catalog.js';
import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostics.js';
import { OutputStage } from '../emit/emit.js';
import type { Curriculum } from '../model/types.js';
import { renderers } from '../render/registry.js';

/** Outputs rendered in the second pass because they are slow. */
export const DEFERRED_OUTPUTS = ['slides'];

/** What the served build is limited to, as with `build`. */
export interface LiveBuildOptions {
  sourceDir: string;
  outDir: string;
  only?: string[];
  roles?: string[];
  programs?: string[];
  /** The build cache folder (parsed sessions, rendered pieces); undefined with `--no-cache`. */
  cacheDir?: string;
}

/** The outcome of one pass. */
export interface BuildReport {
  ok: boolean;
  /** Output paths whose bytes changed or appeared, and those that disappeared. */
  changed: string[];
  removed: string[];
  /** Whether this is the first good build (open pages show a placeholder until then). */
  first: boolean;
  /** Outputs still to be rendered by a second pass (their previous files are served meanwhile). */
  following: string[];
  /** Whether this is the second pass. */
  deferred: boolean;
  fileCount: number;
  milliseconds: number;
  diagnostics?: Diagnostics;
  /** A failure that is not a diagnostic (a bug, a folder that cannot be written). */
  internal?: string;
}

type Pass = { report: BuildReport; later?: () => Promise<BuildReport> };

/** Builds on request, one at a time. */
export class LiveBuilder {
  /** Paths of the files of the fast outputs (pages) and of the slow ones (decks) in the served folder; undefined before the first good build. */
  private pages: Set<string> | undefined;
  private slow: Set<string> | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The caches of the build in progress: the clean-up after its last pass needs what every pass used. */
  private cycle: { sessions: SessionCache; outputs: OutputCache[] } | undefined;

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
      const pass = await this.buildPages();
      this.onReport(pass.report);
      if (pass.later && !this.pending && !this.stopped) this.onReport(await pass.later());
    } while (this.pending && !this.stopped);
  }

  private async buildPages(): Promise<Pass> {
    const started = performance.now();
    const o = this.options;
    let diagnostics: Diagnostics | undefined;
    try {
      const compiled = await compileCached(o.sourceDir, { cacheDir: o.cacheDir, cache: o.cacheDir !== undefined });
      this.cycle = { sessions: compiled.cache, outputs: [] };
      diagnostics = compiled.diagnostics;
      const model = compiled.model;
      if (diagnostics.errorCount > 0) return { report: failed(started, diagnostics) };
      const missing = [
        ...(o.roles ?? []).filter((id) => !model.roles.some((r) => r.id === id)).map((id) => `role "${id}" (--role)`),
        ...(o.programs ?? []).filter((id) => !model.programs.some((p) => p.id === id)).map((id) => `programme "${id}" (--program)`),
      ];
      if (missing.length > 0) return { report: failed(started, diagnostics, `There is no ${missing.join(' and no ')} any more.`) };
      const slowNames = DEFERRED_OUTPUTS.filter((n) => !o.only || o.only.includes(n));
      const first = this.pages === undefined;
      if (slowNames.length === 0) {
        const all = await this.render(model, diagnostics, [], undefined, this.pages);
        if (!all) return { report: failed(started, diagnostics) };
        this.pages = all.made;
        this.slow = new Set();
        this.prune();
        return { report: report(started, diagnostics, first, all.changed, all.removed, all.count, [], false) };
      }
      const pages = await this.render(model, diagnostics, slowNames, this.slow, this.pages);
      if (!pages) return { report: failed(started, diagnostics) };
      this.pages = pages.made;
      if (first) {
        // The first build waits for the slow outputs too.
        const slow = await this.render(model, diagnostics, otherNames(slowNames), this.pages, undefined);
        if (!slow) return { report: failed(started, diagnostics) };
        this.slow = slow.made;
        this.prune();
        return { report: report(started, diagnostics, true, [...pages.changed, ...slow.changed], pages.removed, slow.count, [], false) };
      }
      return { report: report(started, diagnostics, false, pages.changed, pages.removed, pages.count, slowNames, false), later: () => this.buildSlow(model, slowNames) };
    } catch (error) {
      return { report: failed(started, diagnostics, (error as Error).message) };
    }
  }

  private async buildSlow(model: Curriculum, slowNames: string[]): Promise<BuildReport> {
    const started = performance.now();
    const diagnostics = new Diagnostics();
    try {
      const slow = await this.render(model, diagnostics, otherNames(slowNames), this.pages, this.slow);
      if (!slow) return { ...failed(started, diagnostics), deferred: true };
      this.slow = slow.made;
      this.prune();
      return report(started, diagnostics, false, slow.changed, slow.removed, slow.count, [], true);
    } catch (error) {
      return { ...failed(started, diagnostics, (error as Error).message), deferred: true };
    }
  }

  /** After the last pass of a build, as after `build`: drop the cache entries no output uses any more, once enough have piled up. */
  private prune(): void {
    if (this.cycle) pruneAfterBuild(this.cycle.sessions, this.cycle.outputs, { complete: buildsEverything(this.options), pdfs: false });
    this.cycle = undefined;
  }

  /**
   * Render every output but `skip` into a stage of the served folder, carry the files of `keep` (the
   * skipped outputs' files) over from it, and commit it; undefined (nothing changed) on errors.
   * `removed`: the files of `before` (what these outputs made last time) that they no longer make.
   */
  private async render(model: Curriculum, diagnostics: Diagnostics, skip: string[], keep: ReadonlySet<string> | undefined, before: ReadonlySet<string> | undefined): Promise<{ made: Set<string>; changed: string[]; removed: string[]; count: number } | undefined> {
    const o = this.options;
    // serve's folder is updated file by file: an edit costs what it changed, not a pass over every file.
    const stage = new OutputStage(o.outDir, o.cacheDir);
    try {
      const memo = new OutputCache(o.cacheDir);
      this.cycle?.outputs.push(memo);
      const options: BuildOptions = { outDir: o.outDir, only: o.only, pdf: false, roles: o.roles, programs: o.programs, skip, memo };
      await renderAll(model, diagnostics, options, stage);
      if (diagnostics.errorCount > 0) {
        stage.abort();
        return undefined;
      }
      const made = new Set(stage.paths);
      stage.carry(keep ?? []);
      stage.commit();
      return { made, changed: [...stage.written], removed: [...(before ?? [])].filter((p) => !made.has(p)), count: stage.count };
    } catch (error) {
      stage.abort();
      throw error;
    }
  }
}

/** The report of a good pass. */
function report(started: number, diagnostics: Diagnostics, first: boolean, changed: string[], removed: string[], fileCount: number, following: string[], deferred: boolean): BuildReport {
  const milliseconds = Math.round(performance.now() - started);
  return { ok: true, changed: [...new Set(changed)].sort(), removed: removed.sort(), first, following, deferred, fileCount, milliseconds, diagnostics };
}

function otherNames(names: string[]): string[] {
  return renderers.map((r) => r.name).filter((n) => !names.includes(n));
}

function failed(started: number, diagnostics?: Diagnostics, internal?: string): BuildReport {
  const milliseconds = Math.round(performance.now() - started);
  return { ok: false, changed: [], removed: [], first: false, following: [], deferred: false, fileCount: 0, milliseconds, diagnostics, internal };
}

/** The overlay's payload for a failed build: errors first, then warnings, each with its hint. */
export function failurePayload(report: BuildReport): { title: string; diagnostics: (Diagnostic & { hint?: string })[]; internal?: string } {
  const list = report.diagnostics?.list() ?? [];
  const errors = list.filter((d) => d.severity === 'error');
  const warnings = list.filter((d) => d.severity !== 'error');
  const title = errors.length > 0 ? `Build failed: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}` : 'Build failed';
  return {
    title,
    diagnostics: [...errors, ...warnings].slice(0, 100).map((d) => ({ ...d, hint: hintFor(d.rule) })),
    internal: report.internal,
  };
}
