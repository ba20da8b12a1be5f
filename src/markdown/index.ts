/**
 * The one place that decides which Markdown plugins run, and in which order.
 * Markdown documents are rendered by src/markdown/render.ts with these; MDX
 * documents by Astro's unified processor, configured from the same lists.
 */
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeTaskBoxes } from './rehype-task-boxes.ts';
import { remarkHeadingIds } from './remark-heading-ids.ts';

export const remarkPlugins = [remarkHeadingIds];
export const rehypePlugins = [rehypeCodeBlocks, rehypeHeadingAnchors, rehypeTaskBoxes];

/** The rehype transforms, for the renderer that builds hast itself. */
export const hastTransforms = [rehypeCodeBlocks(), rehypeHeadingAnchors(), rehypeTaskBoxes()];
