// Formats the collected diagnostics for people (text with code frames), for tools (json) and for
// GitHub Actions annotations (github).
import { pc } from '../util/colors.js';
import stringWidth from 'string-width';
import { hintFor } from './catalog.js';
import type { Diagnostic, Diagnostics } from './diagnostics.js';

/** The output formats of `--format`. */
export type ReportFormat = 'text' | 'json' | 'github';

/** Render every diagnostic in the chosen format; text includes code frames and a count line. */
export function formatDiagnostics(diagnostics: Diagnostics, format: ReportFormat): string {
  const list = diagnostics.list();
  if (format === 'json') return JSON.stringify(list.map(withHint), null, 2) + '\n';
  if (format === 'github') return list.map(githubLine).join('');
  return list.map((d) => textBlock(d, diagnostics.text(d.file))).join('');
}

/** A diagnostic with what to do about it, for tools that show it to people (a pull request's annotations). */
function withHint(d: Diagnostic): Diagnostic & { hint?: string } {
  const hint = hintFor(d.rule);
  return hint ? { ...d, hint } : d;
}

/** "2 errors, 1 warning" for the closing line. */
export function countLine(list: Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

function githubEscapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function githubEscapeProperty(s: string): string {
  return githubEscapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function githubLine(d: Diagnostic): string {
  const props = [
    `file=${githubEscapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `endLine=${d.endLine}`,
    `endColumn=${d.endColumn}`,
    `title=${githubEscapeProperty(`cs-train ${d.rule}`)}`,
  ].join(',');
  const hint = hintFor(d.rule);
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${props}::${githubEscapeData(`${d.message} [${d.rule}]${hint ? `\n${hint}` : ''}`)}\n`;
}

function textBlock(d: Diagnostic, source: string): string {
  const sev = d.severity === 'error' ? pc.red('error') : pc.yellow('warning');
  // A problem with no text to point into (a folder, a missing file, the browser) is named by its path alone.
  const where = source === '' && d.line === 1 && d.column === 1 ? d.file : `${d.file}:${d.line}:${d.column}`;
  let out = `${pc.bold(where)} ${sev} ${d.message} ${pc.dim(`[${d.rule}]`)}\n`;
  out += codeFrame(source, d);
  const hint = hintFor(d.rule);
  if (hint) out += `  ${pc.cyan('hint:')} ${hint}\n`;
  return out + '\n';
}

/** A code frame around the diagnostic's line, with the span underlined; CJK characters count double. */
export function codeFrame(source: string, d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  if (!source) return '';
  const lines = source.split('\n');
  const target = lines[d.line - 1];
  if (target === undefined) return '';
  const first = Math.max(1, d.line - 1);
  const lastLine = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const last = Math.max(d.line, Math.min(lastLine, d.line + 1));
  const gutter = String(last).length;
  let out = '';
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const mark = n === d.line ? pc.red('>') : ' ';
    out += `${mark} ${String(n).padStart(gutter)} | ${truncate(text)}\n`;
    if (n === d.line) {
      const before = (lines[n - 1] ?? '').slice(0, Math.max(0, d.column - 1)).replace(/\t/g, '  ');
      const endCol = d.endLine === d.line && d.endColumn > d.column ? d.endColumn : d.column + 1;
      const span = (lines[n - 1] ?? '').slice(d.column - 1, endCol - 1).replace(/\t/g, '  ');
      const pad = ' '.repeat(Math.min(stringWidth(before), 120));
      const carets = '^'.repeat(Math.max(1, Math.min(stringWidth(span), 120)));
      out += `  ${' '.repeat(gutter)} | ${pad}${pc.red(carets)}\n`;
    }
  }
  return out;
}

function truncate(s: string): string {
  return s.length > 160 ? s.slice(0, 157) + '…' : s;
}
