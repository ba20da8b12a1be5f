/**
 * The layout holds on a phone (390×844) and a desktop (1366×900), on every
 * page type: the page never scrolls sideways, the header search results lie
 * inside the screen, no Copy button covers the text of its code block at any
 * sideways scroll, dates in tables do not break, the header stays under a
 * fifth of a phone screen, and the foot of a page leads back to search.
 * Screenshots of each page type at phone width are kept in
 * test/.output/screenshots/ for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { servedSite } from '../helpers/served.ts';
import { OUTPUT } from '../helpers/site.ts';

const served = servedSite('example');
const SCREENSHOTS = join(OUTPUT, 'screenshots');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});


/** One page of each type, by the name its screenshot gets. */
const PAGES: [string, string][] = [
  ['home', '/'],
  ['runbook', '/runbooks/payments/payments-db-failover/'],
  ['runbook-mdx', '/runbooks/payments/payment-provider-errors/'],
  ['procedure', '/procedures/infrastructure-change/'],
  ['operation', '/operations/2026/2026-07-09-orders-db-partitioning/'],
  ['service', '/services/payments-api/'],
  ['team', '/teams/platform/'],
  ['guide', '/guides/payments/payments-platform-overview/'],
  ['postmortem', '/postmortems/2025/2025-12-03-checkout-api-v4-canary-latency/'],
  ['list-runbooks', '/runbooks/'],
  ['list-procedures', '/procedures/'],
  ['list-operations', '/operations/'],
  ['list-services', '/services/'],
  ['list-teams', '/teams/'],
  ['list-guides', '/guides/'],
  ['list-postmortems', '/postmortems/'],
  ['search', '/search/?q=failover'],
  ['alerts', '/alerts/'],
  ['review', '/review/'],
  ['topology', '/topology/'],
  ['not-found', '/no/such/page/'],
  ['unknown-alert', '/alerts/OrdersDbReplicaLagHigh/'],
];

const VIEWPORTS = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
] as const;

type Box = { left: number; right: number; top: number; bottom: number };

/** Where the page has settled: search results listed, the unknown-alert text written. */
async function settle(page: Page, path: string): Promise<void> {
  if (path.startsWith('/search/')) await page.locator('#search-results li').first().waitFor();
  if (path.startsWith('/alerts/OrdersDb')) await page.locator('#unknown-alert-title', { hasText: 'No runbook for' }).waitFor();
}

/** Copy buttons whose box meets a line of their block's code, as seen at the block's current sideways scroll. */
function copyOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const found: string[] = [];
    for (const button of document.querySelectorAll<HTMLElement>('.copy-button')) {
      const block = button.closest('.code-block')!;
      const pre = block.querySelector('pre')!;
      const frame = pre.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector('code') ?? pre);
      // Only the text that shows inside the block's frame can be covered.
      const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.left < frame.right && r.right > frame.left);
      const box = button.getBoundingClientRect();
      if (lines.some((line) => meets(line, box))) found.push(`${(pre.textContent ?? '').slice(0, 40)}… (scrollLeft ${pre.scrollLeft})`);
      if (box.right > window.innerWidth || box.left < 0) found.push(`button off screen: ${(pre.textContent ?? '').slice(0, 40)}`);
    }
    return found;
  });
}

async function scrollBlocks(page: Page, where: 'middle' | 'end'): Promise<void> {
  await page.evaluate((to) => {
    for (const pre of document.querySelectorAll<HTMLElement>('.code-block > pre')) pre.scrollLeft = to === 'end' ? pre.scrollWidth : (pre.scrollWidth - pre.clientWidth) / 2;
  }, where);
}

/** Dates (YYYY-MM-DD) in table cells that are drawn on more than one line. */
function brokenDates(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll('td, th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d)?/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

async function searchBox(page: Page, query: string): Promise<Box> {
  await page.locator('#site-search').fill(query);
  await page.locator('#site-search-results [role="option"]').first().waitFor();
  return page.locator('#site-search-results').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

for (const [label, viewport] of VIEWPORTS) {
  describe(`at ${label} width (${viewport.width}×${viewport.height})`, () => {
    test('no page scrolls sideways, the search results lie inside the screen, and no Copy button covers code', { timeout: 180_000 }, async () => {
      const context = await served.browser.newContext({ viewport, isMobile: label === 'phone', hasTouch: label === 'phone' });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const [name, path] of PAGES) {
        await page.goto(`${served.server.url}${path}`);
        await settle(page, path);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > viewport.width) problems.push(`${path}: the page is ${width} px wide`);
        if (label === 'phone') await page.screenshot({ path: join(SCREENSHOTS, `phone-${name}.png`), fullPage: true });
        for (const overlap of await copyOverlaps(page)) problems.push(`${path}: Copy covers ${overlap}`);
        if (await page.locator('.code-block > pre').count()) {
          for (const where of ['middle', 'end'] as const) {
            await scrollBlocks(page, where);
            for (const overlap of await copyOverlaps(page)) problems.push(`${path}: Copy covers ${overlap}`);
          }
        }
        for (const date of await brokenDates(page)) problems.push(`${path}: the date ${date} breaks across lines`);
        const box = await searchBox(page, 'database');
        if (box.left < 0 || box.right > viewport.width) problems.push(`${path}: search results from x=${box.left} to ${box.right}`);
        if (await page.evaluate(() => document.documentElement.scrollWidth) > viewport.width) problems.push(`${path}: the open search results widen the page`);
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}

test('every code block of a runbook has its Copy button, in the bar above the code', async () => {
  const page = await served.browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
  const blocks = page.locator('.prose .code-block');
  expect(await blocks.count()).toBeGreaterThan(2);
  expect(await page.locator('.prose .code-block .code-bar .copy-button').count()).toBe(await blocks.count());
  for (const block of await blocks.all()) {
    const [bar, pre] = await Promise.all([block.locator('.code-bar').boundingBox(), block.locator('pre').boundingBox()]);
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(pre!.y + 0.5);
  }
  // The first command is wider than the phone: it scrolls inside its block, under no button.
  const first = page.locator('.prose .code-block > pre').first();
  expect(await first.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
  await page.close();
});

test('the results box is a full-width sheet on small phones, inside the screen', async () => {
  for (const width of [360, 390, 414]) {
    const page = await served.browser.newPage({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
    await page.goto(`${served.server.url}/runbooks/`);
    const box = await searchBox(page, 'orders');
    expect(box.left, `at ${width}`).toBeGreaterThanOrEqual(0);
    expect(box.right, `at ${width}`).toBeLessThanOrEqual(width);
    expect(box.right - box.left, `at ${width}`).toBeGreaterThanOrEqual(width - 16);
    // The kind badge of the first result is on screen.
    const badge = await page.locator('#site-search-results .result-kind').first().boundingBox();
    expect(badge!.x).toBeGreaterThanOrEqual(0);
    if (width === 390) await page.screenshot({ path: join(SCREENSHOTS, 'phone-search-box.png') });
    await page.close();
  }
  // Between phone and desktop (a tablet), the box still fits.
  const tablet = await served.browser.newPage({ viewport: { width: 768, height: 1024 } });
  await tablet.goto(`${served.server.url}/`);
  const box = await searchBox(tablet, 'orders');
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(768);
  await tablet.close();
});

test('the header takes less than a fifth of a phone screen, and every section stays one tap away', async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 360, height: 740 }]) {
    const page = await served.browser.newPage({ viewport, isMobile: true, hasTouch: true });
    await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
    const header = await page.locator('.site-header').boundingBox();
    expect(header!.height, `at ${viewport.width}×${viewport.height}`).toBeLessThan(viewport.height / 5);
    // The sections scroll sideways inside their row; the page does not.
    const nav = page.locator('.site-header nav[aria-label="Main"]');
    expect(await nav.getByRole('link').count()).toBeGreaterThanOrEqual(10);
    await nav.getByRole('link', { name: 'Alerts' }).scrollIntoViewIfNeeded();
    expect(await nav.getByRole('link', { name: 'Alerts' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.close();
  }
});

test('at the foot of a long runbook, one tap goes back to the search box, with or without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await served.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
    const again = page.locator('.site-footer').getByRole('link', { name: 'Search again' });
    await again.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
    await again.tap();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    expect(await page.locator('#site-search').isVisible()).toBe(true);
    expect(await page.locator('.site-footer').getByRole('link', { name: 'Search page' }).getAttribute('href')).toBe('/search/');
    await context.close();
  }
});

describe('the search page on a phone', () => {
  test('lists results before the filters, folded, and hides values that match nothing', async () => {
    const context = await served.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${served.server.url}/search/?q=failover`);
    await page.locator('#search-results li').first().waitFor();
    const results = await page.locator('#search-results').boundingBox();
    const filters = await page.locator('.search-filters').boundingBox();
    expect(results!.y).toBeLessThan(filters!.y);
    expect(results!.y).toBeLessThan(844);
    expect(await page.locator('#search-filters').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.locator('#search-filters summary').tap();
    await page.locator('#search-facets input[name="kind"]').first().waitFor({ state: 'visible' });
    // Every value shown finds something; the ones that would find nothing are hidden.
    const shown = await page.locator('#search-facets label:visible .facet-count').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((count) => count === '(0)')).toEqual([]);
    expect(await page.locator('#search-facets label:not(:visible)').count()).toBeGreaterThan(0);
    // Choosing a filter says so on the folded summary.
    await page.locator('#search-facets input[name="kind"][value="runbook"]').check();
    await expect.poll(() => page.locator('#search-filter-count').textContent()).toBe('(1 chosen)');
    await context.close();
  });

  test('on a desktop the filters stay beside the results, unfolded', async () => {
    const page = await served.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${served.server.url}/search/?q=failover`);
    await page.locator('#search-results li').first().waitFor();
    expect(await page.locator('#search-filters').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const results = await page.locator('#search-results').boundingBox();
    const filters = await page.locator('.search-filters').boundingBox();
    expect(filters!.x + filters!.width).toBeLessThanOrEqual(results!.x);
    await page.close();
  });
});
