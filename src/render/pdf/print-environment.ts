// What a printed PDF depends on besides its page and the files the page loads: the browser that
// prints it and the fonts it can find. Both go into the key under which the PDF is kept in the build
// cache, so a cached PDF is the one this browser would print now; a browser upgrade or a font
// installed since prints every book afresh.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A digest naming the browser at `browserPath` (its file and its own version line) and the fonts installed. */
export function printEnvironment(browserPath: string): string {
  return createHash('sha256').update(browserIdentity(browserPath)).update('\0').update(fontIdentity()).digest('hex');
}

function browserIdentity(path: string): string {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    /* the path as given */
  }
  // Chrome on Windows prints nothing for --version; its file's size and time still change with each update.
  const version = process.platform === 'win32' ? '' : quietly(path, ['--version']);
  return JSON.stringify([real, stampOf(real), version]);
}

/**
 * The fonts fontconfig lists (file, version, style) and its configuration, where it is installed;
 * else the files in the usual font folders.
 */
function fontIdentity(): string {
  const listed = quietly('fc-list', ['--format', '%{file}|%{fontversion}|%{style}|%{family}\n']);
  if (listed) return `${listed.split('\n').sort().join('\n')}\n${fontConfiguration()}`;
  const folders =
    process.platform === 'win32'
      ? [join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'), join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts')]
      : ['/System/Library/Fonts', '/Library/Fonts', join(homedir(), 'Library', 'Fonts'), '/usr/share/fonts', join(homedir(), '.fonts')];
  return folders.map((dir) => `${dir}:${fileStamps(dir).join(',')}`).join('\n');
}

/**
 * The fontconfig files in effect and their bytes: an alias or preference set there (a user's
 * fonts.conf, FONTCONFIG_FILE) changes which installed font a family name of the stylesheets gets.
 * `fc-conflist` names them (`+ path: description`); without it, the files of the usual folders.
 */
function fontConfiguration(): string {
  const listed = quietly('fc-conflist', []);
  if (!listed) {
    const config = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
    const paths = [process.env.FONTCONFIG_FILE ?? '', ...(process.env.FONTCONFIG_PATH ?? '').split(delimiter), '/etc/fonts', join(config, 'fontconfig'), join(homedir(), '.fonts.conf')];
    return paths
      .filter((p) => p !== '')
      .map((p) => {
        let s;
        try {
          s = statSync(p, { throwIfNoEntry: false });
        } catch {
          return `${p}:unreadable`;
        }
        return `${p}:${s?.isFile() ? stampOf(p) : fileStamps(p).join(',')}`;
      })
      .join('\n');
  }
  const hash = createHash('sha256').update(listed);
  for (const line of listed.split('\n')) {
    if (!line.startsWith('+ ')) continue;
    const end = line.indexOf(': ', 2);
    try {
      hash.update('\0').update(readFileSync(line.slice(2, end < 0 ? undefined : end)));
    } catch {
      hash.update('\0unreadable');
    }
  }
  return hash.digest('hex');
}

/** Each file under `dir` with its size and modification time (fonts, fontconfig files), sorted. */
function fileStamps(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const file = join(e.parentPath, e.name);
        return `${file}:${stampOf(file)}`;
      })
      .sort();
  } catch {
    return [];
  }
}

/** A file's size and modification time, which change when it is replaced. */
function stampOf(file: string): string {
  const s = statSync(file, { throwIfNoEntry: false });
  return `${s?.size}:${s?.mtimeMs}`;
}

/** What `command` prints on stdout, or '' when it cannot be run or fails. */
function quietly(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'], windowsHide: true }).trim();
  } catch {
    return '';
  }
}
