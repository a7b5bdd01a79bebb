// The colours of the CLI's messages. picocolors decides once, from this process's terminal and
// environment; a build the daemon runs for a client follows the client's terminal instead.
import picocolors from 'picocolors';
import type { Colors } from 'picocolors/types.js';

/** The palette messages are coloured with (live: `useColors` replaces it). */
export let pc: Colors = picocolors;

/** Colour messages (true), or not (false), whatever this process's own terminal is; undefined: decide as picocolors does. */
export function useColors(enabled: boolean | undefined): void {
  pc = enabled === undefined ? picocolors : picocolors.createColors(enabled);
}
