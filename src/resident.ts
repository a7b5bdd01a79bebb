// What a resident process (the build daemon, `serve`) keeps in memory from one build to the next.
import { keepLongKeys } from './cache/output-cache.js';
import { keepSessionsResident } from './cache/session-cache.js';
import { keepCompiles } from './compile.js';

/** Keep the sessions read, the last compile of each folder and the keys of long inputs between builds (called once). */
export function keepBetweenBuilds(): void {
  keepSessionsResident();
  keepCompiles();
  keepLongKeys();
}
