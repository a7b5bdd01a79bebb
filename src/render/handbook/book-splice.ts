// Books made from a frame and pieces. A book is its frame (cover, contents, timetables, session
// headers: everything but the bodies) with each printed session's HTML inserted verbatim, so an edit
// to one body need not template 700 sessions again: a stored book from the same frame is read whole,
// and only the pieces whose sessions changed are replaced. The frame is keyed by all it reads apart
// from the bodies; a small layout record under that key names the book last stored from it (the
// base) and where each piece lies in it. This holds only for the built-in book templates, which print
// a body unchanged (`<%~ v.html %>`): with the curriculum's own, every book is templated whole.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { listFiles } from '../../util/list-files.js';
import { Derived } from '../../cache/output-cache.js';
import type { RenderContext } from '../types.js';
import type { Templates } from '../templates.js';
import type { Session } from '../../model/types.js';
import type { Book, Entry } from './book-model.js';
import { describeParts, renderBook, renderFrame } from './book-view.js';
import { describeSession, SESSION_HTML, sessionHtml, sessionTiming } from './session-view.js';

/** Kind of the output-cache pieces holding whole books. */
export const BOOK = 'handbook-book';
/** Kind of the layout records, keyed by a frame: the base book made from it, where its pieces lie. */
const LAYOUT = 'handbook-layout';
/** Counter kind: a frame reused (a book spliced into its base) or rendered (templated with marks). */
const FRAME = 'handbook-frame';
/** How many pieces a spliced book may differ from its base by before it is stored as the new base. */
const REBASE_AFTER = 24;
/** Lead of the mark standing for a body while the frame is rendered; a frame that holds it elsewhere (in a title) is templated whole. */
const MARK = '\u0000cs-train-session-body:';

/** Where the pieces lie in a book made from a frame. */
interface Layout {
  /** Output-cache key of the book. */
  book: string;
  /** Its size in bytes. */
  size: number;
  /** For each printed session in reading order: its content key, the key of its HTML piece, and the piece's bytes [start, end) in the book. */
  pieces: Piece[];
}

type Piece = [content: string, key: string, start: number, end: number];

/**
 * The page of `book`, whose key is `key`: spliced into the base made from the same frame when the
 * cache holds it, else assembled from the frame and every piece, else templated whole.
 */
export function makeBook(ctx: RenderContext, book: Book, key: string, settings: unknown[]): Uint8Array | string | Derived<Uint8Array> {
  if (!usesBuiltinBookTemplates(ctx.templates)) return renderBook(ctx, book);
  const printed = book.programs.flatMap((c) => c.sessions.filter((e) => e.printed));
  // All the frame reads: the model but bodies, the settings, and what it prints of each body: the
  // timing plan, which only the trainer guide shows (an edited :::activity leaves the learner's frame alone).
  const trainer = book.edition === 'trainer';
  const frameInput = JSON.stringify([...settings, printed.map((e) => [e.item.id, trainer ? sessionTiming(ctx, e.item) : null])]);
  return spliceBook(ctx, book, printed, frameInput, key) ?? assembleBook(ctx, book, frameInput, key);
}

/** The book from its frame, rendered with a mark for each body, and every piece; templated whole if the marks do not come back intact. */
function assembleBook(ctx: RenderContext, book: Book, frameInput: string, key: string): Uint8Array | string {
  const parts = describeParts(ctx, book);
  const frame = Buffer.from(renderFrame(ctx, book, parts, (_, i) => mark(i)), 'utf8');
  const marks = findMarks(frame, parts.length);
  if (!marks) return renderBook(ctx, book, parts);
  ctx.memo.tally(FRAME, false);
  // Each piece is encoded straight into the page, which is sized first: books run to megabytes.
  const keys: string[] = [];
  const texts = parts.map((part) => {
    const text = sessionHtml(ctx, part);
    // The same key as the one just computed to fetch the text (the cache remembers it).
    keys.push(ctx.memo.keyFor(SESSION_HTML, part.input));
    return text;
  });
  const sizes = texts.map((text) => Buffer.byteLength(text, 'utf8'));
  const size = sizes.reduce((n, s) => n + s, frame.length - marks.reduce((n, [start, end]) => n + end - start, 0));
  const page = Buffer.allocUnsafe(size);
  const layout: Layout = { book: key, size, pieces: [] };
  let at = 0;
  let from = 0;
  parts.forEach((part, i) => {
    const [start, end] = marks[i]!;
    at += frame.copy(page, at, from, start);
    layout.pieces.push([part.session.contentKey, keys[i]!, at, at + sizes[i]!]);
    at += page.write(texts[i]!, at, 'utf8');
    from = end;
  });
  frame.copy(page, at, from);
  ctx.memo.put(LAYOUT, frameInput, Buffer.from(JSON.stringify(layout), 'utf8'));
  return page;
}

/**
 * The book spliced into the base (the last book from the same frame kept whole in the cache), or
 * undefined when the cache does not hold that one intact. Within one frame a piece's input (the
 * session, the book's anchors and assets, the labels) changes only with the session's text: a piece
 * is fetched only where the content key differs from the one the layout records. The spliced book
 * is not stored: its uses keep the base, the layout and the pieces, from which it is made again at
 * the cost of a read. Once many pieces differ from the base, the book is stored and becomes the base.
 */
function spliceBook(ctx: RenderContext, book: Book, printed: Entry<Session>[], frameInput: string, key: string): Uint8Array | Derived<Uint8Array> | undefined {
  const previous = readLayout(ctx.memo.peek(ctx.memo.keyFor(LAYOUT, frameInput)), printed.length);
  const old = previous && ctx.memo.peek(previous.book);
  if (!previous || !old || old.length !== previous.size) return undefined;
  const chunks: Buffer[] = [];
  const layout: Layout = { book: key, size: 0, pieces: [] };
  let copied = 0;
  let shift = 0;
  let changed = 0;
  previous.pieces.forEach(([content, was, start, end], i) => {
    const { item, anchor } = printed[i]!;
    if (item.contentKey === content) {
      layout.pieces.push([content, was, start + shift, end + shift]);
      return;
    }
    const part = describeSession(ctx, book, item, anchor);
    const pieceKey = ctx.memo.keyFor(SESSION_HTML, part.input);
    const piece = Buffer.from(sessionHtml(ctx, part), 'utf8');
    chunks.push(old.subarray(copied, start), piece);
    layout.pieces.push([item.contentKey, pieceKey, start + shift, start + shift + piece.length]);
    shift += piece.length - (end - start);
    copied = end;
    changed++;
  });
  chunks.push(old.subarray(copied));
  layout.size = old.length + shift;
  const spliced = Buffer.concat(chunks, layout.size);
  ctx.memo.tally(FRAME, true);
  // The pieces kept from the base are parts of the new book as much as the new ones.
  ctx.memo.use(layout.pieces.map((p) => p[1]));
  if (changed > REBASE_AFTER) {
    ctx.memo.put(LAYOUT, frameInput, Buffer.from(JSON.stringify(layout), 'utf8'));
    return spliced;
  }
  ctx.memo.use([previous.book]);
  return new Derived(spliced);
}

/** A stored layout record for `count` pieces, when well-formed: ranges in order, inside the book. */
function readLayout(bytes: Buffer | undefined, count: number): Layout | undefined {
  if (!bytes) return undefined;
  let layout: Layout;
  try {
    layout = JSON.parse(bytes.toString('utf8')) as Layout;
  } catch {
    return undefined;
  }
  if (typeof layout?.book !== 'string' || !Number.isInteger(layout.size) || !Array.isArray(layout.pieces) || layout.pieces.length !== count) return undefined;
  let at = 0;
  for (const piece of layout.pieces) {
    const [content, key, start, end] = Array.isArray(piece) ? piece : [];
    if (typeof content !== 'string' || typeof key !== 'string' || !Number.isInteger(start) || !Number.isInteger(end) || start! < at || end! < start!) return undefined;
    at = end!;
  }
  return at <= layout.size ? layout : undefined;
}

/** The mark standing for the i-th body in a frame (exported for tests). */
export function mark(i: number): string {
  return `${MARK}${i}\u0000`;
}

/** The byte range of each of the `count` marks in the frame, or undefined unless each occurs once and in order (exported for tests). */
export function findMarks(frame: Buffer, count: number): [start: number, end: number][] | undefined {
  const lead = Buffer.from(MARK, 'utf8');
  const out: [number, number][] = [];
  let at = frame.indexOf(lead);
  for (let i = 0; i < count; i++) {
    const tail = Buffer.from(`${i}\u0000`, 'latin1');
    if (at < 0 || !frame.subarray(at + lead.length, at + lead.length + tail.length).equals(tail)) return undefined;
    out.push([at, at + lead.length + tail.length]);
    at = frame.indexOf(lead, at + lead.length + tail.length);
  }
  return at < 0 ? out : undefined;
}

const builtinOnly = new WeakMap<Templates, boolean>();

/** Whether the book is made of the built-in templates only: no override of `layout.eta` or of any file in `handbook/`. */
function usesBuiltinBookTemplates(templates: Templates): boolean {
  let known = builtinOnly.get(templates);
  if (known === undefined) {
    // dirs: the built-in folder first, then the curriculum's own.
    known = templates.dirs.slice(1).every((dir) => !existsSync(join(dir, 'layout.eta')) && !hasTemplates(join(dir, 'handbook')));
    builtinOnly.set(templates, known);
  }
  return known;
}

function hasTemplates(dir: string): boolean {
  try {
    return listFiles(dir, (name) => name.startsWith('.')).some((rel) => rel.endsWith('.eta'));
  } catch {
    return false;
  }
}
