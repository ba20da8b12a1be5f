/**
 * A Markdown body's HTML for its page (src/lib/body-html.ts): the string the
 * content sync put in Astro's store when it rendered the document, or the same
 * render of the same tree when the store kept the entry from an earlier build.
 */
import { describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { bodyHeadings, bodyHtml } from '../../src/lib/body-html.ts';
import { renderMarkdown } from '../../src/markdown/render.ts';
import { REPO_ROOT } from '../helpers/content.ts';

describe('body HTML', async () => {
  const project = await openProject(REPO_ROOT);
  const runbook = project.documents.find((d) => d.file === 'content/runbooks/data/order-events-consumer-lag.md')!;
  const mdx = project.documents.find((d) => d.ext === '.mdx')!;

  test('a Markdown body is the renderer\'s HTML of its tree, the same on every call', () => {
    const html = bodyHtml(runbook, '/')!;
    expect(html).toContain('<h2 id="symptoms"');
    expect(html).toBe(renderMarkdown(runbook.body!.mdast, '/'));
    expect(bodyHtml(runbook, '/')).toBe(html);
    expect(bodyHeadings(runbook).map((h) => h.slug)).toContain('symptoms');
  });

  test('a site with a base gets links below it, however the base is spelt', () => {
    const below = bodyHtml(runbook, '/docs/')!;
    expect(below).toContain('href="/docs/');
    expect(below).not.toBe(bodyHtml(runbook, '/'));
    expect(bodyHtml(runbook, '/docs')).toBe(renderMarkdown(runbook.body!.mdast, '/docs/'));
  });

  test('an MDX body is left to Astro (its components are compiled)', () => {
    expect(mdx).toBeDefined();
    expect(bodyHtml(mdx, '/')).toBeUndefined();
  });
});
