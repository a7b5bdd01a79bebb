// Worker threads that write PPTX decks. Each worker holds a few dozen decks and writes them in turn;
// new decks go to the worker holding the fewest. A deck whose worker fails (or a pool that cannot
// start) is given back to the caller.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/idle-cores.js';
import type { Deck } from './deck-types.js';
import type { PartTally } from './zip-package.js';

/** One deck to write, as sent to a worker: plain data only. */
export interface PptxJob {
  deck: Deck;
  noteLabel: string;
  date: string;
  /** The previous build's file at the deck's path (written by this very code): its unchanged parts are not deflated again. */
  previous?: Uint8Array;
}

/** A worker's answer: the bytes of deck `id` and how its parts were packed, or nothing when writing failed there. */
export interface PptxAnswer {
  id: number;
  bytes?: Uint8Array;
  parts?: PartTally;
}

/** A deck waiting for its bytes. */
export interface PendingDeck {
  job: PptxJob;
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
}

/**
 * Decks handed to each worker at a time. A worker takes its decks in turn without waiting for this
 * thread, which may be busy with a handbook for a while; but each deck held is in memory twice (here,
 * and copied into the worker's queue). At 4,000 sessions 16 decks raised a cold build's peak by about
 * 45 MB over 4 (medians of 6 runs: 424 and 377 MB), and 4 by about 7 MB over 2 (medians of 4 runs:
 * 338 and 331 MB), with no time difference beyond noise (phase 5 found 16 and 48 alike).
 */
const IN_FLIGHT = 2;

/**
 * Young generation of a worker (MB). A worker keeps little between decks (a deck's parts are typed
 * arrays, outside the V8 heap), so V8's default young generation of up to 48 MB only held garbage:
 * at 4,000 sessions, 8 MB cut the peak of a cold build by about 75 MB (two workers).
 */
const YOUNG_GENERATION_MB = 8;

/** Workers writing decks; `giveBack` receives every deck they could not write. */
export class PptxWorkerPool {
  /** Each live worker and the decks it holds, by message id, in the order sent. */
  private readonly workers = new Map<Worker, Map<number, PendingDeck>>();
  private readonly queue: PendingDeck[] = [];
  private waiters: (() => void)[] = [];
  private sent = 0;
  /** Decks that came back from a worker. */
  written = 0;

  constructor(
    count: number,
    private readonly giveBack: (deck: PendingDeck) => void,
    /** Where the parts of the decks written by the workers are counted. */
    private readonly parts?: PartTally,
  ) {
    const script = workerScript(import.meta.url, './pptx-worker.js');
    for (let i = 0; script && i < count; i++) {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      worker.on('message', (answer: PptxAnswer) => this.answered(worker, answer));
      worker.on('error', () => this.lost(worker));
      worker.on('exit', () => this.lost(worker));
      this.workers.set(worker, new Map());
    }
  }

  /** Queue a deck; it goes to the worker holding the fewest. */
  push(deck: PendingDeck): void {
    if (this.workers.size === 0) return this.giveBack(deck);
    this.queue.push(deck);
    this.dispatch();
  }

  /** Resolves once at most `most` decks wait beyond those the workers hold (so few decks sit in memory at a time). */
  async waitForRoom(most: number): Promise<void> {
    while (this.queue.length > most) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  /** Resolves when every queued deck is written (or given back), then stops the workers. */
  async close(): Promise<void> {
    while (this.queue.length > 0 || [...this.workers.values()].some((held) => held.size > 0)) await new Promise<void>((wake) => this.waiters.push(wake));
    const all = [...this.workers.keys()];
    this.workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let target: [Worker, Map<number, PendingDeck>] | undefined;
      for (const entry of this.workers) if (entry[1].size < IN_FLIGHT && (!target || entry[1].size < target[1].size)) target = entry;
      if (!target) return;
      const deck = this.queue.shift()!;
      const id = ++this.sent;
      target[1].set(id, deck);
      target[0].postMessage({ id, job: deck.job });
    }
  }

  private answered(worker: Worker, answer: PptxAnswer): void {
    const held = this.workers.get(worker);
    const deck = held?.get(answer.id);
    held?.delete(answer.id);
    if (deck && answer.bytes) {
      this.written++;
      if (this.parts && answer.parts) {
        this.parts.reused += answer.parts.reused;
        this.parts.deflated += answer.parts.deflated;
      }
      deck.resolve(answer.bytes);
    } else if (deck) this.giveBack(deck);
    this.dispatch();
    this.wake();
  }

  /** A worker died: its decks and, when no worker is left, every queued deck go back to the caller. */
  private lost(worker: Worker): void {
    const held = this.workers.get(worker);
    if (!held) return;
    this.workers.delete(worker);
    for (const deck of held.values()) this.giveBack(deck);
    if (this.workers.size === 0) this.queue.splice(0).forEach(this.giveBack);
    else this.dispatch();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
