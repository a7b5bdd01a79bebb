// The build daemon keeps sessions read from the cache in memory between builds, per cache folder:
// only for the folders used most recently, and never for a folder that has since been deleted, so
// that a daemon building many curricula (or copies of one) does not grow with each folder it met.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepSessionsResident, RESIDENT_FOLDERS, residentFolders, SessionCache } from '../../src/cache/session-cache.js';
import { tempDir } from '../helpers/cli.js';

describe('resident sessions', () => {
  it('are kept for the most recently used cache folders only, and not for deleted ones', () => {
    keepSessionsResident();
    const home = tempDir();
    const folders = ['a', 'b', 'c', 'd', 'e'].map((name) => join(home, name));
    for (const f of folders) mkdirSync(f);
    for (const f of folders) new SessionCache(f);
    expect(residentFolders()).toEqual(folders.slice(-RESIDENT_FOLDERS));
    // Using a folder again makes it the most recent one.
    new SessionCache(folders[2]);
    expect(residentFolders()).toEqual([folders[3], folders[4], folders[2]]);
    // A folder deleted since is let go at the next build, whichever folder it uses.
    rmSync(folders[3], { recursive: true });
    new SessionCache(folders[0]);
    expect(residentFolders()).toEqual([folders[4], folders[2], folders[0]]);
    rmSync(folders[4], { recursive: true });
    new SessionCache(folders[0]);
    expect(residentFolders()).toEqual([folders[2], folders[0]]);
  });
});
