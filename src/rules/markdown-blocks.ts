// Session bodies: container blocks must be known and well-formed; local links and images must exist
// inside the source folder; raw HTML that could run code is flagged.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { Place } from '../diagnostics/diagnostics.js';
import type { Span } from '../markdown/body-facts.js';
import { BLOCK_NAMES } from '../markdown/parse.js';
import { didYouMean } from '../util/suggest.js';
import type { RuleContext, SourceRule } from './context.js';

/** The node's span, clipped to its first line so code frames underline something useful. */
function placeOf(at: Span | undefined, text: string): Place {
  if (!at) return { line: 1, column: 1 };
  const [line, column, endLine, endColumn] = at;
  if (line === endLine) return { line, column, endLine, endColumn };
  const lineText = text.split('\n')[line - 1] ?? '';
  const width = lineText.length - (column - 1);
  return { line, column, endLine: line, endColumn: column + Math.max(1, width) };
}

/** An attribute value wrapped in full-width or curly quotes (“…”, ＂…＂, ‘…’), without them; undefined for any other value. */
function unwrapped(value: string): string | undefined {
  return /^(?:“([^“”]*)”|＂([^＂]*)＂|‘([^‘’]*)’)$/u.exec(value)?.slice(1).find((v) => v !== undefined);
}

/** Unknown container names and bad block attributes. */
export const markdownBlocks: SourceRule = (ctx) => {
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      for (const block of s.facts.blocks) {
        if (!(BLOCK_NAMES as readonly string[]).includes(block.name)) {
          ctx.report(s.src.path, 'unknown-directive', `Unknown block ":::${block.name}".${didYouMean(block.name, BLOCK_NAMES)}`, placeOf(block.at, s.src.text));
          continue;
        }
        const known = block.name === 'activity' ? ['minutes', 'title'] : ['title'];
        for (const name of block.attributes ?? []) {
          if (known.includes(name)) continue;
          const takes = known.map((k) => `"${k}"`).join(' and ');
          ctx.report(s.src.path, 'directive-attribute', `:::${block.name} has no attribute "${name}"${name === 'id' ? ' (#… in {…} sets an id)' : name === 'class' ? ' (.… in {…} sets a class)' : ''}; it takes ${takes}.${didYouMean(name, known)}`, placeOf(block.at, s.src.text));
        }
        const minutes = block.minutes;
        if (block.name === 'activity' && minutes !== undefined && minutes !== null && !/^\d+$/.test(minutes.trim())) {
          const unquoted = unwrapped(minutes);
          const message = unquoted !== undefined && /^\d+$/.test(unquoted.trim()) ? `:::activity minutes=${minutes} is typed in full-width quotes; write minutes=${unquoted.trim()}.` : `:::activity minutes="${minutes}" is not a whole number of minutes.`;
          ctx.report(s.src.path, 'directive-attribute', message, placeOf(block.at, s.src.text));
        }
        // title=“电话演练” is read as an unquoted value, quotes and all, and prints with them.
        const title = block.title === undefined ? undefined : unwrapped(block.title);
        if (title !== undefined && block.at && !/title\s*=\s*["']/.test(s.src.text.split('\n')[block.at[0] - 1] ?? '')) {
          ctx.report(s.src.path, 'full-width-quotes', `:::${block.name} title=${block.title} is typed in full-width quotes, which print as part of the title; write title="${title}".`, placeOf(block.at, s.src.text));
        }
      }
    }
  }
};

/**
 * The scheme of a URL that could run code or read the reader's own disk (javascript, vbscript, data,
 * file), lowercased, read as a browser reads it: control characters and spaces ignored.
 */
function unsafeScheme(url: string): string | undefined {
  return /^(javascript|vbscript|data|file):/i.exec(url.replace(/[\u0000-\u001f\s]/g, ''))?.[1]!.toLowerCase();
}

/** The kind of a link target: a local file, a web/mail link, or a dangerous scheme. */
export function classifyUrl(url: string): 'local' | 'anchor' | 'remote' | 'unsafe' | 'absolute' {
  const u = url.trim();
  if (u === '' || u.startsWith('#')) return 'anchor';
  if (unsafeScheme(u)) return 'unsafe';
  if (/^[a-z][a-z0-9+.-]*:/i.test(u) && !/^[a-z]:[\\/]/i.test(u)) return 'remote';
  if (u.startsWith('//')) return 'remote';
  if (u.startsWith('/') || u.startsWith('\\') || /^[a-z]:[\\/]/i.test(u) || isAbsolute(u)) return 'absolute';
  return 'local';
}

/** Local links and images: present, inside the source folder, not absolute. */
export const localFiles: SourceRule = (ctx) => {
  const root = safeReal(ctx.sources.sourceDir) ?? ctx.sources.sourceDir;
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      for (const link of s.facts.urls) {
        const url = link.url;
        const kind = classifyUrl(url);
        const scheme = kind === 'unsafe' ? unsafeScheme(url) : undefined;
        if (scheme === 'file') {
          ctx.report(s.src.path, 'path-outside-source', `"${url.slice(0, 60)}" is a file: URL, which points at the reader's own disk; use a path relative to this file.`, placeOf(link.at, s.src.text));
          continue;
        }
        if (kind === 'unsafe') {
          const message =
            link.type === 'image'
              ? `Image "${url.slice(0, 60)}" is written into the page as a ${scheme}: URL, which is removed from the output; save the picture as a file beside the session and give its relative path.`
              : `Link to "${url.slice(0, 60)}" uses a scheme that can run code; it is removed from the output.`;
          ctx.report(s.src.path, 'unsafe-html', message, placeOf(link.at, s.src.text));
          continue;
        }
        if (kind === 'absolute') {
          ctx.report(s.src.path, 'path-outside-source', `"${url}" is an absolute path; use a path relative to this file.`, placeOf(link.at, s.src.text));
          continue;
        }
        if (kind !== 'local') continue;
        const target = localTarget(url).replace(/\\/g, '/');
        if (target === '') continue;
        const abs = resolve(dirname(s.src.abs), target);
        const lexical = resolve(ctx.sources.sourceDir);
        if (!(abs === lexical || abs.startsWith(lexical + sep))) {
          ctx.report(s.src.path, 'path-outside-source', `"${url}" points outside the source folder.`, placeOf(link.at, s.src.text));
          continue;
        }
        if (!existsSync(abs)) {
          const looked = besideSession(s.src.path, target);
          ctx.report(s.src.path, 'missing-file', `"${url}" does not exist: there is no file ${looked}.${sameNameElsewhere(abs, s.src.abs, s.src.path, lexical)}`, placeOf(link.at, s.src.text));
          continue;
        }
        const real = safeReal(abs);
        if (!real || !(real === root || real.startsWith(root + sep))) {
          ctx.report(s.src.path, 'path-outside-source', `"${url}" is a link to a place outside the source folder.`, placeOf(link.at, s.src.text));
        }
      }
    }
  }
};

/**
 * The usual slip behind a missing image: the file is next to the session, or in the source folder's
 * assets/, under another path than the link says. Names the path to write then.
 */
function sameNameElsewhere(missing: string, sessionFile: string, shownSession: string, sourceDir: string): string {
  const name = basename(missing);
  for (const candidate of [resolve(dirname(sessionFile), name), resolve(sourceDir, 'assets', name)]) {
    if (candidate !== missing && existsSync(candidate)) {
      const path = relative(dirname(sessionFile), candidate).split(sep).join('/');
      return ` A file of that name is at ${besideSession(shownSession, path)}: write "${path}".`;
    }
  }
  return '';
}

/** The path, as messages show it, of `rel` (a path written in a session) read from beside the session shown as `shownSession`. */
function besideSession(shownSession: string, rel: string): string {
  return posix.join(posix.dirname(shownSession.replace(/\\/g, '/')), rel);
}

/** The path part of a local URL, decoded, without query or fragment. */
export function localTarget(url: string): string {
  const bare = url.trim().split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function safeReal(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

const UNSAFE_HTML = /<\s*(script|iframe|object|embed|style|link|meta|base|form)\b|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html|<\s*svg\b/i;

/** Raw HTML is never passed through; the parts that could run code are named with a warning. */
export const unsafeHtml: SourceRule = (ctx) => {
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      for (const raw of s.facts.html) {
        if (UNSAFE_HTML.test(raw.value)) {
          ctx.report(s.src.path, 'unsafe-html', `Raw HTML "${raw.value.slice(0, 40).replace(/\s+/g, ' ')}…" can run code; it is removed from every output.`, placeOf(raw.at, s.src.text));
        }
      }
    }
  }
};

export type { RuleContext };
