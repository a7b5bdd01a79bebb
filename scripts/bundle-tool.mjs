// Bundles the compiled tool (lib/, from tsc) into a few files in lib/bundle/, which bin/cs-train.js
// runs. Node 20 has no compile cache, and importing the ~560 modules of lib/ and its dependencies one
// by one takes about 0.3 s of every command; one bundle loads in under 0.1 s. The bundle sits at the
// same depth as lib/<folder>/, so the paths the code finds from its own place (templates/, starter/,
// package.json, lib/ for the fingerprints) are the same in both; the two worker scripts are entries of
// their own, next to the chunks that start them. Packages loaded only for one output (PDF, `serve`)
// stay outside and are imported when that output is asked for.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}lib/bundle`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'lib/cli/main.js',
    'parse-worker': 'lib/load/parse-worker.js',
    'pptx-worker': 'lib/render/slides/pptx-worker.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunk-[hash]',
  // ical-timezones reads its zone files from beside its own code.
  external: ['puppeteer-core', 'chokidar', 'sirv', '@touch4it/ical-timezones'],
  // CommonJS dependencies call require() for Node's own modules; an ES bundle has no require of its own.
  banner: { js: "import { createRequire as __csTrainRequire } from 'node:module';\nconst require = __csTrainRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
