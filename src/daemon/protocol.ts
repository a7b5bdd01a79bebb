// What the build daemon and its clients say to each other: one JSON object per line.
import type { Socket } from 'node:net';

/** A client's request. */
export type DaemonRequest =
  | { kind: 'status' }
  | { kind: 'stop' }
  | {
      kind: 'build';
      /** The command line after `cs-train`, e.g. ["build", "curricula", "-o", "site"]. */
      argv: string[];
      cwd: string;
      env: Record<string, string | undefined>;
      umask: number;
      /** Whether the client's terminal shows colours. */
      colors: boolean;
      /** When the client process started (its `performance.timeOrigin`, ms since 1970), for `CS_TRAIN_TIMINGS`. */
      started?: number;
    };

/** What the daemon tells about itself. */
export interface DaemonStatus {
  pid: number;
  root: string;
  started: string;
  builds: number;
  idleMinutes: number;
  rss: number;
  /** For a daemon launched after a build: `loading` while it loads that build's sources, then what it loaded. */
  warmed?: string;
}

/**
 * One line of the daemon's answer: a build request received (with the daemon's pid), output for the
 * client's stdout or stderr, the exit status, a refusal (the client builds itself), its status.
 */
export type DaemonReply = { accepted: number } | { out: string } | { err: string } | { exit: number } | { decline: string } | { status: DaemonStatus } | { stopped: true };

/** Send one message. */
export function send(socket: Socket, message: DaemonRequest | DaemonReply): void {
  socket.write(JSON.stringify(message) + '\n');
}

/** Send a last message and end the connection. */
export function sendLast(socket: Socket, message: DaemonReply): void {
  socket.end(JSON.stringify(message) + '\n');
}

/** Call `onMessage` with each line of `socket` parsed; a line that is not JSON ends the connection. */
export function readMessages<T>(socket: Socket, onMessage: (message: T) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let message: T;
      try {
        message = JSON.parse(line) as T;
      } catch {
        socket.destroy();
        return;
      }
      onMessage(message);
    }
  });
}
