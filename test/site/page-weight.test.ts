/** First-visit page weight: every runbook page stays within 50 KB compressed, and loads nothing from other hosts. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { pageWeight } from '../../src/lib/page-weight.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('example');

function runbookPages(dir: string, prefix = '/runbooks/'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? runbookPages(join(dir, e.name), `${prefix}${e.name}/`) : e.name === 'index.html' && prefix !== '/runbooks/' ? [prefix] : [],
  );
}

test('every runbook page loads at most 50 KB compressed on a first visit, all from the site itself', () => {
  const pages = runbookPages(join(site.dist, 'runbooks'));
  expect(pages.length).toBe(12);
  for (const path of pages) {
    const weight = pageWeight(site.dist, path);
    expect(weight.external, path).toEqual([]);
    expect(weight.compressed, `${path}: ${JSON.stringify(weight)}`).toBeLessThanOrEqual(50 * 1024);
    expect(weight.resources.some((r) => r.url.endsWith('.css'))).toBe(true);
  }
});
