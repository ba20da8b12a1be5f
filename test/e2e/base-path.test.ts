/**
 * A site built with a base path (OPSBOOK_BASE=/opsbook/, as on a GitHub Pages
 * project site) and served below it: every link, asset, diagram node, search
 * result, alert page and export carries the base.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { recordingContext } from '../helpers/browser.ts';
import { crawl } from '../helpers/crawl.ts';
import { servedSite } from '../helpers/served.ts';
import { indexedPages, indexFolders } from '../helpers/search-index.ts';

const served = servedSite('valid-base', '/opsbook/');
const site = served.site;

test('every internal href and src resolves below the base', () => {
  const result = crawl(site.dist, '/opsbook/');
  expect(result.broken).toEqual([]);
  expect(result.links).toBeGreaterThan(200);
});

test('body links, images, diagram nodes, alert pages and exports carry the base', () => {
  const runbook = site.page('/runbooks/checkout/slow-checkout/');
  expect(runbook).toContain('<img src="/opsbook/runbooks/checkout/img/path.png"');
  expect(runbook).toContain('<a href="/opsbook/runbooks/payments/provider-errors/#diagnosis">');
  expect(runbook).toMatch(/<a href="\/opsbook\/services\/checkout\/" class="diagram-link"/);
  expect(site.page('/runbooks/payments/provider-errors/')).toContain('<a href="/opsbook/procedures/release/#workflow">');
  expect(site.page('/alerts/checkoutlatencyhigh/')).toContain('<meta http-equiv="refresh" content="0; url=/opsbook/runbooks/checkout/slow-checkout/">');
  expect(JSON.parse(readFileSync(join(site.dist, 'alerts.json'), 'utf8')).CheckoutLatencyHigh.url).toBe('/opsbook/alerts/checkoutlatencyhigh/');
  expect(JSON.parse(readFileSync(join(site.dist, 'operations.json'), 'utf8'))[0].url).toMatch(/^\/opsbook\/operations\//);
  expect(readFileSync(join(site.dist, 'operations.csv'), 'utf8')).toContain(',/opsbook/operations/2026/2026-05-20-edge-certificates/\r\n');
});

test('search results lead below the base, and nothing is fetched from elsewhere', async () => {
  const { context, requests } = await recordingContext(served.browser);
  const page = await context.newPage();
  await page.goto(`${served.server.url}/opsbook/`);
  await page.keyboard.press('/');
  await page.keyboard.type('CheckoutLatencyHigh');
  const first = page.locator('#site-search-results [role="option"]').first();
  await first.waitFor();
  expect(await first.getAttribute('data-url')).toBe('/opsbook/runbooks/checkout/slow-checkout/');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${served.server.url}/opsbook/runbooks/checkout/slow-checkout/`);
  expect(requests.filter((url) => !url.startsWith(`${served.server.url}/opsbook/`))).toEqual([]);
  await context.close();
});

test('an index written in parts (three pages each on this site) is searched as one: every document is found by its title', async () => {
  const parts = indexFolders(site.dist).slice(1);
  expect(parts.length).toBeGreaterThanOrEqual(2);
  const documents = indexedPages(site.dist);
  expect(documents).toHaveLength(10);
  const { context, requests } = await recordingContext(served.browser);
  const page = await context.newPage();
  for (const { url, meta } of documents) {
    await page.goto(`${served.server.url}/opsbook/`);
    await page.keyboard.press('/');
    await page.keyboard.type(meta.title);
    // Results follow the typing: wait for those of the whole title.
    await expect
      .poll(() => page.locator('#site-search-results [role="option"]').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.url)), { message: meta.title })
      .toContain(`/opsbook${url}`);
  }
  // Every part was fetched, below the base.
  for (const folder of parts) expect(requests.some((r) => r.startsWith(`${served.server.url}/opsbook/${folder}pagefind-entry.json`)), folder).toBe(true);
  await context.close();
});
