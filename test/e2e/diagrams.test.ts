/**
 * Diagrams in a real browser, in both rendering modes: drawn at build time
 * (inline SVG, no diagram code on the page) and drawn by the reader's browser
 * from the site's own Mermaid (client mode). Either way nodes link to service
 * pages, and nothing is fetched from another host.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { builtSite } from '../helpers/site.ts';

let browser: Browser;
const servers: StaticServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

async function serve(name: string): Promise<StaticServer> {
  const site = builtSite(name);
  expect(site.status, site.output).toBe(0);
  const server = await serveStatic(site.dist);
  servers.push(server);
  return server;
}

describe('build mode', () => {
  test('the build said which mode it used', () => {
    expect(builtSite('example').output).toMatch(/Diagrams: \d+ drawn at build time as SVG/);
    expect(builtSite('valid-client').output).toMatch(/Diagrams: \d+ left for the reader's browser to draw \(diagrams set to "client"\)/);
  });

  test('a service map is an inline SVG whose nodes link to service pages, with no diagram code loaded', async () => {
    const server = await serve('example');
    const { context, requests } = await recordingContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/services/payments-api/`);
    const svg = page.locator('#neighbourhood + figure .diagram-svg svg');
    await expect.poll(() => svg.count()).toBe(1);
    const links = await svg.locator('a.diagram-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/services/payments-db/');
    expect(links).toContain('/services/checkout-api/');
    expect(requests.filter((url) => /mermaid/.test(url))).toEqual([]);
    await svg.locator('a.diagram-link[href="/services/payments-db/"]').click();
    await page.waitForURL(`${server.url}/services/payments-db/`);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    await context.close();
  });

  test('topology, blast radius and authored diagrams are drawn; a page with no diagram has no diagram script', () => {
    const site = builtSite('example');
    expect(site.page('/topology/').match(/<div class="diagram-svg"><svg/g)!.length).toBe(5);
    expect(site.page('/operations/2026/2026-07-09-orders-db-partitioning/')).toMatch(/<h2 id="blast-radius">[\s\S]*<div class="diagram-svg"><svg/);
    expect(site.page('/runbooks/payments/payments-db-failover/').match(/<div class="diagram-svg"><svg/g)!.length).toBe(2);
    for (const path of ['/runbooks/', '/teams/payments/', '/search/']) {
      const html = site.page(path);
      expect(html).not.toContain('mermaid');
      expect(html).not.toMatch(/<script[^>]*diagrams/);
    }
    expect(site.exists('/_opsbook/mermaid/mermaid.esm.min.mjs')).toBe(false);
  });
});

describe('client mode', () => {
  test('without JavaScript the diagram source is readable text', async () => {
    const server = await serve('valid-client');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/services/payments/`);
    expect(await page.locator('pre.mermaid-source').first().textContent()).toContain('flowchart LR');
    expect(await page.locator('.diagram-nodes a').allTextContents()).toEqual(['Checkout', 'Payments']);
    await context.close();
  });

  test("the reader's browser draws the diagram from the site's own Mermaid, nodes linked", async () => {
    const server = await serve('valid-client');
    const { context, requests, violations } = await recordingContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/services/payments/`);
    const svg = page.locator('.diagram-svg svg');
    await svg.first().waitFor({ timeout: 20_000 });
    expect(await svg.first().locator('a.diagram-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')).sort())).toEqual(['/services/checkout/', '/services/payments/']);
    expect(requests.some((url) => url.includes('/_opsbook/mermaid/'))).toBe(true);
    expect(violations).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    await context.close();
  });
});
