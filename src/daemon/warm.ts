// A daemon launched after a build (spawn.ts) loads that build's sources at once, as `check` would,
// so that the first build handed to it finds the sessions in memory and the model kept
// (compile.ts), instead of loading everything itself. It writes its cache, never the output folder.
// Then it builds the starter curriculum twice in a folder of its own, an edit between, so that the
// code a rebuild after an edit runs is compiled before the first build handed to it needs it.
import { appendFileSync, cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { modelDigest } from '../cache/model-digest.js';
import { compileCached, type CacheOptions } from '../cache/open-cache.js';
import { sourceFolder } from '../cli/common.js';
import { createProgram } from '../cli/main.js';
import { TOOL_ROOT } from './address.js';
import type { WarmUp } from './spawn.js';

/**
 * Load the sources of `warm`'s build in its folder, then exercise the renderers in the folder
 * `scratch` (in the daemon's private folder, this daemon's alone; none: no exercise) unless `busy`
 * says a build is waiting; returns what was loaded, or why nothing was ("loaded …").
 */
export async function warmUp(warm: WarmUp, scratch: string | undefined, busy: () => boolean): Promise<{ loaded: string; exercised?: number }> {
  const loaded = await load(warm);
  if (scratch === undefined || busy()) return { loaded };
  const began = performance.now();
  return (await exercise(scratch, busy)) ? { loaded, exercised: Math.round(performance.now() - began) } : { loaded };
}

/** Load the sources of `warm`'s build in its folder; returns what was loaded, or why nothing was. */
async function load(warm: WarmUp): Promise<string> {
  // The build's own command line, read by the very options of `build` and `check`, without running either.
  let target: { source: string | undefined; options: CacheOptions } | undefined;
  const program = createProgram();
  for (const command of program.commands) {
    if (command.name() === 'build' || command.name() === 'check') {
      command.action((source: string | undefined, options: CacheOptions) => void (target = { source, options }));
    }
  }
  const here = process.cwd();
  try {
    process.chdir(warm.cwd);
    await program.parseAsync(['node', 'cs-train', ...warm.argv]);
    if (!target) return 'loaded nothing (not a build or a check)';
    const dir = sourceFolder(target.source, 'check');
    const { model } = await compileCached(dir, target.options);
    // What the first build would otherwise do first, neither of which writes anything: load the
    // renderers' code, and digest the model (remembered per model, and the model is kept).
    await import('../cli/build.js');
    modelDigest(model);
    return `loaded the ${model.sessions.size} sessions of ${dir}`;
  } catch (error) {
    return `loaded nothing (${(error as Error).message})`;
  } finally {
    process.chdir(here);
  }
}

/**
 * Build the starter curriculum that `init` writes, then again after an edit to one session, in the
 * folder `dir` (made afresh, removed after), their messages dropped. The second build splices the
 * edit into the books and rewrites a day's deck, as a lead's rebuild does, so the first build handed
 * over runs that code compiled rather than cold: at 4,000 sessions its median fell by 0.04–0.17 s
 * in two runs of 5 rounds, for about 0.3 s of the daemon's time here. Stops early when a build is
 * waiting; a failure only leaves the code less warm.
 */
async function exercise(dir: string, busy: () => boolean): Promise<boolean> {
  const { main } = await import('../cli/main.js');
  const out = process.stdout.write;
  const err = process.stderr.write;
  const drop = (() => true) as typeof process.stdout.write;
  try {
    // Left by a daemon of this installation that was killed meanwhile.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { mode: 0o700 });
    const sources = join(dir, 'curricula');
    cpSync(join(TOOL_ROOT, 'starter', 'curricula'), sources, { recursive: true });
    const modules = join(sources, 'modules');
    const module = join(modules, readdirSync(modules).sort()[0]!);
    const session = join(module, readdirSync(module).filter((f) => f.endsWith('.md')).sort()[0]!);
    const build = async () => {
      process.exitCode = undefined;
      await main(['node', 'cs-train', 'build', sources, '--out', join(dir, 'out')]);
      return process.exitCode ?? 0;
    };
    process.stdout.write = drop;
    process.stderr.write = drop;
    if ((await build()) !== 0 || busy()) return false;
    appendFileSync(session, '\nOne more sentence, as a lead would add it.\n');
    return (await build()) === 0;
  } catch {
    return false; // the code is only less warm
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  }
}
