// Session bodies: numbered items written the Chinese way ("1、", "（1）", "①") print as one run-on
// paragraph; a warning at the paragraph says how to make them a list.
import type { SourceRule } from './context.js';

/** Warn at each paragraph whose lines start like numbered items that Markdown does not read as a list. */
export const plainLists: SourceRule = (ctx) => {
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      for (const list of s.facts.plainLists) {
        const shown = list.markers.length > 3 ? `${list.markers.slice(0, 3).join(' ')} …` : list.markers.join(' ');
        const place = list.at ? { line: list.at[0], column: list.at[1] } : { line: 1, column: 1 };
        ctx.report(s.src.path, 'plain-list', `These ${list.markers.length} lines start like numbered items (${shown}), but Markdown prints them as one paragraph, run together.`, place);
      }
    }
  }
};
