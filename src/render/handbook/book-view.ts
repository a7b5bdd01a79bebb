// A book's page through `@handbook/book`: the data the templates read, with each printed session's
// body given by the caller (its HTML, or a mark standing for it when the frame is rendered alone).
import { fill, type Labels } from '../../i18n/labels.js';
import type { Program, Session } from '../../model/types.js';
import { formatMinutes } from '../../util/time.js';
import { cssString, pageCounterCss } from '../css-string.js';
import type { RenderContext } from '../types.js';
import { viewHelpers } from '../view-helpers.js';
import { buildAssessmentView } from './assessment-view.js';
import type { Book } from './book-model.js';
import { describeSession, sessionHtml, sessionView, type SessionPart } from './session-view.js';
import { buildTimetable } from './timetable.js';

/** Every session the book prints, in reading order, described without converting a body. */
export function describeParts(ctx: RenderContext, book: Book): SessionPart[] {
  return book.programs.flatMap((c) => c.sessions.filter((e) => e.printed).map((e) => describeSession(ctx, book, e.item, e.anchor)));
}

/** Render one book through `@handbook/book`, every body converted or read from the output cache. */
export function renderBook(ctx: RenderContext, book: Book, parts = describeParts(ctx, book)): string {
  return renderFrame(ctx, book, parts, (part) => sessionHtml(ctx, part));
}

/** Render one book through `@handbook/book` with `bodyOf(part, i)` as the HTML of the i-th printed session (`parts` in reading order). */
export function renderFrame(ctx: RenderContext, book: Book, parts: SessionPart[], bodyOf: (part: SessionPart, i: number) => string): string {
  const { model, labels } = ctx;
  const L = labels.book;
  const competencyTitle = (id: string) => model.competencies.find((c) => c.id === id)?.title ?? id;
  const editionName = book.edition === 'learner' ? labels.handbook : labels.trainerGuide;
  const printedAssessments = new Set(book.programs.flatMap((c) => c.assessments.filter((e) => e.printed).map((e) => e.item.id)));
  let next = 0;
  const viewOf = () => {
    const i = next++;
    return sessionView(parts[i]!, bodyOf(parts[i]!, i));
  };
  const programs = book.programs.map((chapter) => ({
    ...chapter,
    timetable: buildTimetable(chapter.schedule, labels, model, book.sessionAnchors, printedAssessments),
    sessions: chapter.sessions.map((e) => ({ entry: e, view: e.printed ? viewOf() : undefined, slots: slotsText(book, labels, e.item, e.printed ? undefined : chapter.program) })),
    assessments: chapter.assessments.map((e) => ({ entry: e, view: e.printed ? buildAssessmentView(book, labels, competencyTitle, e.item, e.anchor) : undefined })),
  }));
  const footer = `${model.title} · ${book.role.title} ${editionName}`;
  const css = { footer: cssString(footer), pageNumber: pageCounterCss(L.pageFooter) };
  return ctx.templates.render('handbook/book', {
    model,
    labels,
    L,
    fill,
    h: viewHelpers(labels, model.extraWorkdays),
    page: book.page,
    title: `${book.role.title} ${editionName} · ${model.title}`,
    stylesheets: ['assets/handbook.css'],
    headExtra: ctx.templates.render('handbook/head', { css, book, labels }),
    bodyClass: `book book-${book.edition}`,
    book,
    trainer: book.edition === 'trainer',
    editionName,
    edition: ctx.editionDate,
    programs,
  });
}

/** "第1天 09:00–10:30 · 讲师 · 地点" for each scheduled occurrence of a session. */
function slotsText(book: Book, labels: Labels, session: Session, only?: Program): string[] {
  return book.slotsOf('session', session.id).filter((s) => !only || s.program === only).map((s) => {
    const parts = [`${fill(labels.day, { n: s.day })} ${formatMinutes(s.start)}–${formatMinutes(s.end)}`];
    if (book.programs.length > 1) parts.push(s.program.title);
    if (book.edition === 'trainer' && s.trainer) parts.push(s.trainer.name);
    if (s.location) parts.push(s.location);
    return parts.join(' · ');
  });
}

