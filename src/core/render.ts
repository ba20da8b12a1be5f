/**
 * Renders a parsed Markdown body to HTML: mdast → hast → string, from the
 * same tree that validation read, with the rehype transforms of
 * src/markdown. No syntax highlighter: commands are shown exactly as
 * written, and the build stays cheap.
 */
import type { Element, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Html, Root } from 'mdast';
import { toHast, type State } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { hastTransforms } from '../markdown/index.ts';
import './links.ts';
import { withBase } from './urls.ts';

/** Raw HTML is shown as text, so nothing an author wrote disappears; comments are notes to authors and stay hidden. */
function rawHtml(state: State, node: Html): Element | undefined {
  if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return undefined;
  const element: Element = { type: 'element', tagName: 'code', properties: { className: ['raw-html'] }, children: [{ type: 'text', value: node.value }] };
  state.patch(node, element);
  return element;
}

/** Points resolved body links at their site URLs (checkBodyLinks stored the paths). */
function applySitePaths(mdast: Root, base: string): void {
  visit(mdast, (node) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.data?.sitePath) {
      node.url = withBase(base, node.data.sitePath);
    }
  });
}

export function renderMarkdown(mdast: Root, base = '/'): string {
  applySitePaths(mdast, base);
  const hast = toHast(mdast, { handlers: { html: rawHtml } }) as HastRoot;
  for (const transform of hastTransforms) transform(hast);
  return toHtml(hast);
}
