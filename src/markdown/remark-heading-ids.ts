/**
 * Heading ids: GitHub's slugs, assigned on the mdast tree. src/core/load/markdown.ts
 * calls assignHeadingIds for Markdown; the MDX integration runs the plugin, so
 * anchors mean the same thing in both.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from './walk.ts';

export interface AssignedHeading {
  node: Heading;
  text: string;
  slug: string;
}

export function assignHeadingIds(tree: Root): AssignedHeading[] {
  const slugger = new GithubSlugger();
  const headings: AssignedHeading[] = [];
  walk(tree, (node) => {
    if (node.type !== 'heading') return;
    const text = toString(node);
    const slug = slugger.slug(text);
    node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id: slug } };
    headings.push({ node, text, slug });
  });
  return headings;
}

export function remarkHeadingIds() {
  return (tree: Root) => {
    assignHeadingIds(tree);
  };
}
