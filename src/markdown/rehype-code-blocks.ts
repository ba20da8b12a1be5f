/**
 * Marks code blocks with their language (`data-language` on the <pre>) and
 * Mermaid blocks with `mermaid-source`, so the page can label them, offer a
 * copy button and draw diagrams. Code stays exactly as the author wrote it.
 *
 * Every code block but a diagram sits under a bar (`.code-bar`) that names
 * its language and holds the Copy button (src/scripts/copy-code.ts): the
 * button never covers the code, whatever the width or the sideways scroll.
 *
 * Placeholders (`<namespace>`, `$NAMESPACE`, `{{ env }}`; which forms count
 * per language is in code-placeholders.ts) are wrapped in
 * `<var class="placeholder" data-name="namespace">`, their text unchanged,
 * so the block reads and copies as written without JavaScript and the
 * script can offer a field for each. A fence marked `destructive`
 * (```bash destructive) gets a warning in its bar, shown without JavaScript
 * too, and Copy asks to confirm.
 */
import type { Element, ElementContent, Root } from 'hast';
import { walkElements } from './walk.ts';
import { findPlaceholders } from './code-placeholders.ts';

/**
 * The fence's words after the language: `data.meta` from mdast-util-to-hast
 * (.md), `metastring` where Astro's MDX compiler moved it before re-parsing
 * (.mdx), or `data-meta` where a .md body with raw HTML was re-parsed.
 */
function metaWords(code: Element): string[] {
  const meta = (code.data as { meta?: unknown } | undefined)?.meta ?? code.properties.metastring ?? code.properties.dataMeta;
  delete code.properties.dataMeta;
  delete code.properties.metastring;
  return typeof meta === 'string' ? meta.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()) : [];
}

/** Copies the fence meta where it survives hast-util-raw and the sanitiser (which drop `data`). */
export function keepFenceMeta(tree: Root): Root {
  walkElements(tree, (code) => {
    const meta = (code.data as { meta?: unknown } | undefined)?.meta;
    if (code.tagName === 'code' && typeof meta === 'string') code.properties.dataMeta = meta;
  });
  return tree;
}

/** Splits the code's text around its placeholders; code that is not plain text (already marked up) is left alone. */
function markPlaceholders(code: Element, language: string | undefined): void {
  if (!code.children.every((c) => c.type === 'text')) return;
  const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  const found = findPlaceholders(text, language);
  if (!found.length) return;
  const children: ElementContent[] = [];
  let at = 0;
  for (const p of found) {
    if (p.start > at) children.push({ type: 'text', value: text.slice(at, p.start) });
    const properties: Element['properties'] = { className: ['placeholder'], dataName: p.name, ...(p.secret ? { dataSecret: true } : {}) };
    children.push({ type: 'element', tagName: 'var', properties, children: [{ type: 'text', value: p.text }] });
    at = p.end;
  }
  if (at < text.length) children.push({ type: 'text', value: text.slice(at) });
  code.children = children;
}

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

/** The warning of a destructive block: words and a sign, not a colour alone. */
const WARNING: Element = {
  type: 'element',
  tagName: 'strong',
  properties: { className: ['code-warning'] },
  children: [
    { type: 'element', tagName: 'span', properties: { ariaHidden: 'true', className: ['code-warning-sign'] }, children: [{ type: 'text', value: '⚠' }] },
    { type: 'text', value: ' Destructive: read before running' },
  ],
};

/** `<div class="code-block"><div class="code-bar">…</div><pre>…</pre></div>` */
function codeBlock(pre: Element, language: string | undefined, destructive: boolean): Element {
  const label: ElementContent[] = language ? [{ type: 'element', tagName: 'span', properties: { className: ['code-language'] }, children: [{ type: 'text', value: language }] }] : [];
  if (destructive) label.push(structuredClone(WARNING));
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: destructive ? ['code-block', 'code-destructive'] : ['code-block'] },
    children: [{ type: 'element', tagName: 'div', properties: { className: ['code-bar'] }, children: label }, pre],
  };
}

export function rehypeCodeBlocks() {
  return (tree: Root) => {
    walkElements(tree, (table, index, parent) => {
      // Wide tables scroll inside a focusable region instead of widening the page on a phone.
      if (table.tagName !== 'table' || hasClass(parent, 'table-scroll')) return;
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table' }, children: [table] };
    });
    walkElements(tree, (pre, index, parent) => {
      if (pre.tagName !== 'pre') return;
      const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      const language = code && languageOf(code);
      const destructive = code ? metaWords(code).includes('destructive') : false;
      if (language) pre.properties.dataLanguage = language;
      pre.properties.tabIndex = 0; // a long line scrolls sideways: keyboard users must reach it
      if (language === 'mermaid') {
        pre.properties.className = ['mermaid-source'];
        return;
      }
      if (!code || hasClass(parent, 'code-block')) return;
      markPlaceholders(code, language);
      if (destructive) pre.properties.dataDestructive = true;
      parent.children[index] = codeBlock(pre, language, destructive);
    });
  };
}
