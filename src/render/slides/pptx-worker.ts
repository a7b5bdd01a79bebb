// A deck-writing worker: takes one deck at a time and answers with its PPTX bytes, written by the very
// function the main thread uses; a deck that fails here is answered empty and written there instead.
import { parentPort } from 'node:worker_threads';
import type { PptxAnswer, PptxJob } from './pptx-worker-pool.js';
import { writePptx } from './write-pptx.js';
import { releaseMemory } from '../../util/release-memory.js';

parentPort?.on('message', ({ id, job }: { id: number; job: PptxJob }) => {
  const parts = { reused: 0, deflated: 0 };
  writePptx(job.deck, job.noteLabel, job.date, { previous: job.previous, tally: parts }).then(
    (bytes) => {
      // Moved, not copied, when the bytes own their buffer (a small Buffer shares Node's pool).
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      parentPort?.postMessage({ id, bytes, parts } satisfies PptxAnswer, own ? [bytes.buffer as ArrayBuffer] : []);
      releaseMemory();
    },
    () => parentPort?.postMessage({ id } satisfies PptxAnswer),
  );
});
