// Output `assessments`: for each assessment a printable paper (exam) or observation sheet, its answer key
// or scoring guide, and for exams a Moodle GIFT file. Helpers are re-exported for the handbooks.
import type { OutputFile, Renderer } from '../types.js';
import { renderGift } from './gift.js';
import { answerKeyPath, giftPath, hasGift, isExam, paperPath } from './helpers.js';
import { answerKeyView, paperView, scoringGuideView, sheetView } from './views.js';

export * from './helpers.js';
export { escapeGift, giftWeights, renderGift } from './gift.js';

/** Papers, keys, observation sheets and GIFT files of every assessment. */
export const assessmentsOutput: Renderer = {
  name: 'assessments',
  render(ctx) {
    const out: OutputFile[] = [];
    for (const a of ctx.model.assessments) {
      if (isExam(a)) {
        out.push({ path: paperPath(a), contents: ctx.templates.render('assessments/paper', paperView(ctx, a)) });
        out.push({ path: answerKeyPath(a), contents: ctx.templates.render('assessments/answer-key', answerKeyView(ctx, a)) });
      } else {
        out.push({ path: paperPath(a), contents: ctx.templates.render('assessments/sheet', sheetView(ctx, a)) });
        out.push({ path: answerKeyPath(a), contents: ctx.templates.render('assessments/scoring-guide', scoringGuideView(ctx, a)) });
      }
      if (hasGift(a)) out.push({ path: giftPath(a), contents: renderGift(a) });
    }
    return out;
  },
};
