// dist/index.html: every role, programme, module, session and assessment, linked to their outputs.
import { modelDigest } from '../cache/model-digest.js';
import { cachedPage } from './cached-page.js';
import type { Renderer } from './types.js';
import { pageView } from './view-helpers.js';

/** The landing page of a build. */
export const indexPage: Renderer = {
  name: 'index',
  render(ctx) {
    const { model } = ctx;
    // What the template reads besides the model (bodies apart), its labels and the templates (part of every key).
    const input = JSON.stringify([modelDigest(model), model.locale, ctx.editionDate ?? null, [...ctx.outputs].sort(), ctx.roles ?? null, ctx.programs ?? null]);
    return cachedPage(ctx, 'index-page', input, 'index.html', () => {
      const view = pageView(ctx, 'index.html', model.title);
      return ctx.templates.render('index', {
        ...view,
        // The printed page's footer: the curriculum's title, "page x of y".
        headExtra: `<style>${view.pageCss}</style>`,
        outputs: ctx.outputs,
        totalMinutes: [...model.sessions.values()].reduce((s, x) => s + x.minutes, 0),
        schedules: model.schedules,
        programsFor: (roleId: string) => model.programs.filter((p) => p.roles.includes(roleId)),
        roleWritten: (id: string) => !ctx.roles || ctx.roles.includes(id),
        programWritten: (id: string) => !ctx.programs || ctx.programs.includes(id),
      });
    });
  },
};
