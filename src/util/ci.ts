// Whether this process runs in continuous integration, where nobody watches the terminal.

/** `CI` set to anything but empty, `0` or `false` (GitHub Actions, GitLab CI, CircleCI, Travis and others set `CI=true`). */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
