/**
 * Marks code blocks with their language (`data-language` on the <pre>) and
 * Mermaid blocks with `mermaid-source`, so the page can label them, offer a
 * copy button and draw diagrams. Code stays exactly as the author wrote it.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

function languageOf(code: Element): string | undefined {
  const classes: unknown = code.properties.className;
  const list: string[] = Array.isArray(classes) ? classes.map(String) : typeof classes === 'string' ? classes.split(' ') : [];
  return list.find((c) => c.startsWith('language-'))?.slice('language-'.length).toLowerCase();
}

export function rehypeCodeBlocks() {
  return (tree: Root) => {
    visit(tree, 'element', (table: Element, index, parent) => {
      // Wide tables scroll inside a focusable region instead of widening the page on a phone.
      if (table.tagName !== 'table' || !parent || index === undefined || (parent.type === 'element' && String(parent.properties.className) === 'table-scroll')) return;
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table' }, children: [table] };
    });
    visit(tree, 'element', (pre: Element) => {
      if (pre.tagName !== 'pre') return;
      const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const language = code && languageOf(code);
      if (!language) {
        pre.properties.tabIndex = 0;
        return;
      }
      pre.properties.dataLanguage = language;
      pre.properties.tabIndex = 0; // a long line scrolls sideways: keyboard users must reach it
      if (language === 'mermaid') pre.properties.className = ['mermaid-source'];
    });
  };
}
