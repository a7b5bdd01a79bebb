// Asks git about the repository that holds a folder, without blocking this thread.
import { execFile } from 'node:child_process';

/** What `git ARGS` prints in `cwd`, trimmed; undefined when git is missing, fails (no repository) or prints nothing. */
export function gitOutput(args: readonly string[], cwd: string): Promise<string | undefined> {
  return new Promise((done) => {
    try {
      execFile('git', [...args], { cwd, encoding: 'utf8', windowsHide: true }, (error, stdout) => done(error ? undefined : stdout.trim() || undefined));
    } catch {
      done(undefined);
    }
  });
}
