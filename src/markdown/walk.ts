// A small preorder tree walker for mdast and hast, in place of unist-util-visit on hot paths: that
// package makes a closure per node and renames it with Object.defineProperty (a debugging aid),
// which cost a quarter of a whole build. Same order and the same replace/remove semantics as
// `visit(tree, test, visitor)` for the ways this tool uses it; no ancestor arrays, no allocation.
import type { Nodes as HastNodes, Parents as HastParents } from 'hast';
import type { Nodes as MdastNodes, Parents as MdastParents } from 'mdast';

/** Returned by a visitor: do not walk into this node's children. */
export const SKIP = 'skip';

/**
 * What a visitor returns: nothing to go on (into the node's children, then its next sibling);
 * `SKIP` to pass over the node's children; or, after replacing or removing the node in its parent,
 * the index in the parent to go on at (the node's children are not walked, as with
 * unist-util-visit's `[SKIP, index]`).
 */
export type WalkAction = void | undefined | typeof SKIP | number;

/** A visitor of `node`, found at `index` in `parent` (both undefined for the root). */
export type Visitor<N, P> = (node: N, index: number | undefined, parent: P | undefined) => WalkAction;

interface WalkNode {
  type: string;
  children?: WalkNode[];
}

type AnyVisitor = Visitor<WalkNode, WalkNode>;
type UntypedVisitor = (node: never, index: number | undefined, parent: never) => WalkAction;

/** Walk every node of an mdast or hast tree in preorder, or only those of one `type`. */
export function walkTree(tree: MdastNodes, visit: Visitor<MdastNodes, MdastParents>): void;
export function walkTree<K extends MdastNodes['type']>(tree: MdastNodes, type: K, visit: Visitor<Extract<MdastNodes, { type: K }>, MdastParents>): void;
export function walkTree(tree: HastNodes, visit: Visitor<HastNodes, HastParents>): void;
export function walkTree<K extends HastNodes['type']>(tree: HastNodes, type: K, visit: Visitor<Extract<HastNodes, { type: K }>, HastParents>): void;
export function walkTree(tree: object, typeOrVisit: string | UntypedVisitor, maybeVisit?: UntypedVisitor): void {
  const type = typeof typeOrVisit === 'string' ? typeOrVisit : undefined;
  const visit = (typeof typeOrVisit === 'string' ? maybeVisit! : typeOrVisit) as AnyVisitor;
  walkNode(tree as WalkNode, undefined, undefined, type, visit);
}

/** Visit `node` and its subtree; returns the index at which its parent goes on, when the visitor gave one. */
function walkNode(node: WalkNode, index: number | undefined, parent: WalkNode | undefined, type: string | undefined, visit: AnyVisitor): number | undefined {
  if (type === undefined || node.type === type) {
    const action = visit(node, index, parent);
    if (typeof action === 'number') return action;
    if (action === SKIP) return undefined;
  }
  if (node.children) {
    let i = 0;
    while (i > -1 && i < node.children.length) {
      const next = walkNode(node.children[i]!, i, node, type, visit);
      i = next === undefined ? i + 1 : next;
    }
  }
  return undefined;
}
