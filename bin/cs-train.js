#!/usr/bin/env node
// Entry point: the compiled and bundled CLI lives in lib/bundle/ (built by `npm install` through the prepare script).
// `cs-train build` and `check` first offer their work to a running build daemon (`cs-train daemon start`), through a small client that loads nothing else;
// in an interactive terminal, one that found no daemon starts one after it has built (client.ts: startDaemonAfterBuild).
// Node 22 and later keep the tool's compiled code between runs (a no-op on Node 20; see src/util/compile-cache.ts).
const cached = import('../lib/util/compile-cache.js').then((c) => c.enableCompileCache(), () => undefined);
const missing = (error) => error && error.code === 'ERR_MODULE_NOT_FOUND' && /\/lib\/(bundle\/main|daemon\/client)\.js/.test(String(error.message).replaceAll('\\', '/'));
const client = process.argv[2] === 'build' || process.argv[2] === 'check' ? import('../lib/daemon/client.js') : undefined;
(client ? client.then((c) => c.buildThroughDaemon(process.argv)) : Promise.resolve(false))
  .then((handled) => handled || cached.then(() => import('../lib/bundle/main.js')).then((m) => m.main(process.argv)).then(() => client?.then((c) => c.startDaemonAfterBuild(process.argv))))
  .catch((error) => {
    if (missing(error)) {
      console.error('cs-train: the compiled tool is missing; run `npm install` (or `npm run build:tool`) first.');
    } else {
      console.error(`cs-train: internal error: ${error && error.stack ? error.stack : error}`);
    }
    process.exit(2);
  });
