/**
 * A link on every section heading to itself, so a step can be shared in the
 * incident channel. The link has no text of its own (CSS draws the "#"),
 * so headings, outlines and the search index keep the author's words only.
 */
import type { Root } from 'hast';
import { walkElements } from './walk.ts';

const LEVELS = new Set(['h2', 'h3', 'h4']);

export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    walkElements(tree, (node) => {
      if (!LEVELS.has(node.tagName) || typeof node.properties.id !== 'string') return;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${node.properties.id}`, ariaLabel: 'Link to this section', dataPagefindIgnore: '' },
        children: [],
      });
    });
  };
}
