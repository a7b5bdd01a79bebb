// The copy of a session tree that one view converts to HTML, made in one pass: the conversion changes
// the copy (URLs, heading depths, block decorations), never the parsed tree, which the cache, the
// rules and every other view share. The pass also notes what later passes would look for, so they
// run only when there is something to do.
import type { ContainerDirective } from 'mdast-util-directive';
import type { Root, RootContent } from 'mdast';

/** A view's copy of the tree and what the conversion needs to know about it. */
export interface ViewTree {
  root: Root;
  /** Every container block of the copy, in document order (preorder). */
  blocks: ContainerDirective[];
  /** Whether any link, image, reference or definition occurs (their URLs must be resolved). */
  hasUrls: boolean;
  /** Whether any table occurs (its column alignment becomes classes). */
  hasTables: boolean;
}

/**
 * Copy every node object and children array (what the conversion changes), sharing positions,
 * attributes and data objects (which it only reads or replaces): far cheaper than structuredClone,
 * which copies every position. `learner` leaves out every :::trainer block; headings get deeper by
 * `headingShift`, capped at 6.
 */
export function copyViewTree(tree: Root, learner: boolean, headingShift: number): ViewTree {
  const view: ViewTree = { root: tree, blocks: [], hasUrls: false, hasTables: false };
  view.root = copyNode(tree, learner, headingShift, view);
  return view;
}

function copyNode<T extends Root | RootContent>(node: T, learner: boolean, shift: number, view: ViewTree): T {
  const copy = { ...node };
  switch (copy.type) {
    case 'heading':
      copy.depth = Math.min(6, copy.depth + shift) as typeof copy.depth;
      break;
    case 'containerDirective':
      view.blocks.push(copy);
      break;
    case 'link':
    case 'image':
    case 'linkReference':
    case 'imageReference':
    case 'definition':
      view.hasUrls = true;
      break;
    case 'table':
      view.hasTables = true;
      break;
  }
  if ('children' in node) {
    const children: RootContent[] = [];
    for (const child of node.children as RootContent[]) {
      if (learner && child.type === 'containerDirective' && child.name === 'trainer') continue;
      children.push(copyNode(child, learner, shift, view));
    }
    (copy as { children: RootContent[] }).children = children;
  }
  return copy;
}
