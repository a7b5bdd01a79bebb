// The `handbook` output: roles/<role>/handbook.html (learner edition) and trainer-guide.html per role,
// rendered through the overridable eta templates in templates/handbook/.
import { modelDigest } from '../../cache/model-digest.js';
import { fill, type Labels } from '../../i18n/labels.js';
import type { Program, Session } from '../../model/types.js';
import { formatMinutes } from '../../util/time.js';
import type { OutputFile, RenderContext, Renderer } from '../types.js';
import { viewHelpers } from '../view-helpers.js';
import { buildAssessmentView } from './assessment-view.js';
import { buildBook, selectedRoles, type Book, type Edition } from './book-model.js';
import { buildSessionView } from './session-view.js';
import { buildTimetable } from './timetable.js';
import { cssString } from '../css-string.js';
import { releaseMemory } from '../../util/release-memory.js';

/** Learner handbook and trainer guide of every selected role. */
export const handbook: Renderer = {
  name: 'handbook',
  render(ctx) {
    // Each book goes to the output as soon as it is rendered: books of big curricula run to megabytes.
    renderBooks(ctx, (file) => ctx.emit(file));
    return [];
  },
};

/** The HTML of every book of the build, handed to `each` one by one or returned; the PDF output prints these same pages. */
export function renderBooks(ctx: RenderContext, each?: (file: OutputFile) => void): OutputFile[] {
  const out: OutputFile[] = [];
  for (const role of selectedRoles(ctx)) {
    for (const edition of ['learner', 'trainer'] as Edition[]) {
      const book = buildBook(ctx, role, edition);
      const input = bookInput(ctx, book);
      // An unchanged book stays as the previous output has it (only when written to the output, not for printing).
      if (each && ctx.reuse([book.page], 'handbook-book', input)) continue;
      const file = { path: book.page, contents: ctx.memo.page('handbook-book', input, () => renderBook(ctx, book)) };
      if (each) {
        each(file);
        releaseMemory();
      } else out.push(file);
    }
  }
  return out;
}

/**
 * Everything a book's page is made of: the templates may read any part of the model, so the key
 * covers all of it (bodies apart), plus the body of each session the book prints and the build's
 * settings. An edit to a session's text changes only the books that print it.
 */
function bookInput(ctx: RenderContext, book: Book): string {
  const bodies = book.programs.flatMap((c) => c.sessions.filter((e) => e.printed).map((e) => [e.item.id, e.item.contentKey]));
  return JSON.stringify([modelDigest(ctx.model), book.role.id, book.edition, ctx.editionDate ?? null, [...ctx.outputs].sort(), ctx.pdf, ctx.roles ?? null, ctx.programs ?? null, bodies]);
}

/** Render one book through `@handbook/book`. */
export function renderBook(ctx: RenderContext, book: Book): string {
  const { model, labels } = ctx;
  const L = labels.book;
  const competencyTitle = (id: string) => model.competencies.find((c) => c.id === id)?.title ?? id;
  const editionName = book.edition === 'learner' ? labels.handbook : labels.trainerGuide;
  const printedAssessments = new Set(book.programs.flatMap((c) => c.assessments.filter((e) => e.printed).map((e) => e.item.id)));
  const programs = book.programs.map((chapter) => ({
    ...chapter,
    timetable: buildTimetable(chapter.schedule, labels, book.sessionAnchors, printedAssessments),
    sessions: chapter.sessions.map((e) => ({ entry: e, view: e.printed ? buildSessionView(ctx, book, e.item, e.anchor) : undefined, slots: slotsText(book, labels, e.item, e.printed ? undefined : chapter.program) })),
    assessments: chapter.assessments.map((e) => ({ entry: e, view: e.printed ? buildAssessmentView(book, labels, competencyTitle, e.item, e.anchor) : undefined })),
  }));
  const footer = `${model.title} · ${book.role.title} ${editionName}`;
  const css = { footer: cssString(footer), pageNumber: pageCounter(L.pageFooter) };
  return ctx.templates.render('handbook/book', {
    model,
    labels,
    L,
    fill,
    h: viewHelpers(labels),
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

/** CSS `content` for "第 {page} 页 / 共 {pages} 页": the label's text around page counters. */
function pageCounter(label: string): string {
  return label
    .split(/(\{page\}|\{pages\})/)
    .filter(Boolean)
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

