// A daemon launched after a build (spawn.ts) loads that build's sources at once, as `check` would,
// so that the first build handed to it finds the sessions in memory and the model kept
// (compile.ts), instead of loading everything itself. It writes its cache, never the output folder.
import { modelDigest } from '../cache/model-digest.js';
import { compileCached, type CacheOptions } from '../cache/open-cache.js';
import { sourceFolder } from '../cli/common.js';
import { createProgram } from '../cli/main.js';
import type { WarmUp } from './spawn.js';

/** Load the sources of `warm`'s build in its folder; returns what was loaded, or why nothing was ("loaded …"). */
export async function warmUp(warm: WarmUp): Promise<string> {
  // The build's own command line, read by the very options of `build` and `check`, without running either.
  let target: { source: string | undefined; options: CacheOptions } | undefined;
  const program = createProgram();
  for (const command of program.commands) {
    if (command.name() === 'build' || command.name() === 'check') {
      command.action((source: string | undefined, options: CacheOptions) => void (target = { source, options }));
    }
  }
  const home = process.cwd();
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
    process.chdir(home);
  }
}
