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
    visit(tree, 'element', (pre: Element) => {
      if (pre.tagName !== 'pre') return;
      const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const language = code && languageOf(code);
      if (!language) return;
      pre.properties.dataLanguage = language;
      if (language === 'mermaid') pre.properties.className = ['mermaid-source'];
    });
  };
}
