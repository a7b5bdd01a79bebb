// Runs `cs-train serve` as a child process and listens to its server-sent events, with bounded waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

/** A running `cs-train serve`. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Send a signal and wait for the exit status (bounded). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Wait until `check()` returns a value, polling; fail after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Start `cs-train serve ...args` in `cwd` and wait for the URL it prints; `env` adds to (or, with undefined, removes from) its environment. */
export async function startServe(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<ServeProcess> {
  const merged: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '1793491200', ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    cwd,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await waitFor(`the URL from cs-train serve (stderr so far: ${err})`, () => {
    if (child.exitCode !== null) throw new Error(`cs-train serve exited ${child.exitCode}: ${err}`);
    return /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(err)?.[1];
  }, 30_000);
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000));
      const result = await Promise.race([exited, timeout]);
      if (result === 'timeout') {
        child.kill('SIGKILL');
        throw new Error('cs-train serve did not stop within 10 s');
      }
      return result;
    },
  };
}

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** A connection to the event stream collecting every event. */
export interface EventStream {
  events: SseEvent[];
  /** Wait for the first event (after index `from`) matching `match`. */
  next(match: (e: SseEvent) => boolean, from?: number, ms?: number): Promise<SseEvent>;
  close(): void;
}

/** Open `url` as an event stream. */
export async function openEvents(url: string): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
  const events: SseEvent[] = [];
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      /* closed */
    }
  })();
  return {
    events,
    next: (match, from = 0, ms = 20_000) => waitFor('a matching server-sent event', () => events.slice(from).find(match), ms),
    close: () => abort.abort(),
  };
}
