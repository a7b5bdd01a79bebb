// dist/index.html: every role, programme, module, session and assessment, linked to their outputs.
import { modelDigest } from '../cache/model-digest.js';
import { cachedPage } from './cached-page.js';
import type { Renderer } from './types.js';
import { pageFooterCss } from './css-string.js';
import { viewHelpers } from './view-helpers.js';

/** The landing page of a build. */
export const indexPage: Renderer = {
  name: 'index',
  render(ctx) {
    const { model, labels } = ctx;
    // What the template reads besides the model (bodies apart), its labels and the templates (part of every key).
    const input = JSON.stringify([modelDigest(model), model.locale, ctx.editionDate ?? null, [...ctx.outputs].sort(), ctx.roles ?? null, ctx.programs ?? null]);
    return cachedPage(ctx, 'index-page', input, 'index.html', () =>
      ctx.templates.render('index', {
        model,
        labels,
        h: viewHelpers(labels),
        page: 'index.html',
        title: model.title,
        // The printed page's footer: the curriculum's title, "page x of y".
        headExtra: `<style>${pageFooterCss(model.title, labels.book.pageFooter)}</style>`,
        edition: ctx.editionDate,
        outputs: ctx.outputs,
        totalMinutes: [...model.sessions.values()].reduce((s, x) => s + x.minutes, 0),
        schedules: model.schedules,
        programsFor: (roleId: string) => model.programs.filter((p) => p.roles.includes(roleId)),
        roleWritten: (id: string) => !ctx.roles || ctx.roles.includes(id),
        programWritten: (id: string) => !ctx.programs || ctx.programs.includes(id),
      }),
    );
  },
};
