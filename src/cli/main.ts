// The commander program: one subcommand per file; usage errors exit 2, source errors exit 1.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runBuild } from './build.js';
import { runCheck } from './check.js';
import { EXIT, UsageError } from './common.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const formatOption = () => new Option('--format <format>', 'diagnostics format: text, json or github').default('text');
const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** Build the commander program; actions set `process.exitCode`. */
export function createProgram(): Command {
  const program = new Command('cs-train')
    .description('Compile customer-service training curricula (Markdown + YAML) into handbooks, schedules, slides and exam papers.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError('(run cs-train --help for usage)')
    .exitOverride();

  program
    .command('check')
    .description('validate the curriculum and report every problem; writes nothing')
    .argument('[source]', 'curriculum folder', 'curricula')
    .addOption(formatOption())
    .option('--strict', 'treat warnings as errors')
    .action((source: string, options) => {
      process.exitCode = runCheck(source, options);
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
    .action(async (source: string, options) => {
      process.exitCode = await runBuild(source, options);
    });

  return program;
}

/** Run the CLI with argv; never lets a stack trace reach the user for bad input. */
export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
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
