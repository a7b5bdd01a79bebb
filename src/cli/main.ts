// The commander program: one subcommand per file, loaded only when it runs; usage errors exit 2,
// source errors exit 1.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { asUsageError, DEFAULT_PORT, EXIT, UsageError } from './common.js';
import { limitHeapGrowth } from '../util/release-memory.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const formatOption = () => new Option('--format <format>', 'diagnostics format: text, json or github').default('text');
const collect = (value: string, previous: string[] = []) => {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  // An empty value (an unset shell variable, say) would otherwise select nothing: no handbooks at all.
  if (ids.length === 0) throw new InvalidArgumentError('It is empty; give an id, or leave the option out to build them all.');
  return [...previous, ...ids];
};
const cacheDirOption = () => new Option('--cache-dir <dir>', 'folder of the build cache: parsed sources and rendered pieces (default: .cs-train-cache beside the source folder)');
const noCacheOption = () => new Option('--no-cache', 'neither read nor write the build cache');

/** Build the commander program; actions set `process.exitCode`. */
export function createProgram(): Command {
  const program = new Command('cs-train')
    .description('Compile customer-service training curricula (Markdown + YAML) into handbooks, schedules, slides and exam papers.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run cs-train --help for usage)')
    .exitOverride();

  program
    .command('check')
    .description('validate the curriculum and report every problem; writes no output, only its build cache')
    .argument('[source]', 'curriculum folder', 'curricula')
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors')
    .addOption(cacheDirOption())
    .addOption(noCacheOption())
    .option('--no-daemon', 'check in this process even when a build daemon is running, and start none')
    .action(async (source: string, options) => {
      process.exitCode = await (await import('./check.js')).runCheck(source, options);
    });

  program
    .command('build')
    .description('check, then write handbooks, schedules, slides and papers to the output folder')
    .argument('[source]', 'curriculum folder', 'curricula')
    .option('-o, --out <dir>', 'output folder', 'dist')
    .option('--pdf', 'also print handbooks and guides to PDF with Chromium')
    .option('--only <outputs>', 'only these outputs (comma-separated)')
    .option('--role <id>', 'only this role (repeatable)', collect)
    .option('--program <id>', 'only this programme (repeatable)', collect)
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors')
    .addOption(cacheDirOption())
    .addOption(noCacheOption())
    .option('--no-daemon', 'build in this process even when a build daemon is running, and start none')
    .action(async (source: string, options) => {
      process.exitCode = await (await import('./build.js')).runBuild(source, options);
    });

  program
    .command('serve')
    .description('build, serve on 127.0.0.1 and rebuild on every edit, reloading open pages')
    .argument('[source]', 'curriculum folder', 'curricula')
    .option('--port <n>', `port to serve on (taken or 0: a free one; default ${DEFAULT_PORT})`)
    .option('--host <host>', 'address to serve on', '127.0.0.1')
    .option('-o, --out <dir>', 'build into this folder and keep it (default: a temporary folder)')
    .option('--only <outputs>', 'only these outputs (comma-separated)')
    .option('--role <id>', 'only this role (repeatable)', collect)
    .option('--program <id>', 'only this programme (repeatable)', collect)
    .addOption(cacheDirOption())
    .addOption(noCacheOption())
    .action(async (source: string, options) => {
      process.exitCode = await (await import('./serve.js')).runServe(source, options);
    });

  program
    .command('daemon')
    .description('start, stop or show a resident build process: while it runs, `build` and `check` hand their work to it and skip starting up (in a terminal, a build that finds none starts one)')
    .argument('<action>', 'start (in the background), stop, status, or run (in this terminal)')
    .option('--idle-minutes <n>', 'stop after this many minutes without a build (default 60)')
    .addOption(new Option('--warm <build>', 'run only: the build that launched the daemon, whose sources it loads at once').hideHelp())
    .action(async (action: string, options) => {
      process.exitCode = await (await import('./daemon.js')).runDaemonCommand(action, options);
    });

  program
    .command('init')
    .description('create a curriculum repository: an example curriculum, CI that checks and publishes, editor schemas')
    .argument('[dir]', 'folder of the new repository', '.')
    .option('--from <spec>', 'where the new repository installs cs-train from, when not from the npm registry: a git URL (git+https://host/cs-train.git#v1.0.0), a tarball URL or a local .tgz or folder')
    .action(async (dir: string, options: { from?: string }) => {
      process.exitCode = (await import('./init.js')).runInit(dir, options);
    });

  program
    .command('schema')
    .description('write JSON Schemas for editors and map them in .vscode/settings.json (VS Code YAML extension)')
    .argument('[dir]', 'repository folder', '.')
    .option('--source <folder>', 'curriculum folder, relative to DIR', 'curricula')
    .action(async (dir: string, options) => {
      process.exitCode = (await import('./schema.js')).runSchema(dir, options);
    });

  return program;
}

/** Run the CLI with argv; never lets a stack trace reach the user for bad input. */
export async function main(argv: string[]): Promise<void> {
  limitHeapGrowth();
  const program = createProgram();
  try {
    process.cwd();
  } catch {
    // The terminal's folder was deleted (or moved) under it: every relative path would fail.
    process.stderr.write('cs-train: the current folder no longer exists (it was deleted or moved); `cd` into a folder that exists and run the command again.\n');
    process.exitCode = EXIT.usage;
    return;
  }
  try {
    await program.parseAsync(argv);
  } catch (thrown) {
    const error = asUsageError(thrown);
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`cs-train: ${error.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const detail = process.env.CS_TRAIN_DEBUG ? (error as Error).stack : (error as Error).message;
    process.stderr.write(`cs-train: internal error: ${detail}\nThis is a bug in cs-train; please report it with the command you ran (set CS_TRAIN_DEBUG=1 for details).\n`);
    process.exitCode = EXIT.usage;
  }
}
