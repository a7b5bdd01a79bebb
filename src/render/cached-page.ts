// One page through the output cache: taken over from the previous output when it holds the page made
// from the same input, else read from the cache or rendered. For pages that every build writes and
// that change only with the model (the index page, curriculum.json).
import type { OutputFile, RenderContext } from './types.js';

/** The page `path` of `kind` for `input` (the complete input of `produce`); none when taken over unread. */
export function cachedPage(ctx: RenderContext, kind: string, input: string, path: string, produce: () => string): OutputFile[] {
  if (ctx.reuse([path], kind, input)) return [];
  return [{ path, contents: ctx.memo.page(kind, input, produce) }];
}
