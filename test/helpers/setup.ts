// Runs in every test file: the temporary folders a file made are removed once its tests are done,
// so repeated runs do not fill the system's temporary folder.
import { afterAll } from 'vitest';
import { removeTempDirs } from './cli.js';

afterAll(removeTempDirs);
