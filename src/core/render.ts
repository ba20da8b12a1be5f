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
import { hastTransforms } from '../markdown/index.ts';

/** Raw HTML is shown as text, so nothing an author wrote disappears. */
function rawHtml(state: State, node: Html): Element {
  const element: Element = { type: 'element', tagName: 'code', properties: { className: ['raw-html'] }, children: [{ type: 'text', value: node.value }] };
  state.patch(node, element);
  return element;
}

export function renderMarkdown(mdast: Root): string {
  const hast = toHast(mdast, { handlers: { html: rawHtml } }) as HastRoot;
  for (const transform of hastTransforms) transform(hast);
  return toHtml(hast);
}
