/**
 * The one place that decides which Markdown plugins run, and in which order,
 * for `.md` and `.mdx` alike:
 *
 *   parse:   remark-parse → remark-gfm (→ remark-mdx for .mdx)      src/core/load/markdown.ts
 *   remark:  a first `# Title` equal to the title dropped → heading ids → site links (file paths to page URLs)
 *   rehype:  sanitise (.mdx; .md is sanitised by render.ts) → code blocks (Copy button) → heading anchors → task boxes
 *
 * `.md` documents are parsed once by Opsbook and rendered from that tree
 * (src/markdown/render.ts: the links were resolved during validation, and raw
 * HTML is sanitised); `.mdx` documents are compiled by Astro's MDX
 * integration with `mdxProcessorOptions`, which runs the same steps.
 */
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeTaskBoxes } from './rehype-task-boxes.ts';
import { rehypeSanitizeMdx } from './rehype-sanitize-mdx.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';
import { remarkSiteLinks } from './remark-site-links.ts';
import { remarkTitleHeading } from './remark-title-heading.ts';

/** Parsers for validation and `.md` rendering: the same tree is checked and published. */
export const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();
export const mdxParser = unified().use(remarkParse).use(remarkGfm).use(remarkMdx).freeze();

const rehypeSteps = [rehypeCodeBlocks, rehypeHeadingAnchors, rehypeTaskBoxes] as const;

/** The rehype steps as transforms, for the `.md` renderer that builds hast itself. */
export const hastTransforms = rehypeSteps.map((step) => step());

/** Options of Astro's unified processor, which compiles `.mdx` documents. */
export function mdxProcessorOptions(options: { root: string; base: string }): UnifiedProcessorOptions {
  return {
    remarkPlugins: [remarkTitleHeading, remarkHeadingIds, [remarkSiteLinks, options]],
    // The sanitiser first, so the site's own elements added after it are kept.
    rehypePlugins: [rehypeSanitizeMdx, ...rehypeSteps],
    smartypants: false,
  };
}
