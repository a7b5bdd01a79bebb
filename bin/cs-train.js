#!/usr/bin/env node
// Entry point: the compiled and bundled CLI lives in lib/bundle/ (built by `npm install` through the prepare script).
import('../lib/bundle/main.js').then((m) => m.main(process.argv)).catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('/lib/bundle/main.js')) {
    console.error('cs-train: the compiled tool is missing; run `npm install` (or `npm run build:tool`) first.');
  } else {
    console.error(`cs-train: internal error: ${error && error.stack ? error.stack : error}`);
  }
  process.exit(2);
});
