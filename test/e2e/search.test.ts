/**
 * Search in a real browser against the built example site: alert names and
 * operation ids come first, facets narrow results, filter-only browsing
 * works, and the operations log filters restore from a shared URL.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { searchRecord } from '../../src/core/views/search-facets.ts';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { builtSite } from '../helpers/site.ts';

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let requests: string[];
let violations: string[];
let page: Page;

beforeAll(async () => {
  const site = builtSite('example');
  expect(site.status, site.output).toBe(0);
  server = await serveStatic(site.dist);
  browser = await launchBrowser();
  ({ context, requests, violations } = await recordingContext(browser));
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function quickSearch(query: string): Promise<string[]> {
  await page.goto(`${server.url}/`);
  await page.keyboard.press('/');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search');
  await page.keyboard.type(query);
  const options = page.locator('#site-search-results [role="option"]');
  await options.first().waitFor();
  return options.evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.url ?? ''));
}

test('the index covers every document with its facet values', async () => {
  const project = await openProject(REPO_ROOT);
  const expected: Record<string, Record<string, number>> = {};
  for (const doc of project.documents) {
    for (const [facet, values] of Object.entries(searchRecord(doc, project.kinds).filters)) {
      for (const value of values) ((expected[facet] ??= {})[value] = (expected[facet]![value] ?? 0) + 1);
    }
  }
  await page.goto(`${server.url}/`);
  // A string, so the test runner does not rewrite the browser's import().
  const filters = (await page.evaluate(`(async () => {
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
    return pagefind.filters();
  })()`)) as Record<string, Record<string, number>>;
  expect(filters).toEqual(expected);
  expect(Object.values(filters.kind!).reduce((a, b) => a + b, 0)).toBe(project.documents.length);
});

describe('header search', () => {
  test('an exact alert name finds its runbook first', async () => {
    const urls = await quickSearch('PaymentsDbReplicationLagHigh');
    expect(urls[0]).toBe('/runbooks/payments/payments-db-failover/');
  });

  test('an exact operation id finds its record first', async () => {
    const urls = await quickSearch('2026-07-09-orders-db-partitioning');
    expect(urls[0]).toBe('/operations/2026/2026-07-09-orders-db-partitioning/');
  });

  test('results show kind, title, summary and metadata, and the keyboard opens one', async () => {
    await quickSearch('consumer lag');
    const first = page.locator('#site-search-results [role="option"]').first();
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    // The runbook and the guide on reading the lag dashboards both answer; each shows its kind and services.
    expect(['runbook', 'guide']).toContain(await first.locator('.result-kind').textContent());
    expect(await first.locator('.result-meta').textContent()).toContain('order-events');
    const url = await first.getAttribute('data-url');
    expect(url).toMatch(/^\/(runbooks\/data\/order-events-consumer-lag|guides\/data\/order-events-lag-dashboards)\/$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}${url}`);
  });
});

describe('search page facets', () => {
  async function results(): Promise<{ urls: string[]; kinds: string[] }> {
    await page.locator('#search-status').filter({ hasText: /result/ }).waitFor();
    return {
      urls: await page.locator('#search-results .result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname)),
      kinds: await page.locator('#search-results .result-kind').allTextContents(),
    };
  }

  test('a facet narrows the results, and the URL keeps the view', async () => {
    await page.goto(`${server.url}/search/?q=database`);
    const all = await results();
    expect(new Set(all.kinds).size).toBeGreaterThan(1);
    await page.locator('#search-facets input[name="kind"][value="operation"]').check();
    await expect.poll(async () => (await results()).kinds.every((k) => k === 'operation')).toBe(true);
    const narrowed = await results();
    expect(narrowed.urls.length).toBeGreaterThan(0);
    expect(narrowed.urls.length).toBeLessThan(all.urls.length);
    expect(new URL(page.url()).search).toBe('?q=database&kind=operation');
    await page.reload();
    expect((await results()).urls).toEqual(narrowed.urls);
  });

  test('filters alone browse without a query, as auditors do', async () => {
    const project = await openProject(REPO_ROOT);
    const expected = [...project.byId.operations.values()].filter((o) => o.data!.riskLevel === 'critical').map((o) => `/operations/${o.id}/`).sort();
    await page.goto(`${server.url}/search/?risk=critical`);
    await expect.poll(async () => (await results()).urls.sort()).toEqual(expected);
    expect(await page.locator('#search-facets input[name="risk"][value="critical"]').isChecked()).toBe(true);
  });
});

describe('operations log', () => {
  test('filters in the browser, and a shared URL restores the same view', async () => {
    const project = await openProject(REPO_ROOT);
    const expected = [...project.byId.operations.values()]
      .map((o) => o.data!)
      .filter((o) => (o.services as string[]).includes('orders-db') && o.riskLevel !== 'low')
      .filter((o) => o.riskLevel === 'critical')
      .map((o) => o.title)
      .sort();
    await page.goto(`${server.url}/operations/`);
    const visibleTitles = () => page.locator('.ops-row:visible > a').allTextContents().then((t) => t.sort());
    expect((await visibleTitles()).length).toBe(project.byId.operations.size);
    await page.selectOption('select[name="service"]', 'orders-db');
    await page.selectOption('select[name="risk"]', 'critical');
    await expect.poll(visibleTitles).toEqual(expected);
    const shared = page.url();
    expect(new URL(shared).search).toBe('?service=orders-db&risk=critical');
    expect(await page.locator('#ops-count').textContent()).toBe(`${expected.length} of ${project.byId.operations.size} operations match the filters.`);

    const other = await context.newPage();
    await other.goto(shared);
    await expect.poll(() => other.locator('.ops-row:visible > a').allTextContents().then((t) => t.sort())).toEqual(expected);
    expect(await other.locator('select[name="risk"]').inputValue()).toBe('critical');
    await other.goto(`${server.url}/operations/?from=2026-06-01&to=2026-08-31`);
    const summer = [...project.byId.operations.values()].filter((o) => String(o.data!.date) >= '2026-06-01' && String(o.data!.date) <= '2026-08-31').length;
    await expect.poll(() => other.locator('.ops-row:visible').count()).toBe(summer);
    await other.close();
  });
});

test('the site made no request to any other host, and its Content-Security-Policy blocked nothing it needs', () => {
  expect(requests.length).toBeGreaterThan(10);
  expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  expect(violations).toEqual([]);
});
