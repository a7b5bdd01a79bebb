// Collects every problem of a run, one VFile per source file, so stages can keep going after an error
// and the CLI can print all of them once, in a stable order, through a reporter.
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { catalog, type RuleId, type Severity } from './catalog.js';

/** A 1-based span in a source file (columns in UTF-16 code units, as editors count them). */
export interface Place {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** One reported problem, flattened for reporters and tests. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
}

/** Messages of some files, taken from one run to be added to another (`since`, `absorb`). */
export type ReportedPart = { path: string; messages: VFileMessage[]; text?: string | { readonly text: string } }[];

/** The per-run collection of VFiles and their messages. */
export class Diagnostics {
  private readonly files = new Map<string, VFile>();
  /** Each source file's text, or the source that reads it when a code frame or a place first needs it. */
  private readonly texts = new Map<string, string | { readonly text: string }>();

  /** The VFile for a source path (relative to the working directory), created on first use; `text` as for `source`. */
  file(path: string, text?: string | { readonly text: string }): VFile {
    if (text !== undefined) this.source(path, text);
    let file = this.files.get(path);
    if (!file) {
      file = new VFile({ path });
      this.files.set(path, file);
    }
    return file;
  }

  /**
   * Register the text of a source file: the text itself, or a source whose `text` reads it on first
   * need (a file known unchanged is not read unless a diagnostic points into it). The first text given stays.
   */
  source(path: string, text: string | { readonly text: string }): void {
    const known = this.texts.get(path);
    if (known === undefined || known === '') this.texts.set(path, text);
  }

  /** Report a problem at a place; severity defaults to the rule's catalog severity. */
  report(path: string, rule: RuleId, reason: string, place?: Place, severity?: Severity): void {
    const file = this.file(path);
    const start = place ? { line: place.line, column: place.column } : { line: 1, column: 1 };
    const end = place && place.endLine ? { line: place.endLine, column: place.endColumn ?? place.column } : start;
    const message = file.message(reason, { place: { start, end }, ruleId: rule, source: 'cs-train' });
    message.fatal = (severity ?? catalog[rule].severity) === 'error';
  }

  /** Every message, sorted by file, line, column and rule. */
  list(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const file of this.files.values()) {
      for (const m of file.messages) out.push(flatten(file, m));
    }
    return out.sort(
      (a, b) =>
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
    );
  }

  /** The source text of a file, for code frames. */
  text(path: string): string {
    const known = this.texts.get(path);
    if (typeof known !== 'object') return known ?? '';
    const text = known.text;
    this.texts.set(path, text);
    return text;
  }

  /** How many errors were reported so far. */
  get errorCount(): number {
    return this.count(true);
  }

  /** How many warnings were reported so far. */
  get warningCount(): number {
    return this.count(false);
  }

  /** How many messages each file has so far: a mark for `since`. */
  mark(): Map<string, number> {
    return new Map([...this.files].map(([path, file]) => [path, file.messages.length]));
  }

  /** The messages reported after `mark`, by file, with the text each file was registered with. */
  since(mark: ReadonlyMap<string, number>): ReportedPart {
    const out: ReportedPart = [];
    for (const [path, file] of this.files) {
      const messages = file.messages.slice(mark.get(path) ?? 0);
      if (messages.length > 0) out.push({ path, messages, text: this.texts.get(path) });
    }
    return out;
  }

  /** Add messages taken by `since` from another run (the messages are shared, not copied: they are never changed). */
  absorb(part: ReportedPart): void {
    for (const { path, messages, text } of part) this.file(path, text).messages.push(...messages);
  }

  /** Messages with the given fatality, counted without flattening or sorting. */
  private count(fatal: boolean): number {
    let n = 0;
    for (const file of this.files.values()) for (const m of file.messages) if (Boolean(m.fatal) === fatal) n++;
    return n;
  }
}

function flatten(file: VFile, m: VFileMessage): Diagnostic {
  const line = m.place && 'start' in m.place ? m.place.start.line : (m.line ?? 1);
  const column = m.place && 'start' in m.place ? m.place.start.column : (m.column ?? 1);
  const endLine = m.place && 'end' in m.place ? m.place.end.line : line;
  const endColumn = m.place && 'end' in m.place ? m.place.end.column : column;
  return {
    file: file.path,
    line,
    column,
    endLine,
    endColumn,
    severity: m.fatal ? 'error' : 'warning',
    rule: m.ruleId ?? 'unknown',
    message: m.reason,
  };
}
