/**
 * For MDX documents (compiled by Astro): rewrites body links written as file
 * paths to site URLs, with the same resolver that checked them. Markdown
 * documents get the same paths from src/markdown/render.ts.
 */
import { relative, sep } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { bodyLinks, resolveLink } from '../core/links/links.ts';
import { withBase } from '../core/links/urls.ts';
import { getProject } from '../lib/project-cache.ts';

export interface SiteLinkOptions {
  root: string;
  base: string;
}

export function remarkSiteLinks(options: SiteLinkOptions) {
  return async (tree: Root, file: VFile) => {
    if (!file.path) return;
    const project = await getProject(options.root);
    const from = relative(options.root, file.path).split(sep).join('/');
    for (const link of bodyLinks(tree)) {
      const result = resolveLink(project.linkIndex, from, link.url);
      if (result.ok === true) link.node.url = withBase(options.base, result.path);
    }
  };
}
