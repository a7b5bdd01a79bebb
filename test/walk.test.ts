// The small tree walker must visit exactly what unist-util-visit visits, in the same order, with the
// same index and parent, and must treat removal and replacement while walking the same way: checked
// on the real trees of the sample curriculum and of every fixture, in mdast and in hast.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { Nodes, Root, RootContent } from 'mdast';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { SKIP as VISIT_SKIP, visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { parseMarkdownChecked } from '../src/markdown/parse.js';
import { sessionToHtml, type BlockLabels } from '../src/markdown/to-html.js';
import { indexTree } from '../src/markdown/tree-index.js';
import { SKIP, walkTree } from '../src/markdown/walk.js';
import { ROOT } from './helpers/cli.js';
import { walkFiles } from './helpers/tree.js';

const files = ['curricula', 'test/fixtures']
  .flatMap((dir) => walkFiles(join(ROOT, dir)).map((f) => join(ROOT, dir, f)))
  .filter((f) => f.endsWith('.md'));

const trees: { file: string; tree: Root }[] = files
  .map((file) => ({ file, tree: parseMarkdownChecked(readFileSync(file, 'utf8')).tree }))
  .filter((t) => t.tree.children.length > 0);

interface Node {
  type: string;
  children?: Node[];
}

/** One visit as data: the node, its index and its parent, by identity where the tree is shared. */
function recorder(ids: WeakMap<object, number>) {
  const id = (n: object | undefined) => {
    if (!n) return -1;
    if (!ids.has(n)) ids.set(n, ids.size);
    return ids.get(n)!;
  };
  const seen: [number, string, number | undefined, number][] = [];
  return { seen, record: (node: Node, index: number | undefined, parent: Node | undefined) => void seen.push([id(node), node.type, index, id(parent)]) };
}

/** Visits of both walkers over one shared tree, with a visitor that may return SKIP. */
function bothVisits(tree: Root | HastRoot, type: string | undefined, skip: (node: Node) => boolean) {
  const ids = new WeakMap<object, number>();
  const a = recorder(ids);
  const b = recorder(ids);
  const theirs = (node: Node, index: number | undefined, parent: Node | undefined) => {
    a.record(node, index, parent);
    return skip(node) ? VISIT_SKIP : undefined;
  };
  const ours = (node: Node, index: number | undefined, parent: Node | undefined) => {
    b.record(node, index, parent);
    return skip(node) ? SKIP : undefined;
  };
  if (type) visit(tree as Node, type, theirs as never);
  else visit(tree as Node, theirs as never);
  if (type) walkTree(tree as Root, type as 'text', ours as never);
  else walkTree(tree as Root, ours as never);
  return { theirs: a.seen, ours: b.seen };
}

describe('walkTree against unist-util-visit', () => {
  it('reads a corpus of real session trees', () => {
    expect(trees.length).toBeGreaterThan(40);
    expect(trees.some((t) => JSON.stringify(t.tree).includes('"containerDirective"'))).toBe(true);
  });

  it('visits every node of every mdast tree in the same order, with the same index and parent', () => {
    for (const { file, tree } of trees) {
      const { theirs, ours } = bothVisits(tree, undefined, () => false);
      expect(ours, file).toEqual(theirs);
    }
  });

  it('visits only nodes of the asked type, and SKIP leaves out the same subtrees', () => {
    const skipBlocks = (n: Node) => n.type === 'containerDirective' || n.type === 'list' || n.type === 'link';
    for (const { file, tree } of trees) {
      for (const type of ['containerDirective', 'text', 'heading', 'link', 'html']) {
        const { theirs, ours } = bothVisits(tree, type, () => false);
        expect(ours, `${file} ${type}`).toEqual(theirs);
      }
      const skipped = bothVisits(tree, undefined, skipBlocks);
      expect(skipped.ours, file).toEqual(skipped.theirs);
      expect(skipped.ours.length).toBeLessThanOrEqual(bothVisits(tree, undefined, () => false).ours.length);
    }
  });

  it('walks hast trees alike', () => {
    for (const { file, tree } of trees) {
      const hast = unified().use(remarkRehype).runSync(structuredClone(tree)) as HastRoot;
      for (const type of [undefined, 'element', 'text']) {
        const { theirs, ours } = bothVisits(hast, type, (n) => (n as { tagName?: string }).tagName === 'ul');
        expect(ours, `${file} ${type}`).toEqual(theirs);
      }
    }
  });

  it('removes and replaces nodes while walking exactly as [SKIP, index] does', () => {
    // Remove every emphasis and strong, put every link's children in its place, drop list items' second children.
    const edit = (node: Nodes, index: number | undefined, parent: { children: RootContent[] } | undefined): number | undefined => {
      if (!parent || index === undefined) return undefined;
      if (node.type === 'emphasis' || node.type === 'strong') parent.children.splice(index, 1);
      else if (node.type === 'link') parent.children.splice(index, 1, ...(node.children as RootContent[]));
      else if (node.type === 'listItem' && node.children.length > 1) node.children.splice(1, 1);
      else return undefined;
      return node.type === 'listItem' ? undefined : index;
    };
    let edited = 0;
    for (const { file, tree } of trees) {
      const a = structuredClone(tree);
      const b = structuredClone(tree);
      const seenA: string[] = [];
      const seenB: string[] = [];
      const describe = (n: Nodes, i: number | undefined, p: { type: string } | undefined) => `${n.type}@${i}<${p?.type}:${n.position?.start.offset}`;
      visit(a, (node, index, parent) => {
        seenA.push(describe(node, index, parent));
        const at = edit(node, index, parent as never);
        return at === undefined ? undefined : [VISIT_SKIP, at];
      });
      walkTree(b, (node, index, parent) => {
        seenB.push(describe(node, index, parent));
        return edit(node, index, parent as never);
      });
      expect(seenB, file).toEqual(seenA);
      expect(b, file).toEqual(a);
      if (JSON.stringify(a) !== JSON.stringify(tree)) edited++;
    }
    expect(edited).toBeGreaterThan(10);
  });
});

describe('indexTree', () => {
  it('lists the blocks, URL nodes and raw HTML that unist-util-visit finds, in the same order', () => {
    for (const { file, tree } of trees) {
      const blocks: Nodes[] = [];
      const urls: Nodes[] = [];
      const html: Nodes[] = [];
      visit(tree, (node) => {
        if (node.type === 'containerDirective') blocks.push(node);
        if (node.type === 'link' || node.type === 'image' || node.type === 'definition') urls.push(node);
        if (node.type === 'html') html.push(node);
      });
      const index = indexTree(tree);
      const same = (a: readonly object[], b: readonly object[]) => a.length === b.length && a.every((n, i) => n === b[i]);
      expect(same(index.blocks, blocks), file).toBe(true);
      expect(same(index.urls, urls), file).toBe(true);
      expect(same(index.html, html), file).toBe(true);
      expect(indexTree(tree)).toBe(index);
    }
  });
});

describe('sessionToHtml', () => {
  const labels: BlockLabels = { activity: 'A', script: 'S', tip: 'T', warning: 'W', homework: 'H', trainerNote: 'N', minutes: 'min', footnotes: 'F' };

  it('leaves the parsed tree untouched in both views', () => {
    for (const { file, tree } of trees) {
      const before = structuredClone(tree);
      for (const view of ['learner', 'trainer'] as const) {
        sessionToHtml(tree, { view, idPrefix: 'p--', headingShift: 2, resolveUrl: (u, kind) => (kind === 'image' ? undefined : `x/${u}`), labels });
      }
      expect(tree, file).toEqual(before);
    }
  });
});
