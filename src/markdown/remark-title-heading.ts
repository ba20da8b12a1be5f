/**
 * Documents written for GitHub often start with `# <title>`; the page already
 * shows the title from the frontmatter, so a first `#` heading that says the
 * same is not rendered twice. For `.md` the loader drops it from the parsed
 * tree; for `.mdx` this remark plugin does, reading Astro's frontmatter.
 */
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';

const same = (a: string, b: string) => a.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') === b.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Removes the first node when it is a level-1 heading equal to `title`; says whether it did. */
export function dropTitleHeading(tree: Root, title: unknown): boolean {
  const first = tree.children.find((n) => n.type !== 'html' || !/^<!--[\s\S]*-->$/.test(n.value.trim()));
  if (typeof title !== 'string' || !first || first.type !== 'heading' || first.depth !== 1 || !same(toString(first), title)) return false;
  tree.children.splice(tree.children.indexOf(first), 1);
  return true;
}

export function remarkTitleHeading() {
  return (tree: Root, file: VFile) => {
    const frontmatter = (file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro?.frontmatter;
    dropTitleHeading(tree, frontmatter?.title);
  };
}
