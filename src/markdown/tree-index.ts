// The nodes of a session tree that the rules, the model and the handbook look at, found in one walk
// and kept per tree. Consumers read them as plain data through `bodyFactsOf` (body-facts.ts), which
// a cached session carries without its tree.
import type { ContainerDirective } from 'mdast-util-directive';
import type { Definition, Html, Image, Link, Paragraph, Root } from 'mdast';
import { walkTree } from './walk.js';

/** Nodes of interest of a tree, each list in document order (preorder). */
export interface TreeIndex {
  /** Every container block (:::name), nested ones included. */
  blocks: ContainerDirective[];
  /** Every link, image and link definition. */
  urls: (Link | Image | Definition)[];
  /** Every raw HTML node. */
  html: Html[];
  /** Every paragraph (whose lines may hold text meant as a list or a heading: text-slips.ts). */
  paragraphs: Paragraph[];
}

const indexes = new WeakMap<Root, TreeIndex>();

/** The index of a parsed tree; trees are never changed after parsing, so it is computed once per tree. */
export function indexTree(tree: Root): TreeIndex {
  const known = indexes.get(tree);
  if (known) return known;
  const index: TreeIndex = { blocks: [], urls: [], html: [], paragraphs: [] };
  walkTree(tree, (node) => {
    switch (node.type) {
      case 'containerDirective':
        index.blocks.push(node);
        break;
      case 'link':
      case 'image':
      case 'definition':
        index.urls.push(node);
        break;
      case 'html':
        index.html.push(node);
        break;
      case 'paragraph':
        index.paragraphs.push(node);
        break;
    }
  });
  indexes.set(tree, index);
  return index;
}
