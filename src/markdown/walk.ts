/**
 * Tree walks by plain recursion, parents before children, in document order:
 * what unist-util-visit does, without its per-node test, closure and
 * ancestry bookkeeping. Validation walks every Markdown tree several times
 * (heading ids, links, safety, diagrams, task lists), and the renderer every
 * HTML tree (code blocks, anchors, task boxes); visit was a fifth of
 * validation and, at 10,000 documents, about 5 s of rendering bodies.
 */
import type { Element, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Nodes } from 'mdast';

export function walk(node: Nodes, fn: (node: Nodes) => void): void {
  fn(node);
  if ('children' in node) for (const child of node.children) walk(child, fn);
}

/** A node with children: the root, an element, or one of MDX's JSX nodes (whose children are walked too). */
type HastParent = HastRoot | Element | { type: string; children: HastContent[] };

/**
 * Every element of a hast tree with its place (index in its parent, and the
 * parent), as `visit(tree, 'element', fn)` calls it. `fn` may replace the
 * element at `parent.children[index]`: the walk goes on into the children of
 * the element it was given, then to the next index, so a wrapper put in its
 * place is not visited again.
 */
export function walkElements(tree: HastParent, fn: (element: Element, index: number, parent: HastParent) => void): void {
  const children: HastContent[] = tree.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'element') fn(node, index, tree);
    if ('children' in node && Array.isArray(node.children)) walkElements(node as HastParent, fn);
  }
}
