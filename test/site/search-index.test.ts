import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { documentPath } from '../../src/core/links/urls.ts';
import { openProject } from '../../src/core/project.ts';
import { searchRecord } from '../../src/core/views/search-facets.ts';
import { indexableHtml, writeSearchIndex } from '../../src/lib/search-index.ts';
import { INDEX_ONLY_ID } from '../../src/scripts/search-text.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { builtSite } from '../helpers/site.ts';

test('the index holds exactly the document pages; one that misses documents is an error', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'opsbook-index-'));
  try {
    cpSync(builtSite('valid').dist, copy, { recursive: true });
    rmSync(join(copy, 'pagefind'), { recursive: true, force: true });
    expect(await writeSearchIndex(copy, 10)).toEqual({ indexed: 10, errors: [] });
    rmSync(join(copy, 'runbooks'), { recursive: true });
    expect(await writeSearchIndex(copy, 10)).toEqual({ indexed: 8, errors: ['The search index holds 8 pages but the site has 10 documents.'] });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

/** Each indexed page as Pagefind stores it: its text and the elements with an id, at the word they start. */
function fragments(dist: string): { url: string; content: string; anchors: { id: string; location: number }[] }[] {
  const folder = join(dist, 'pagefind', 'fragment');
  return readdirSync(folder).map((name) => JSON.parse(gunzipSync(readFileSync(join(folder, name))).subarray('pagefind_dcd'.length).toString('utf8')));
}

test('what search quotes is body text: index-only words come after the body, and no two names run together', async () => {
  const site = builtSite('example');
  const project = await openProject(REPO_ROOT);
  const byUrl = new Map(project.documents.map((doc) => [documentPath(doc.collection, doc.id), doc]));
  const alerts = [...new Set([...project.byId.runbooks.values()].flatMap((r) => (r.data!.alerts as string[] | undefined) ?? []))];
  expect(alerts.length).toBeGreaterThan(5);
  const pages = fragments(site.dist);
  expect(pages.length).toBe(project.documents.length);
  for (const page of pages) {
    const doc = byUrl.get(page.url);
    expect(doc, page.url).toBeDefined();
    const record = searchRecord(doc!, project.kinds);
    const words = page.content.split(/[^\S\uFEFF]+/);
    const cut = page.anchors.find((a) => a.id === INDEX_ONLY_ID)?.location;
    // The index-only block is last and holds exactly the record's words, in their own sentences.
    const indexOnly = [...record.exact, ...record.keywords];
    if (indexOnly.length === 0) expect(cut, page.url).toBeUndefined();
    else expect(words.slice(cut).join(' ').replace(/\.(?= |$)/g, ''), page.url).toBe(indexOnly.join(' '));
    const body = words.slice(0, cut).join(' ');
    for (const a of alerts) for (const b of alerts) expect(body, page.url).not.toContain(`${a}${b}`);
  }
  // The team page that lists five alerts quotes them as five words.
  const team = pages.find((p) => p.url === '/teams/data/')!;
  expect(team.content).toContain('OrderEventsConsumerLagHigh · OrdersDbDiskUsageHigh');
});

test('links written side by side are indexed as separate words; nothing else in the page changes', () => {
  expect(indexableHtml('<p>Alerts: <a href="/a/"><code>A</code></a><a href="/b/"><code>B</code></a></p>')).toBe('<p>Alerts: <a href="/a/"><code>A</code></a> <a href="/b/"><code>B</code></a></p>');
  expect(indexableHtml('<code>x</code><code class="y">z</code>')).toBe('<code>x</code> <code class="y">z</code>');
  // A word broken only for wrapping (<wbr>) stays one word.
  expect(indexableHtml('<code>Orders<wbr>Db</code>')).toBe('<code>Orders<wbr>Db</code>');
  expect(indexableHtml('<a href="/a/">a</a>, <abbr>b</abbr>')).toBe('<a href="/a/">a</a>, <abbr>b</abbr>');
});
