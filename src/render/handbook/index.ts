// The `handbook` output: roles/<role>/handbook.html (learner edition) and trainer-guide.html per role,
// rendered through the overridable eta templates in templates/handbook/.
import { modelDigest } from '../../cache/model-digest.js';
import type { Curriculum, Role, Session } from '../../model/types.js';
import type { OutputFile, RenderContext, Renderer } from '../types.js';
import { releaseMemory } from '../../util/release-memory.js';
import { buildBook, inEdition, selectedRoles, type Book, type Edition } from './book-model.js';
import { BOOK, makeBook } from './book-splice.js';

/** Learner handbook and trainer guide of every selected role. */
export const handbook: Renderer = {
  name: 'handbook',
  async render(ctx) {
    // Each book goes to the output as soon as it is rendered: books of big curricula run to megabytes.
    await renderBooks(ctx, (file) => ctx.emit(file));
    return [];
  },
};

/**
 * The HTML of every book of the build, handed to `each` one by one or returned; the PDF output prints
 * these same pages. Between books, outputs rendering in the background (slides) get their turn.
 */
export async function renderBooks(ctx: RenderContext, each?: (file: OutputFile) => void): Promise<OutputFile[]> {
  const out: OutputFile[] = [];
  // Every role's book is laid out first (about 4 MB at 4,000 sessions), to count who prints each session.
  const learners = selectedRoles(ctx).map((role) => laidOut(ctx, role));
  const readers = printedBy(learners);
  for (const laidOut of learners) {
    const learner = { ...laidOut, readers };
    for (const book of [learner, inEdition(learner, 'trainer')]) {
      const input = bookInput(ctx, book);
      // An unchanged book stays as the previous output has it (only when written to the output, not for printing).
      if (each && ctx.reuse([book.page], BOOK, input)) continue;
      const key = ctx.memo.keyFor(BOOK, input);
      const file = { path: book.page, contents: ctx.memo.page(BOOK, input, () => makeBook(ctx, book, key, bookSettings(ctx, book))) };
      if (each) {
        each(file);
        releaseMemory();
      } else out.push(file);
      await new Promise((turn) => setImmediate(turn));
    }
  }
  return out;
}

/**
 * Each role's book as laid out for a model, by role and programme selection. A layout reads the
 * model but no session body (it refers to the sessions themselves), and a resident process keeps its
 * model while only bodies change (compile.ts): its next build lays out no book again.
 */
const layouts = new WeakMap<Curriculum, Map<string, Book>>();

function laidOut(ctx: RenderContext, role: Role): Book {
  let books = layouts.get(ctx.model);
  if (books === undefined) layouts.set(ctx.model, (books = new Map()));
  const key = JSON.stringify([role.id, ctx.programs ?? null]);
  let book = books.get(key);
  if (book === undefined) books.set(key, (book = buildBook(ctx, role, 'learner')));
  return book;
}

/** For each session, how many of `books` print it (the same in both editions). */
function printedBy(books: Book[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const book of books) for (const id of book.sessionAnchors.keys()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * Everything a book's page is made of: the templates may read any part of the model, so the key
 * covers all of it (bodies apart), plus the body of each session the book prints and the build's
 * settings. An edit to a session's text changes only the books that print it.
 */
function bookInput(ctx: RenderContext, book: Book): string {
  let editions = inputs.get(book.programs);
  if (editions === undefined) inputs.set(book.programs, (editions = new Map()));
  const made = editions.get(book.edition);
  const settings = JSON.stringify(bookSettings(ctx, book));
  if (made !== undefined && made.settings === settings && made.printed.every((s, i) => s.contentKey === made.contentKeys[i])) return made.input;
  const printed = made?.printed ?? book.programs.flatMap((c) => c.sessions.filter((e) => e.printed).map((e) => e.item));
  const contentKeys = printed.map((s) => s.contentKey);
  const input = `${settings.slice(0, -1)},${JSON.stringify(printed.map((s, i) => [s.id, contentKeys[i]]))}]`;
  editions.set(book.edition, { settings, printed, contentKeys, input });
  return input;
}

/**
 * Each book's input as last made, by layout and edition. While its settings and the bodies it prints
 * stay the same (a resident process keeps the model and its layouts, see \`laidOut\`), the input is
 * not made again but is the very same string, whose key the output cache then remembers too.
 */
interface MadeInput {
  settings: string;
  printed: Session[];
  contentKeys: string[];
  input: string;
}

const inputs = new WeakMap<Book['programs'], Map<Edition, MadeInput>>();

/** What a book reads besides its sessions' bodies: the model (bodies apart), its role and edition, and the build's settings. */
function bookSettings(ctx: RenderContext, book: Book): unknown[] {
  return [modelDigest(ctx.model), book.role.id, book.edition, ctx.editionDate ?? null, [...ctx.outputs].sort(), ctx.pdf, ctx.roles ?? null, ctx.programs ?? null];
}
