// Spreads the parsing of many session texts over worker threads (one per core) and collects the
// encoded results. Any failure of the pool only means fewer results: the main thread parses the rest.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../util/idle-cores.js';

/** One session text to parse, with its cache key and the path used in (discarded) diagnostics. */
export interface ParseItem {
  key: string;
  path: string;
  text: string;
}

/** A batch sent to a worker. */
export interface ParseBatch {
  id: number;
  items: ParseItem[];
}

/**
 * A worker's answer for one item: the encoded entry (UTF-8), or, when the worker wrote it to the
 * cache folder, its head line; neither when the file has problems.
 */
export interface ParseResult {
  key: string;
  entry?: Uint8Array;
  head?: string;
}

const BATCH = 24;

/** Parse `items` on `workers` threads; resolves with every result that came back. */
export async function parseInWorkers(items: ParseItem[], workers: number, cacheDir: string | undefined): Promise<ParseResult[]> {
  const script = workerScript(import.meta.url, './parse-worker.js');
  if (!script || items.length === 0 || workers < 1) return [];
  const batches: ParseBatch[] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push({ id: batches.length, items: items.slice(i, i + BATCH) });
  const results: ParseResult[] = [];
  const runOne = (worker: Worker) =>
    new Promise<void>((done) => {
      const next = () => {
        const batch = batches.shift();
        if (batch) worker.postMessage(batch);
        else done();
      };
      worker.on('message', (message: { results: ParseResult[] }) => {
        results.push(...message.results);
        next();
      });
      worker.on('error', () => done());
      worker.on('exit', () => done());
      next();
    });
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(script, { workerData: { cacheDir } }));
  try {
    await Promise.all(pool.map(runOne));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
