// One session as a book prints it: the body for the edition (trainer blocks removed for learners),
// links and images resolved against this page, and the facts shown in the session's header.
import { posix } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Labels } from '../../i18n/labels.js';
import { sessionToHtml } from '../../markdown/to-html.js';
import type { Curriculum, Session } from '../../model/types.js';
import { classifyUrl, localTarget } from '../../rules/markdown-blocks.js';
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

/** Render a printed session of a book. */
export function buildSessionView(model: Curriculum, labels: Labels, book: Book, session: Session, anchor: string): SessionView {
  const idPrefix = `${anchor}--`;
  const html = sessionToHtml(session.mdast, {
    view: book.edition,
    idPrefix,
    headingShift: 2,
    resolveUrl: (url, kind) => resolveUrl(book, session, idPrefix, url, kind),
    labels: { ...labels, footnotes: labels.book.footnotes },
  });
  return {
    session,
    anchor,
    html,
    competencies: session.competencies.map((id) => model.competencies.find((c) => c.id === id)?.title ?? id),
    timing: timedParts(session.mdast, labels),
  };
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

function timedParts(tree: Root, labels: Labels): TimedPart[] {
  const parts: TimedPart[] = [];
  visit(tree, 'containerDirective', (node) => {
    if (node.name !== 'activity') return;
    const minutes = Number(String(node.attributes?.minutes ?? '').trim());
    const first = node.children[0];
    const label = first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel ? first.children.map((c) => ('value' in c ? c.value : '')).join('') : undefined;
    parts.push({ title: label ?? node.attributes?.title ?? labels.activity, minutes: Number.isFinite(minutes) ? minutes : 0 });
  });
  return parts;
}
