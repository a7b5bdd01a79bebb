// Writes the PPTX decks the output cache lacks, while the renderer goes on building decks: once 16
// decks are waiting, on worker threads (one per core) when a core is idle, else on this thread. At
// most the decks the workers hold (2 each) and one more per worker wait in memory at a time, and
// the bytes do not depend on which thread wrote them.
import { forcedWorkers, workersForIdleCores } from '../../util/idle-cores.js';
import { PptxWorkerPool, type PendingDeck, type PptxJob } from './pptx-worker-pool.js';
import { writePptx } from './write-pptx.js';
import type { PartTally } from './zip-package.js';

export type { PptxJob } from './pptx-worker-pool.js';

/** Below this many decks to write, starting workers (≈ 0.3 s each) costs more than it saves. */
export const RENDER_WORKER_THRESHOLD = 16;

/** `CS_TRAIN_RENDER_WORKERS`: 0 never; N always N (tests); unset: decided by the idle cores. */
const RENDER_WORKERS_VARIABLE = 'CS_TRAIN_RENDER_WORKERS';

/** Decks asked for by the renderer, written here or on workers; `pace` after each request, `finish` at the end. */
export class PptxWriters {
  private waiting: PendingDeck[] = [];
  private mode: 'undecided' | 'here' | 'workers' = 'undecided';
  private pool: PptxWorkerPool | undefined;
  private here: Promise<void> = Promise.resolve();
  /** How many workers were started, and how many decks came back from them (for tests). */
  workers = 0;
  fromWorkers = 0;
  /** The parts of every deck written, on whichever thread: taken from the deck's previous file, or deflated. */
  readonly parts: PartTally = { reused: 0, deflated: 0 };

  /** The bytes of a deck, once `pace` or `finish` has had it written. */
  request(job: PptxJob): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      const deck = { job, resolve, reject };
      if (this.mode === 'workers') this.pool!.push(deck);
      else this.waiting.push(deck);
    });
  }

  /** Let the writing keep up with the requests: decide where to write once enough decks wait, then write or wait for room. */
  async pace(): Promise<void> {
    if (this.mode === 'undecided') {
      const forced = forcedWorkers(RENDER_WORKERS_VARIABLE);
      if (forced === undefined && this.waiting.length < RENDER_WORKER_THRESHOLD) return;
      this.decide(forced ?? workersForIdleCores());
    }
    if (this.mode === 'workers') await this.pool!.waitForRoom(this.workers);
    else await this.writeWaiting();
  }

  /** Write every deck still waiting; resolves when all are written. */
  async finish(): Promise<void> {
    if (this.mode === 'undecided') this.decide(forcedWorkers(RENDER_WORKERS_VARIABLE) ?? 0);
    if (this.mode === 'workers') {
      await this.pool!.close();
      this.fromWorkers = this.pool!.written;
    }
    await this.writeWaiting();
  }

  private decide(workers: number): void {
    this.workers = this.waiting.length === 0 ? 0 : workers;
    if (this.workers === 0) {
      this.mode = 'here';
      return;
    }
    this.mode = 'workers';
    this.pool = new PptxWorkerPool(this.workers, (deck) => this.writeHere(deck), this.parts);
    for (const deck of this.waiting.splice(0)) this.pool.push(deck);
  }

  private async writeWaiting(): Promise<void> {
    for (const deck of this.waiting.splice(0)) this.writeHere(deck);
    await this.here;
  }

  /** Write a deck on this thread, one after another. */
  private writeHere(deck: PendingDeck): void {
    const { job, resolve, reject } = deck;
    this.here = this.here.then(() => writePptx(job.deck, job.noteLabel, job.date, { previous: job.previous, tally: this.parts }).then(resolve, reject));
  }
}
