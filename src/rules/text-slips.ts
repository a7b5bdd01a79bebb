// Session bodies: text meant as Markdown structure that Markdown reads as text. Items numbered or
// bulleted the Chinese or word-processor way ("1、", "（1）", "①", "•") print as one run-on paragraph;
// a heading without the space after its #s ("##接听步骤") prints as text, #s included, and starts no
// section (nor a slide); a table typed with full-width bars (｜) prints as a paragraph of bars and
// dashes. A warning says how to write each.
import type { Span } from '../markdown/body-facts.js';
import type { SourceRule } from './context.js';

/** Warn at each slip of each session body: plain lists, bare headings and full-width tables. */
export const textSlips: SourceRule = (ctx) => {
  const startOf = (at: Span | undefined) => (at ? { line: at[0], column: at[1] } : { line: 1, column: 1 });
  const shown = (t: string) => (t.length > 40 ? `${t.slice(0, 40)}…` : t);
  for (const mod of ctx.sources.modules) {
    for (const s of mod.sessions) {
      for (const list of s.facts.plainLists) {
        const markers = list.markers.length > 3 ? `${list.markers.slice(0, 3).join(' ')} …` : list.markers.join(' ');
        ctx.report(s.src.path, 'plain-list', `These ${list.markers.length} lines start like list items (${markers}), but Markdown prints them as one paragraph, run together.`, startOf(list.at));
      }
      for (const heading of s.facts.bareHeadings) {
        const [line, column, endLine, endColumn] = heading.at;
        const fixed = heading.written.replace(/^(#+)/, '$1 ');
        ctx.report(s.src.path, 'bare-heading', `"${shown(heading.written)}" is not a heading: Markdown needs a space after the #s ("${shown(fixed)}"), so it prints as text, #s included.`, { line, column, endLine, endColumn });
      }
      for (const table of s.facts.fullWidthTables) {
        ctx.report(s.src.path, 'full-width-table', 'This table is typed with full-width bars (｜), so Markdown prints it as one paragraph of bars and dashes; a table needs ASCII bars (|).', startOf(table.at));
      }
    }
  }
};
