// :::script blocks as dialogues: each `Speaker: text` line (ASCII or full-width colon) becomes a
// line of the dialogue, customers and agents on different sides; lines without a speaker continue
// the line before. Works on mdast, before the conversion to HTML.
import type { ContainerDirective } from 'mdast-util-directive';
import type { Paragraph, PhrasingContent, Text } from 'mdast';

/** A text node that becomes `<span class=…>` in HTML. */
export function classedText(value: string, className: string): Text {
  return { type: 'text', value, data: { hName: 'span', hProperties: { className: [className] } } } as Text;
}

/** A paragraph that becomes `<p class=…>` in HTML; `className` may hold several classes. */
export function classedParagraph(className: string, parts: Text[]): Paragraph {
  return { type: 'paragraph', children: parts, data: { hName: 'p', hProperties: { className: className.split(' ') } } };
}

const CUSTOMER = /客户|顾客|客戶|顧客|用户|用戶|来电|來電|买家|買家|customer|caller|client|buyer/i;
const SPEAKER = /^[ \t]*([^\s:：0-9][^:：\n]{0,15}?)[ \t]*[:：](?!\/\/)[ \t]*/;

/**
 * Who sits where: customers on side a; the first other speaker (the agent) on side b; anyone else
 * on side c. Without a customer, the first two speakers take sides a and b.
 */
function assignSides(children: ContainerDirective['children']): Map<string, string[]> {
  const names: string[] = [];
  for (const child of children) {
    if (child.type !== 'paragraph') continue;
    for (const line of splitLines(child.children)) {
      const first = line[0];
      const name = first?.type === 'text' ? SPEAKER.exec(first.value)?.[1]?.trim() : undefined;
      if (name && !names.includes(name)) names.push(name);
    }
  }
  const customers = names.filter((n) => CUSTOMER.test(n));
  const others = names.filter((n) => !customers.includes(n));
  const sides = new Map<string, string[]>();
  for (const n of customers) sides.set(n, ['side-a', 'is-customer']);
  const order = customers.length ? ['side-b'] : ['side-a', 'side-b'];
  others.forEach((n, i) => sides.set(n, [order[i] ?? 'side-c', ...(customers.length && i === 0 ? ['is-agent'] : [])]));
  return sides;
}

/** Paragraph lines `Speaker: text` become dialogue lines; lines without a speaker continue the previous one. */
export function toDialogue(children: ContainerDirective['children']): ContainerDirective['children'] {
  const sides = assignSides(children);
  const out: ContainerDirective['children'] = [];
  let group: Paragraph[] | undefined;
  let utterance: { children: PhrasingContent[] } | undefined;
  for (const child of children) {
    if (child.type !== 'paragraph') {
      out.push(child);
      group = undefined;
      utterance = undefined;
      continue;
    }
    if (!group) {
      group = [];
      out.push({ type: 'blockquote', children: group, data: { hName: 'div', hProperties: { className: ['dialogue'] } } });
    }
    for (const line of splitLines(child.children)) {
      const first = line[0];
      const m = first?.type === 'text' ? SPEAKER.exec(first.value) : null;
      if (m && first?.type === 'text') {
        const name = m[1]!.trim();
        const rest = [{ type: 'text', value: first.value.slice(m[0].length) }, ...line.slice(1)] as PhrasingContent[];
        const span = { type: 'emphasis', children: rest, data: { hName: 'span', hProperties: { className: ['utterance'] } } };
        utterance = span;
        group.push(classedParagraph(['line', ...(sides.get(name) ?? ['side-c'])].join(' '), [classedText(name, 'speaker'), span as never]));
      } else if (utterance) {
        utterance.children.push({ type: 'break' }, ...line);
      } else {
        group.push(classedParagraph('line narration', line as Text[]));
      }
    }
  }
  return out;
}

function splitLines(children: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const c of children) {
    if (c.type === 'break') {
      lines.push([]);
    } else if (c.type === 'text' && c.value.includes('\n')) {
      c.value.split('\n').forEach((part, i) => {
        if (i > 0) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ type: 'text', value: part });
      });
    } else {
      lines[lines.length - 1]!.push(c);
    }
  }
  return lines.filter((l) => l.length > 0);
}
