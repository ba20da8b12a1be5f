/**
 * Renders a parsed Markdown body to HTML: mdast → hast → string, from the
 * same tree that validation read, with the rehype transforms of
 * src/markdown. No syntax highlighter: commands are shown exactly as
 * written, and the build stays cheap.
 */
import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { hastTransforms } from './pipeline.ts';
import { keepFenceMeta } from './rehype-code-blocks.ts';
import { walkElements } from './walk.ts';
import '../core/links/links.ts';
import { escapePlaceholders } from '../core/validate/github-html.ts';
import { withBase } from '../core/links/urls.ts';

/**
 * Raw HTML as GitHub shows it (its sanitiser keeps this same schema), and the
 * second wall behind the safety rules (src/core/validate/safety.ts): no tag,
 * attribute or URL that could run script survives. Ids stay unprefixed, as
 * heading anchors need them.
 */
const SCHEMA: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  clobber: [],
  // `data-meta` carries a fence's words (```bash destructive) through the re-parse: see keepFenceMeta.
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'id'], code: [...(defaultSchema.attributes?.code ?? []), 'dataMeta'] },
};

/** The sanitiser keeps `class` where the schema lists some values and empties it of others: `class=""` says nothing. */
function dropEmptyClasses(hast: HastRoot): HastRoot {
  walkElements(hast, (element) => {
    if (Array.isArray(element.properties.className) && element.properties.className.length === 0) delete element.properties.className;
  });
  return hast;
}

/**
 * One walk over the tree, by plain recursion (a generic visitor costs more
 * than the work at 100,000 documents): points resolved body links at their
 * site URLs (checkBodyLinks stored the paths) and makes each `<placeholder>`
 * in raw HTML text (`&lt;cluster-id&gt;`). Returns whether the body has raw HTML.
 */
function prepareTree(node: Nodes, base: string): boolean {
  let rawHtml = false;
  if (node.type === 'html') {
    node.value = escapePlaceholders(node.value);
    rawHtml = true;
  } else if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.data?.sitePath) {
    node.url = withBase(base, node.data.sitePath);
  }
  if ('children' in node) for (const child of node.children) if (prepareTree(child, base)) rawHtml = true;
  return rawHtml;
}

export function renderMarkdown(mdast: Root, base = '/'): string {
  const rawHtml = prepareTree(mdast, base);
  let hast = toHast(mdast, { allowDangerousHtml: true }) as HastRoot;
  // Raw HTML is parsed (parse5) and sanitised only in documents that have some.
  if (rawHtml) hast = dropEmptyClasses(sanitize(raw(keepFenceMeta(hast)), SCHEMA) as HastRoot);
  for (const transform of hastTransforms) transform(hast);
  return toHtml(hast);
}
