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
import { EXIT, visit } from 'unist-util-visit';
import { hastTransforms } from './pipeline.ts';
import '../core/links/links.ts';
import { ALLOWED_TAGS } from '../core/validate/safety.ts';
import { withBase } from '../core/links/urls.ts';

/**
 * The second wall behind the safety rules (src/core/validate/safety.ts), which refuse
 * anything else with an error: raw HTML keeps only the harmless set, and no
 * attribute or URL that could run script survives.
 */
const SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...ALLOWED_TAGS],
  clobberPrefix: '',
  clobber: [],
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), 'id'] },
};

function hasRawHtml(mdast: Root): boolean {
  let found = false;
  visit(mdast, 'html', () => {
    found = true;
    return EXIT;
  });
  return found;
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
  let hast = toHast(mdast, { allowDangerousHtml: true }) as HastRoot;
  // Raw HTML is parsed (parse5) and sanitised only in documents that have some.
  if (hasRawHtml(mdast)) hast = sanitize(raw(hast), SCHEMA) as HastRoot;
  for (const transform of hastTransforms) transform(hast);
  return toHtml(hast);
}
