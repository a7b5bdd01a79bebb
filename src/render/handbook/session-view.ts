// One session as a book prints it: the body for the edition (trainer blocks removed for learners),
// links and images resolved against this page, and the facts shown in the session's header.
import { posix } from 'node:path';
import type { BodyFacts } from '../../markdown/body-facts.js';
import { sessionToHtml, type BlockLabels, type SessionHtmlOptions } from '../../markdown/to-html.js';
import type { Session } from '../../model/types.js';
import { classifyUrl, localTarget } from '../../rules/markdown-blocks.js';
import type { RenderContext } from '../types.js';
import { relativeLink } from '../view-helpers.js';
import type { Book } from './book-model.js';

/** An activity of a session and its minutes, for the trainer's timing plan. */
export interface TimedPart {
  title: string;
  minutes: number;
}

/** Everything the session template needs. */
export interface SessionView {
  session: Session;
  anchor: string;
  html: string;
  competencies: string[];
  timing: TimedPart[];
}

/** A printed session before its body's HTML is fetched: the piece's cache input, how to make it, and the facts its header shows. */
export interface SessionPart {
  session: Session;
  anchor: string;
  /** Input of the `handbook-session-html` piece: everything the conversion reads. */
  input: string;
  /** Convert the body (reads, and for a cached session decodes, the tree). */
  convert: () => string;
  /** How many books of the build ask for this HTML, when known (`Book.readers`). */
  readers?: number;
  competencies: string[];
  timing: TimedPart[];
}

/** Kind of the output-cache pieces holding a session body's HTML. */
export const SESSION_HTML = 'handbook-session-html';

/** Describe a printed session of a book without converting its body; its HTML is shared by every book that resolves its links alike. */
export function describeSession(ctx: RenderContext, book: Book, session: Session, anchor: string): SessionPart {
  const { model, labels } = ctx;
  const idPrefix = `${anchor}--`;
  const facts = bookFactsOf(session.facts);
  const resolve = (url: string, kind: 'link' | 'image') => resolveUrl(book, session, idPrefix, url, kind);
  const blockLabels: BlockLabels = {
    activity: labels.activity,
    script: labels.script,
    tip: labels.tip,
    warning: labels.warning,
    homework: labels.homework,
    trainerNote: labels.trainerNote,
    minutes: labels.minutes,
    footnotes: labels.book.footnotes,
  };
  const options: SessionHtmlOptions = { view: book.edition, idPrefix, headingShift: 2, resolveUrl: resolve, labels: blockLabels };
  // Everything the conversion reads: the tree (by the file's content key) and every answer of resolveUrl.
  const input = JSON.stringify({
    content: session.contentKey,
    session: session.id,
    module: session.moduleId,
    view: options.view,
    idPrefix,
    headingShift: options.headingShift,
    labels: blockLabels,
    urls: facts.urls.map(([kind, url]) => [kind, url, resolve(url, kind) ?? null]),
  });
  return {
    session,
    anchor,
    input,
    convert: () => sessionToHtml(session.mdast, options),
    readers: book.readers?.get(session.id),
    competencies: session.competencies.map((id) => model.competencies.find((c) => c.id === id)?.title ?? id),
    timing: sessionTiming(ctx, session),
  };
}

/** The timing plan of a session: each :::activity with its minutes (read from the body's facts, never from its tree). */
export function sessionTiming(ctx: RenderContext, session: Session): TimedPart[] {
  return bookFactsOf(session.facts).activities.map((a) => ({ title: a.label ?? a.title ?? ctx.labels.activity, minutes: a.minutes }));
}

/** The body's HTML of a described session: from the output cache, or converted (the tree is read only then). */
export function sessionHtml(ctx: RenderContext, part: SessionPart): string {
  return ctx.memo.text(SESSION_HTML, part.input, part.convert, part.readers);
}

/** The session template's view of a described session, with `html` standing for its body. */
export function sessionView(part: SessionPart, html: string): SessionView {
  return { session: part.session, anchor: part.anchor, html, competencies: part.competencies, timing: part.timing };
}

/** Where a link or image of a session points from the book page; undefined keeps only its text. */
export function resolveUrl(book: Book, session: Session, idPrefix: string, url: string, kind: 'link' | 'image'): string | undefined {
  const type = classifyUrl(url);
  if (type === 'remote') return url;
  if (type === 'anchor') return url.length > 1 ? `#${idPrefix}${localTarget(url.slice(1)) || url.slice(1)}` : undefined;
  if (type !== 'local') return undefined;
  const target = localTarget(url);
  const path = posix.normalize(posix.join('modules', session.moduleId, target));
  if (kind === 'link' && /\.md$/i.test(path)) {
    const m = /^modules\/([^/]+)\/(?:\d+-)?([^/]+)\.md$/i.exec(path);
    const anchor = m ? book.sessionAnchors.get(`${m[1]}/${m[2]}`) : undefined;
    return anchor ? `#${anchor}` : undefined;
  }
  if (!session.assets.some((a) => a.sourcePath === path)) return undefined;
  return relativeLink(book.page, `files/${path.split('/').map(encodeURIComponent).join('/')}`);
}

/** What the book needs of a body besides its HTML. */
interface BookFacts {
  /** Every URL the conversion resolves, as [kind, url] in tree order (definitions resolve as links). */
  urls: [kind: 'link' | 'image', url: string][];
  /** Each :::activity: its label, title attribute and minutes. */
  activities: { label?: string; title?: string; minutes: number }[];
}

const bookFacts = new WeakMap<BodyFacts, BookFacts>();

function bookFactsOf(body: BodyFacts): BookFacts {
  const known = bookFacts.get(body);
  if (known) return known;
  const facts: BookFacts = {
    urls: body.urls.map((u) => [u.type === 'image' ? 'image' : 'link', u.url]),
    activities: body.blocks.filter((b) => b.name === 'activity').map((b) => {
      const minutes = Number(String(b.minutes ?? '').trim());
      return { label: b.label, title: b.title, minutes: Number.isFinite(minutes) ? minutes : 0 };
    }),
  };
  bookFacts.set(body, facts);
  return facts;
}
