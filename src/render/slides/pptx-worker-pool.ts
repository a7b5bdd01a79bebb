// Worker threads that write PPTX decks, one deck at a time each. Decks are handed out as workers
// become free; a deck whose worker fails (or a pool that cannot start) is given back to the caller.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../util/idle-cores.js';
import type { Deck } from './deck-types.js';

/** One deck to write, as sent to a worker: plain data only. */
export interface PptxJob {
  deck: Deck;
  noteLabel: string;
  date: string;
}

/** A worker's answer: the bytes of deck `id`, or nothing when writing failed there. */
export interface PptxAnswer {
  id: number;
  bytes?: Uint8Array;
}

/** A deck waiting for its bytes. */
export interface PendingDeck {
  job: PptxJob;
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
}

/** Workers writing decks; `giveBack` receives every deck they could not write. */
export class PptxWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly queue: PendingDeck[] = [];
  private readonly busy = new Map<Worker, PendingDeck>();
  private waiters: (() => void)[] = [];
  private sent = 0;
  /** Decks that came back from a worker. */
  written = 0;

  constructor(
    count: number,
    private readonly giveBack: (deck: PendingDeck) => void,
  ) {
    const script = workerScript(import.meta.url, './pptx-worker.js');
    for (let i = 0; script && i < count; i++) {
      const worker = new Worker(script);
      worker.on('message', (answer: PptxAnswer) => this.answered(worker, answer));
      worker.on('error', () => this.lost(worker));
      worker.on('exit', () => this.lost(worker));
      this.idle.push(worker);
    }
  }

  /** Queue a deck; it goes to the next free worker. */
  push(deck: PendingDeck): void {
    if (this.idle.length + this.busy.size === 0) return this.giveBack(deck);
    this.queue.push(deck);
    this.dispatch();
  }

  /** Resolves once at most `most` decks wait for a free worker (so few decks sit in memory at a time). */
  async waitForRoom(most: number): Promise<void> {
    while (this.queue.length > most) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  /** Resolves when every queued deck is written (or given back), then stops the workers. */
  async close(): Promise<void> {
    while (this.queue.length > 0 || this.busy.size > 0) await new Promise<void>((wake) => this.waiters.push(wake));
    const all = [...this.idle];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const deck = this.queue.shift()!;
      this.busy.set(worker, deck);
      worker.postMessage({ id: ++this.sent, job: deck.job });
    }
  }

  private answered(worker: Worker, answer: PptxAnswer): void {
    const deck = this.busy.get(worker);
    this.busy.delete(worker);
    if (deck && answer.bytes) {
      this.written++;
      deck.resolve(answer.bytes);
    } else if (deck) this.giveBack(deck);
    this.idle.push(worker);
    this.dispatch();
    this.wake();
  }

  /** A worker died: its deck and, when none is left, every queued deck go back to the caller. */
  private lost(worker: Worker): void {
    const deck = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (deck) this.giveBack(deck);
    if (this.idle.length + this.busy.size === 0) this.queue.splice(0).forEach(this.giveBack);
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
