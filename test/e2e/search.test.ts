/**
 * Search in a real browser against the built example site: alert names and
 * operation ids come first, facets narrow results, filter-only browsing
 * works, and the operations log filters restore from a shared URL.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { documentPath } from '../../src/core/links/urls.ts';
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

describe('what a result quotes', () => {
  /** The words of every result shown on /search/ for a query: title, summary and excerpt. */
  async function shown(query: string): Promise<{ url: string; text: string; marks: string[] }[]> {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('#search-status').filter({ hasText: /result/ }).waitFor();
    return page.locator('#search-results .search-result').evaluateAll((items) =>
      items.map((item) => ({
        url: (item.querySelector('.result-link') as HTMLAnchorElement).pathname,
        text: [...item.querySelectorAll('.result-text, .result-excerpt')].map((p) => p.textContent).join(' | '),
        marks: [...item.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
      })),
    );
  }

  test('excerpts are body text: no ids, people, tickets or alert lists run together, for an operation, a team and a runbook', async () => {
    const project = await openProject(REPO_ROOT);
    const alerts = [...new Set([...project.byId.runbooks.values()].flatMap((r) => (r.data!.alerts as string[] | undefined) ?? []))];
    const byUrl = new Map(project.documents.map((doc) => [documentPath(doc.collection, doc.id), doc]));
    const operation = project.byId.operations.get('2026/2026-07-09-orders-db-partitioning')!;
    for (const [query, expected] of [
      [operation.data!.operationId as string, '/operations/2026/2026-07-09-orders-db-partitioning/'],
      ['OrderEventsConsumerLagHigh', '/teams/data/'],
      ['disk', '/runbooks/data/orders-db-disk-full/'],
      [String(operation.data!.operator), '/operations/2026/2026-07-09-orders-db-partitioning/'],
    ] as const) {
      const results = await shown(query);
      expect(results.map((r) => r.url), query).toContain(expected);
      for (const result of results) {
        const record = searchRecord(byUrl.get(result.url)!, project.kinds);
        // The index-only words as Pagefind would quote them: two or more in a row.
        const words = [...record.exact, ...record.keywords];
        if (words.length > 1) expect(result.text, `${query}: ${result.url}`).not.toContain(words.slice(0, 2).join(' '));
        for (const a of alerts) for (const b of alerts) expect(result.text, result.url).not.toContain(`${a}${b}`);
      }
    }
    // The team, which has no summary, quotes its page: the alerts it lists, as separate words.
    const team = (await shown('OrderEventsConsumerLagHigh')).find((r) => r.url === '/teams/data/')!;
    expect(team.marks).toContain('OrderEventsConsumerLagHigh');
  });

  test('query words are marked in titles and summaries, and where the body matches', async () => {
    const results = await shown('disk');
    const runbook = results.find((r) => r.url === '/runbooks/data/orders-db-disk-full/')!;
    const title = await page.locator('#search-results .result-link', { hasText: 'Orders database disk usage high' }).locator('mark').allTextContents();
    expect(title).toEqual(['disk']);
    expect(runbook.marks.filter((m) => /^disk/i.test(m)).length).toBeGreaterThan(1);
    const postmortem = page.locator('#search-results .search-result', { has: page.locator('a[href="/postmortems/2026/2026-09-22-search-cluster-red-missing-products/"]') });
    expect(await postmortem.locator('.result-text mark').allTextContents()).toEqual(['disk']);
    // Marks are made from text: a summary is never read as HTML.
    expect(await page.locator('#search-results mark *').count()).toBe(0);
    // The header box marks them too.
    await quickSearch('failover');
    expect(await page.locator('#site-search-results [role="option"] mark').first().textContent()).toMatch(/^failover/i);
  });
});

describe('offline', () => {
  test('the header box says search needs the network and links the saved pages', async () => {
    const offline = await browser.newContext({ serviceWorkers: 'block' });
    const tab = await offline.newPage();
    await tab.goto(`${server.url}/runbooks/`);
    await offline.setOffline(true);
    await tab.keyboard.press('/');
    await tab.keyboard.type('failover');
    const note = tab.locator('#site-search-note');
    await expect.poll(() => note.textContent()).toContain('You are offline: search needs the network.');
    expect(await note.getByRole('link', { name: 'every runbook' }).getAttribute('href')).toBe('/runbooks/');
    expect(await note.getByRole('link', { name: 'the alert list' }).getAttribute('href')).toBe('/alerts/');
    expect(await tab.locator('#site-search-results').isVisible()).toBe(true);
    // Enter stays on the page rather than open a search page that cannot load.
    await tab.keyboard.press('Enter');
    expect(new URL(tab.url()).pathname).toBe('/runbooks/');
    // Back online, the same query finds results.
    await offline.setOffline(false);
    await tab.evaluate(() => window.dispatchEvent(new Event('online')));
    await tab.locator('#site-search-results [role="option"]').first().waitFor();
    expect(await note.isHidden()).toBe(true);
    await offline.close();
  });

  test('the search page says so when the index cannot be loaded', async () => {
    const broken = await browser.newContext({ serviceWorkers: 'block' });
    const tab = await broken.newPage();
    await tab.route('**/pagefind/**', (route) => route.abort('internetdisconnected'));
    await tab.goto(`${server.url}/search/?q=failover`);
    const status = tab.locator('#search-status');
    await expect.poll(() => status.textContent()).toContain('You are offline: search needs the network.');
    expect(await status.getByRole('link', { name: 'every runbook' }).getAttribute('href')).toBe('/runbooks/');
    await broken.close();
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
