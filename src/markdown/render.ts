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
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { hastTransforms } from './pipeline.ts';
import { keepFenceMeta } from './rehype-code-blocks.ts';
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

/** Whether the body has raw HTML; each `<placeholder>` in it is made text on the way (`&lt;cluster-id&gt;`). */
function prepareRawHtml(mdast: Root): boolean {
  let found = false;
  visit(mdast, 'html', (node) => {
    found = true;
    node.value = escapePlaceholders(node.value);
  });
  return found;
}

/** The sanitiser keeps `class` where the schema lists some values and empties it of others: `class=""` says nothing. */
function dropEmptyClasses(hast: HastRoot): HastRoot {
  visit(hast, 'element', (element) => {
    if (Array.isArray(element.properties.className) && element.properties.className.length === 0) delete element.properties.className;
  });
  return hast;
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
  const rawHtml = prepareRawHtml(mdast);
  let hast = toHast(mdast, { allowDangerousHtml: true }) as HastRoot;
  // Raw HTML is parsed (parse5) and sanitised only in documents that have some.
  if (rawHtml) hast = dropEmptyClasses(sanitize(raw(keepFenceMeta(hast)), SCHEMA) as HastRoot);
  for (const transform of hastTransforms) transform(hast);
  return toHtml(hast);
}
