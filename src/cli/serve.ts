// `cs-train serve [SOURCE]`: build, serve on 127.0.0.1, rebuild on every edit and reload open pages;
// a broken edit shows its diagnostics in the terminal and over the page, and the last good output stays.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pc } from '../util/colors.js';
import { checkOutputFolder, MARKER } from '../emit/emit.js';
import { forgetManifest } from '../emit/output-manifest.js';
import { BUILTIN_TEMPLATES } from '../render/templates.js';
import { DEFERRED_OUTPUTS, failurePayload, LiveBuilder, type BuildReport } from '../serve/live-builder.js';
import { startLiveServer, type LiveServer } from '../serve/server.js';
import { watchGitHead, watchSources } from '../serve/watch.js';
import { parseOnly } from './build.js';
import { DEFAULT_PORT } from './common.js';
import { asUsageError, checkSourceDateEpoch, EXIT, printDiagnostics, sourceFolder, status, UsageError } from './common.js';
import { cacheFolder, type CacheOptions } from '../cache/open-cache.js';
import { keepBetweenBuilds } from '../resident.js';

/** Port tried first; when it is taken, another free port is used. */
export { DEFAULT_PORT };

/** Options of `serve`. */
export interface ServeCliOptions extends CacheOptions {
  port?: string;
  host?: string;
  out?: string;
  only?: string;
  role?: string[];
  program?: string[];
}

/** Run `serve` until SIGINT or SIGTERM, then return the exit status. */
export async function runServe(source: string | undefined, options: ServeCliOptions): Promise<number> {
  const sourceDir = sourceFolder(source, 'serve');
  checkSourceDateEpoch();
  const only = parseOnly(options.only);
  // serve never prints PDFs; `--only pdf` would serve an empty site without saying why.
  if (only?.includes('pdf')) throw new UsageError('serve does not print PDFs; drop "pdf" from --only, and use `cs-train build --pdf` for them.');
  const port = parsePort(options.port);
  const host = options.host ?? '127.0.0.1';
  const temp = options.out ? undefined : mkdtempSync(join(tmpdir(), 'cs-train-serve-'));
  const outDir = options.out ? resolve(options.out) : join(temp!, 'site');
  const cacheDir = cacheFolder(sourceDir, options);
  const cleanup = () => {
    if (!temp) return;
    // The cache's record of the folder's files would outlive it: one more left behind by every session.
    if (cacheDir) forgetManifest(cacheDir, outDir);
    rmSync(temp, { recursive: true, force: true });
  };
  try {
    checkOutputFolder(outDir, sourceDir);
  } catch (error) {
    cleanup();
    throw asUsageError(error);
  }

  let stopping = false;
  const stopped = stopSignal().then(() => void (stopping = true));
  let server: LiveServer | undefined;
  let firstFailure: object | undefined;
  const announce = createAnnouncer();
  // A resident process, like the build daemon: sessions read back from the cache stay in memory between edits.
  keepBetweenBuilds();
  const builder = new LiveBuilder({ sourceDir, outDir, only, roles: options.role, programs: options.program, cacheDir }, (report) => {
    const failure = announce(report);
    if (!server) firstFailure = failure;
    else if (failure) server.publish({ event: 'failed', data: failure });
    else {
      server.publish({ event: 'ok', data: {} });
      if (report.changed.length + report.removed.length > 0) server.publish({ event: 'reload', data: { all: report.first, paths: [...report.changed, ...report.removed] } });
    }
  });
  await builder.run();
  if (stopping) {
    cleanup();
    return EXIT.ok;
  }
  try {
    server = await startLiveServer({ root: outDir, host, port, hasOutput: () => existsSync(join(outDir, MARKER)), failure: firstFailure });
  } catch (error) {
    cleanup();
    throw new UsageError(`Cannot serve on ${host}:${port}: ${(error as Error).message}`);
  }
  const parent = dirname(sourceDir);
  const watcher = await watchSources(
    { parent, roots: [sourceDir, join(parent, 'templates'), BUILTIN_TEMPLATES.replace(/[\\/]$/, '')], ignore: [outDir] },
    () => builder.schedule(),
  );
  // A commit moves the edition date the pages print, without any source file changing.
  const history = await watchGitHead(sourceDir, () => builder.schedule());
  if (server.portTaken) status(`Port ${server.portTaken} is in use; using another.`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') status(pc.yellow(`Serving on ${host}: other computers on the network can open these pages.`));
  status(`Serving ${options.out ?? outDir} at ${pc.bold(server.url)}`);
  status(`Watching ${relative(process.cwd(), sourceDir) || '.'} and templates; press Ctrl-C to stop.`);

  await stopped;
  await watcher.close();
  await history?.close();
  await builder.stop();
  await server.close();
  cleanup();
  status('Stopped.');
  return EXIT.ok;
}

/** A printer of build outcomes that does not repeat a failure identical to the one just printed. */
function createAnnouncer(): (report: BuildReport) => object | undefined {
  let lastFailure = '';
  return (report) => {
    const time = pc.dim(new Date().toTimeString().slice(0, 8));
    if (!report.ok) {
      const payload = failurePayload(report);
      const key = JSON.stringify(payload);
      if (key === lastFailure) {
        status(`${time} ${pc.red('Build failed')} with the same problems as above.`);
        return payload;
      }
      lastFailure = key;
      if (report.diagnostics && report.diagnostics.list().length > 0) printDiagnostics(report.diagnostics, 'text', false);
      if (report.internal) status(pc.red(`cs-train: ${report.internal}`));
      status(`${time} ${pc.red('Build failed')}; the pages keep showing the last good build.`);
      return payload;
    }
    lastFailure = '';
    if (report.diagnostics && report.diagnostics.list().length > 0) printDiagnostics(report.diagnostics, 'text', false);
    return announceSuccess(report, time);
  };
}

function announceSuccess(report: BuildReport, time: string): undefined {
  const n = report.changed.length + report.removed.length;
  const warnings = report.diagnostics?.warningCount ?? 0;
  const what = report.first ? `wrote ${report.fileCount} files` : n === 0 ? 'no output changed' : `${n} ${n === 1 ? 'file' : 'files'} changed`;
  const step = report.deferred ? `Rebuilt ${DEFERRED_OUTPUTS.join(', ')}` : report.following.length > 0 ? 'Rebuilt pages' : 'Built';
  const then = report.following.length > 0 ? `; ${report.following.join(', ')} follow` : '';
  status(`${time} ${step} in ${report.milliseconds} ms: ${what}; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}${then}.`);
  if (report.milliseconds > 3000 && !report.deferred && !report.first && !slowHintShown) {
    slowHintShown = true;
    status(pc.dim('Rebuilds are slow; `--only handbook` (or schedule, ...) and `--role <id>` limit them to what you are previewing.'));
  }
  return undefined;
}

let slowHintShown = false;

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${value}".`);
  return n;
}

/** Resolve on the first SIGINT or SIGTERM; a second one exits at once. */
function stopSignal(): Promise<void> {
  return new Promise((done) => {
    const first = () => {
      process.off('SIGINT', first);
      process.off('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      done();
    };
    process.on('SIGINT', first);
    process.on('SIGTERM', first);
  });
}
