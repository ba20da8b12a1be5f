/**
 * Marks code blocks with their language (`data-language` on the <pre>) and
 * Mermaid blocks with `mermaid-source`, so the page can label them, offer a
 * copy button and draw diagrams. Code stays exactly as the author wrote it.
 *
 * Every code block but a diagram sits under a bar (`.code-bar`) that names
 * its language and holds the Copy button (src/scripts/copy-code.ts): the
 * button never covers the code, whatever the width or the sideways scroll.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

function languageOf(code: Element): string | undefined {
  const classes: unknown = code.properties.className;
  const list: string[] = Array.isArray(classes) ? classes.map(String) : typeof classes === 'string' ? classes.split(' ') : [];
  return list.find((c) => c.startsWith('language-'))?.slice('language-'.length).toLowerCase();
}

function hasClass(node: { type: string; properties?: Element['properties'] }, name: string): boolean {
  if (node.type !== 'element') return false;
  const classes: unknown = node.properties?.className;
  return Array.isArray(classes) ? classes.map(String).includes(name) : String(classes ?? '').split(' ').includes(name);
}

/** `<div class="code-block"><div class="code-bar">…</div><pre>…</pre></div>` */
function codeBlock(pre: Element, language: string | undefined): Element {
  const label: ElementContent[] = language ? [{ type: 'element', tagName: 'span', properties: { className: ['code-language'] }, children: [{ type: 'text', value: language }] }] : [];
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['code-block'] },
    children: [{ type: 'element', tagName: 'div', properties: { className: ['code-bar'] }, children: label }, pre],
  };
}

export function rehypeCodeBlocks() {
  return (tree: Root) => {
    visit(tree, 'element', (table: Element, index, parent) => {
      // Wide tables scroll inside a focusable region instead of widening the page on a phone.
      if (table.tagName !== 'table' || !parent || index === undefined || (parent.type === 'element' && String(parent.properties.className) === 'table-scroll')) return;
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table' }, children: [table] };
    });
    visit(tree, 'element', (pre: Element, index, parent) => {
      if (pre.tagName !== 'pre') return;
      const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const language = code && languageOf(code);
      if (language) pre.properties.dataLanguage = language;
      pre.properties.tabIndex = 0; // a long line scrolls sideways: keyboard users must reach it
      if (language === 'mermaid') {
        pre.properties.className = ['mermaid-source'];
        return;
      }
      if (!code || !parent || index === undefined || hasClass(parent, 'code-block')) return;
      parent.children[index] = codeBlock(pre, language);
    });
  };
}
