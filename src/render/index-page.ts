// dist/index.html: every role, programme, module, session and assessment, linked to their outputs.
import type { Renderer } from './types.js';
import { viewHelpers } from './view-helpers.js';

/** The landing page of a build. */
export const indexPage: Renderer = {
  name: 'index',
  render(ctx) {
    const { model, labels } = ctx;
    const totalMinutes = [...model.sessions.values()].reduce((s, x) => s + x.minutes, 0);
    const html = ctx.templates.render('index', {
      model,
      labels,
      h: viewHelpers(labels),
      page: 'index.html',
      title: model.title,
      edition: ctx.editionDate,
      outputs: ctx.outputs,
      totalMinutes,
      schedules: model.schedules,
      programsFor: (roleId: string) => model.programs.filter((p) => p.roles.includes(roleId)),
      roleWritten: (id: string) => !ctx.roles || ctx.roles.includes(id),
      programWritten: (id: string) => !ctx.programs || ctx.programs.includes(id),
    });
    return [{ path: 'index.html', contents: html }];
  },
};
