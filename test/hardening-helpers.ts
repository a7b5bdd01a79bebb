// Checks for the hardening suite: every output file of a build, judged by its kind (HTML, CSV,
// iCalendar, GIFT, Markdown decks, JSON), each returning the list of problems found (empty = safe).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ICAL from 'ical.js';
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseDocument } from 'yaml';
import { BIN, ROOT } from './helpers/cli.js';

export { walkFiles } from './helpers/tree.js';

/** A CLI run with a hard time limit: status null and `timedOut` when it had to be killed. */
export function runCliTimed(args: string[], options: { cwd?: string; timeoutMs: number; env?: Record<string, string> }) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SOURCE_DATE_EPOCH: '1793491200', CS_TRAIN_PARSE_WORKERS: '0', ...options.env },
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' };
}

/** Lines of stderr that look like a stack trace or an internal error. */
export function crashLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^\s{2,}at /.test(l) || /internal error|Maximum call stack|heap out of memory|FATAL ERROR/i.test(l));
}

/** One tag of an HTML document, with its attributes (values entity-decoded) and raw-text content. */
export interface HtmlTag {
  name: string;
  attrs: [string, string][];
  text?: string;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext']);

/** Decode the character references a browser would decode in text and attribute values. */
export function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', tab: '\t', newline: '\n' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return named[body.toLowerCase()] ?? m;
  });
}

/** Tokenise HTML the way a browser's tokenizer splits tags, attributes, comments and raw text. */
export function scanHtml(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?' || html[lt + 1] === '/') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    const nameMatch = /^[a-zA-Z][^\s/>]*/.exec(html.slice(lt + 1, lt + 200));
    if (!nameMatch) {
      i = lt + 1;
      continue;
    }
    const tag: HtmlTag = { name: nameMatch[0].toLowerCase(), attrs: [] };
    let j = lt + 1 + nameMatch[0].length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === '>') break;
      const an = /^[^\s/>=]+/.exec(html.slice(j, j + 200))?.[0] ?? html[j]!;
      j += an.length;
      while (j < html.length && /\s/.test(html[j]!)) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (j < html.length && /\s/.test(html[j]!)) j++;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          value = html.slice(j + 1, end === -1 ? html.length : end);
          j = end === -1 ? html.length : end + 1;
        } else {
          const m = /^[^\s>]*/.exec(html.slice(j))![0];
          value = m;
          j += m.length;
        }
      }
      tag.attrs.push([an.toLowerCase(), decodeEntities(value)]);
    }
    i = j + 1;
    if (RAW_TEXT.has(tag.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
      tag.text = html.slice(i, close === -1 ? html.length : close);
      i = close === -1 ? html.length : close;
    }
    tags.push(tag);
  }
  return tags;
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'codebase', 'cite', 'longdesc', 'usemap', 'manifest', 'ping', 'srcdoc']);
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'portal', 'foreignobject']);

/** Whether a URL (as a browser would read it) runs code or loads a document. */
export function isDangerousUrl(value: string): boolean {
  const u = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  return /^(javascript|vbscript|livescript):/.test(u) || /^data:(text\/html|image\/svg|application\/(xhtml|xml)|text\/xml)/.test(u) || /(^|,)\s*(javascript|vbscript):/.test(u);
}

/** Problems of one HTML output: anything that could run code, and curriculum text in places that style or script. */
export function htmlProblems(html: string, markers: RegExp): string[] {
  const out: string[] = [];
  for (const tag of scanHtml(html)) {
    if (FORBIDDEN_TAGS.has(tag.name)) out.push(`<${tag.name}> element`);
    if (tag.name === 'meta' && tag.attrs.some(([n, v]) => n === 'http-equiv' && /refresh/i.test(v))) out.push('<meta http-equiv=refresh>');
    if (tag.name === 'style' && tag.text !== undefined) out.push(...cssProblems(tag.text, markers).map((p) => `<style> element: ${p}`));
    for (const [name, value] of tag.attrs) {
      if (/^on/.test(name)) out.push(`<${tag.name} ${name}=…> event handler`);
      if (URL_ATTRS.has(name) && isDangerousUrl(value)) out.push(`<${tag.name} ${name}="${value.slice(0, 40)}">`);
      if (name === 'style' && (markers.test(value) || /url\(|expression|javascript|behavior|@import/i.test(value))) out.push(`<${tag.name} style="${value.slice(0, 40)}">`);
    }
  }
  return out;
}

/**
 * Problems of CSS that may carry curriculum text: such text may appear only inside well-formed
 * string literals (a raw newline, CR or form feed ends a string early and lets the rest be read as
 * rules), and nothing may load or run anything.
 */
export function cssProblems(css: string, markers: RegExp): string[] {
  const out: string[] = [];
  let outside = '';
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 1;
      continue;
    }
    if (c !== '"' && c !== "'") {
      outside += c;
      continue;
    }
    let j = i + 1;
    for (; j < css.length && css[j] !== c; j++) {
      if (css[j] === '\\') j++;
      else if (/[\n\r\f]/.test(css[j]!)) {
        out.push(`a string broken by a raw line break: ${JSON.stringify(css.slice(i, j + 20))}`);
        break;
      }
    }
    i = j;
    outside += '""';
  }
  if (markers.test(outside)) out.push(`curriculum text outside a string: ${JSON.stringify(outside.slice(outside.search(markers) - 20, outside.search(markers) + 40))}`);
  if (/javascript:|expression\(|@import|behavior:|-moz-binding/i.test(outside)) out.push('CSS that loads or runs code');
  return out;
}

/** Problems of one CSV output: formula cells, rows of different lengths, or an unreadable file. */
export function csvProblems(text: string): string[] {
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: false, relax_quotes: false }) as string[][];
  } catch (error) {
    return [`does not parse as CSV: ${(error as Error).message}`];
  }
  const out: string[] = [];
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (/^[=+\-@\t\r]/.test(cell)) out.push(`row ${r + 1} column ${c + 1} starts with a formula character: ${JSON.stringify(cell.slice(0, 40))}`);
    }),
  );
  return out;
}

/** Every CSV cell of a file. */
export function csvCells(text: string): string[] {
  return (parseCsv(text, { bom: true }) as string[][]).flat();
}

/** Problems of one iCalendar output: line endings, folding at 75 octets, parsing, injected parts. */
export function icsProblems(text: string): string[] {
  const out: string[] = [];
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) out.push('a line ends without CRLF (a raw newline in a value?)');
  const lines = text.split('\r\n');
  lines.forEach((line, n) => {
    if (Buffer.byteLength(line, 'utf8') > 75) out.push(`line ${n + 1} is ${Buffer.byteLength(line, 'utf8')} octets (RFC 5545 folds at 75)`);
    if (/[\uD800-\uDFFF]/.test(line.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) out.push(`line ${n + 1} splits a character`);
  });
  try {
    const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
    if (cal.name !== 'vcalendar') out.push(`top component is ${cal.name}`);
    for (const p of cal.getAllProperties()) {
      if (!/^(version|prodid|calscale|method|name|x-wr-calname|x-wr-timezone|x-wr-caldesc|description|x-published-ttl|refresh-interval|source|color|url|timezone-id|last-modified)$/.test(p.name)) out.push(`unexpected calendar property ${p.name.toUpperCase()}`);
    }
    for (const ev of cal.getAllSubcomponents('vevent')) {
      if (String(ev.getFirstPropertyValue('summary') ?? '').trim() === 'INJECTED') out.push('an injected VEVENT');
    }
  } catch (error) {
    out.push(`does not parse with ical.js: ${(error as Error).message}`);
  }
  return out;
}

/** Text values (SUMMARY, LOCATION, DESCRIPTION, calendar names) of an iCalendar file, parsed. */
export function icsTexts(text: string): string[] {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const values = cal.getAllProperties().map((p) => String(p.getFirstValue()));
  for (const ev of cal.getAllSubcomponents('vevent')) {
    for (const name of ['summary', 'location', 'description']) {
      const v = ev.getFirstPropertyValue(name);
      if (v !== null && v !== undefined) values.push(String(v));
    }
  }
  return values;
}

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/**
 * Problems of one Markdown output (Marp decks, outlines): raw HTML other than comments, comments
 * that a text closes early, and a front matter that does not parse or carries unknown keys.
 */
export function markdownProblems(text: string): string[] {
  const out: string[] = [];
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text.replace(/\r\n/g, '\n'));
  if (fm) {
    const doc = parseDocument(fm[1]!, { uniqueKeys: true });
    if (doc.errors.length > 0) out.push(`front matter does not parse: ${doc.errors[0]!.message.split('\n')[0]}`);
    const data = doc.toJS() as Record<string, unknown> | null;
    const known = /^(marp|theme|style|headingDivider|lang|title|description|author|image|keywords|url|size|math|paginate|header|footer|class|backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|backgroundSize|color|transition)$/;
    for (const key of Object.keys(data ?? {})) if (!known.test(key)) out.push(`unexpected front matter key ${JSON.stringify(key)}`);
  }
  const tree = markdownParser.parse(text) as Root;
  visit(tree, 'html', (node) => {
    const v = node.value.trim();
    const comment = /^<!--[\s\S]*?-->$/.exec(v);
    if (!comment || v.indexOf('-->') !== v.length - 3) out.push(`raw HTML at line ${node.position?.start.line}: ${JSON.stringify(v.slice(0, 60))}`);
  });
  return out;
}

/** Read a file as UTF-8 text. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
