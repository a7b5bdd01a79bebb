// A parse worker: takes batches of session texts, parses each exactly as the main thread would, and
// returns the encoded entry of every session that parsed cleanly or, with a disk cache, writes it there
// and returns its head line.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeEntry } from '../cache/entry-codec.js';
import { writeEntry } from '../cache/entry-files.js';
import { Diagnostics } from '../diagnostics/diagnostics.js';
import { releaseMemory } from '../util/release-memory.js';
import { cacheableParts, parseSessionText } from './parse-session.js';
import { lineStartsOf } from './source-text.js';
import type { ParseBatch, ParseResult } from './parse-worker-pool.js';

const cacheDir = (workerData as { cacheDir?: string } | undefined)?.cacheDir;
const encoder = new TextEncoder();

parentPort?.on('message', (batch: ParseBatch) => {
  const results: ParseResult[] = batch.items.map((item) => {
    const diagnostics = new Diagnostics();
    const src = { abs: '', path: item.path, text: item.text, lineStarts: lineStartsOf(item.text) };
    const parts = cacheableParts(parseSessionText(src, diagnostics), diagnostics.list().length === 0);
    if (!parts) return { key: item.key };
    const encoded = encodeEntry(item.key, parts);
    const entry = encoder.encode(encoded.entry);
    // An entry in the cache folder is read from there: only its head line goes to the main thread.
    return cacheDir !== undefined && writeEntry(cacheDir, item.key, entry) ? { key: item.key, head: encoded.head } : { key: item.key, entry };
  });
  // Each entry sent has a buffer of its own, moved (not copied) to the main thread.
  parentPort?.postMessage({ id: batch.id, results }, results.flatMap((r) => (r.entry ? [r.entry.buffer as ArrayBuffer] : [])));
  releaseMemory();
});
