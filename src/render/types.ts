// The one interface every output implements: a validated model in, files (path + contents) out.
// Only the emit stage touches the disk.
import type { OutputCache } from '../cache/output-cache.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { Labels } from '../i18n/labels.js';
import type { Curriculum } from '../model/types.js';
import type { Templates } from './templates.js';

/** A file to write, path relative to the output folder with forward slashes. */
export interface OutputFile {
  path: string;
  contents: string | Uint8Array;
  /**
   * Made from more than the piece it was reused under tells (a PDF whose page loaded web resources):
   * not recorded as made from it, so the next build makes it again instead of taking it over.
   */
  volatile?: boolean;
}

/** What renderers receive besides the model. */
export interface RenderContext {
  model: Curriculum;
  labels: Labels;
  templates: Templates;
  /** YYYY-MM-DD from SOURCE_DATE_EPOCH or the last commit; undefined when neither is known. */
  editionDate?: string;
  /** Warnings raised while rendering (slide overflow, …). */
  diagnostics: Diagnostics;
  /** Limit to these roles / programmes when given. */
  roles?: string[];
  programs?: string[];
  /** Whether PDF output was asked for. */
  pdf: boolean;
  /** Names of the outputs this build produces, so pages link only to files that exist. */
  outputs: ReadonlySet<string>;
  /** Rendered pieces keyed by their whole input: reused within the build and, with a cache folder, across builds. */
  memo: OutputCache;
  /**
   * Take `paths` over from the previous output when it holds them made from this very piece (the
   * output cache's `kind` and `input`), unread and unwritten; false: make them and `emit` them.
   * `paths` undefined: the files the previous output records as made from that piece, for pieces
   * whose paths are known only once made (a programme's schedule files).
   */
  reuse(paths: readonly string[] | undefined, kind: string, input: string): boolean;
  /** `reuse` for a piece whose key is known (recorded by an earlier build), with the files the previous output records as made from it. */
  reuseKey(kind: string, key: string): boolean;
  /**
   * The bytes of the previous output's file at `path` when this very build of the tool wrote it and it
   * is unchanged since (a base whose verified parts a file may reuse); undefined without an output
   * folder record (in-memory renders, `--no-cache`) or when it cannot vouch for the file.
   */
  previous(path: string): Uint8Array | undefined;
  /** Hand a finished file to the output at once instead of returning it, so large outputs are not all held in memory. */
  emit(file: OutputFile): void;
}

/** One output kind, selectable with `--only <name>`. */
export interface Renderer {
  name: string;
  /** Files this output produces; may be async (PDF). */
  render(ctx: RenderContext): OutputFile[] | Promise<OutputFile[]>;
  /**
   * Started before the other outputs and finished after them: most of its work is on worker threads,
   * which then run while this thread renders the rest (which yields between its large pieces).
   */
  background?: boolean;
}
