// Runs in every test file: the temporary folders a file made are removed once its tests are done,
// so repeated runs do not fill the system's temporary folder.
import { afterAll } from 'vitest';
import { removeTempDirs } from './cli.js';

afterAll(removeTempDirs);

// Builds the tests start never go to a build daemon a developer may have running; the daemon's own
// tests clear this for the processes they start.
process.env.CS_TRAIN_NO_DAEMON = '1';
// Nor does a build a test runs start one (as it would in a terminal); the tests of that start set it.
process.env.CS_TRAIN_AUTO_DAEMON = '0';
