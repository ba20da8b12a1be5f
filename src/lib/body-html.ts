/**
 * A Markdown document's body as HTML, for its page. The content sync renders
 * every new or changed body (lib/loader.ts, which reports a failure with its
 * file) and leaves the string here, keyed by the document, so the page takes
 * it without a second render. Astro's store is never given the HTML: the
 * build bundles the whole store into its server code as one string (40 MB at
 * 10,000 documents, when it held every body: Vite took 7.9 s instead of
 * 2.5 s), and the first read of it loads it whole (about 3 s at 10,000
 * documents, over two minutes at 100,000). A body whose entry was kept from
 * an earlier build is rendered by its page from the document's tree (the
 * same code, the same tree: the same HTML), which costs milliseconds.
 *
 * The loader and the pages run in one process through different module
 * graphs, so the map lives on globalThis (as the project does, project-cache.ts).
 */
import type { ContentDocument } from '../core/load/load.ts';
import { renderMarkdown } from '../markdown/render.ts';

const KEY = Symbol.for('opsbook.bodyHtml');

interface Rendered {
  base: string;
  html: string;
}

function rendered(): WeakMap<ContentDocument, Rendered> {
  const g = globalThis as { [KEY]?: WeakMap<ContentDocument, Rendered> };
  return (g[KEY] ??= new WeakMap());
}

/**
 * The body's HTML, rendered once per document object and base (a new project in `astro dev`
 * renders afresh). The loader is given the base as configured, pages as Vite's BASE_URL; links
 * are written without its trailing slash (withBase), so both name the same render.
 */
export function bodyHtml(doc: ContentDocument, base: string): string | undefined {
  if (!doc.body || doc.ext === '.mdx') return undefined;
  const bodies = rendered();
  const key = base.replace(/\/+$/, '');
  const kept = bodies.get(doc);
  if (kept?.base === key) return kept.html;
  const html = renderMarkdown(doc.body.mdast, base);
  bodies.set(doc, { base: key, html });
  return html;
}

/** The headings a page lists in its table of contents, as Astro's render() gives them. */
export function bodyHeadings(doc: ContentDocument): { depth: number; slug: string; text: string }[] {
  return (doc.body?.headings ?? []).map(({ depth, slug, text }) => ({ depth, slug, text }));
}
