/**
 * Diagrams in a real browser. Maps generated from the catalogue are inline
 * SVG drawn at build time in Node, in either diagram mode: nodes link to
 * service pages, text stays readable on a phone (the map scrolls in its frame,
 * never the page), small maps keep their natural size, colours follow the
 * theme and print on white. Authored Mermaid diagrams are drawn at build time
 * in Chromium, or by the reader's browser from the site's own Mermaid (client
 * mode). Nothing is fetched from another host.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { fixturePath } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, builtSite, prepareSite, type SiteBuild } from '../helpers/site.ts';

let browser: Browser;
let clientSite: SiteBuild;
const servers: StaticServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // Authored diagrams and maps, with no build-time browser for the diagrams.
  clientSite = buildSite(prepareSite('maps-client', fixturePath('maps')), { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_NOW: '2026-11-23' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

async function serve(site: SiteBuild): Promise<StaticServer> {
  expect(site.status, site.output).toBe(0);
  const server = await serveStatic(site.dist);
  servers.push(server);
  return server;
}

const MAP = /<div class="diagram-svg diagram-map-frame" data-map="[0-9a-f]+"><svg/g;
const AUTHORED = /<div class="diagram-svg"[^>]*><svg/g;

/** What the reader sees of each map on the page. */
async function measureMaps(page: Page) {
  return page.evaluate(() => {
    const px = (el: Element) => {
      const svg = el.closest('svg') as SVGSVGElement;
      const size = Number(el.getAttribute('font-size') ?? svg.getAttribute('font-size'));
      return size * (el as SVGGraphicsElement).getScreenCTM()!.a;
    };
    return {
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      maps: [...document.querySelectorAll<SVGSVGElement>('svg.opsbook-map')].map((svg) => {
        const frame = svg.parentElement!;
        const texts = [...svg.querySelectorAll('text')];
        // A label sits inside its box: nothing covers it, it overflows nothing.
        const uncontained = [...svg.querySelectorAll('g.map-node')].filter((node) => {
          const box = node.querySelector('rect')!.getBoundingClientRect();
          const text = node.querySelector('text')!.getBoundingClientRect();
          return text.left < box.left || text.right > box.right || text.top < box.top || text.bottom > box.bottom;
        }).length;
        return {
          natural: svg.viewBox.baseVal.width,
          shown: svg.getBoundingClientRect().width,
          smallestText: Math.min(...texts.map(px)),
          frameScrolls: frame.scrollWidth > frame.clientWidth,
          frameWithinPage: frame.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5,
          uncontained,
        };
      }),
    };
  });
}

/** What the reader sees of each authored diagram: the size its text is shown at, and whether it fits. */
async function measureAuthored(page: Page) {
  return page.evaluate(() => ({
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    diagrams: [...document.querySelectorAll<HTMLElement>('.diagram-svg:not(.diagram-map-frame)')].map((frame) => {
      const svg = frame.querySelector('svg')!;
      // SVG text, and HTML labels in foreignObject (scaled with the SVG as the foreignObject is).
      const texts = [...svg.querySelectorAll<Element>('text, foreignObject div')].filter((t) => t.textContent?.trim());
      const px = (t: Element) => parseFloat(getComputedStyle(t).fontSize) * (t.closest('text, foreignObject') as SVGGraphicsElement).getScreenCTM()!.a;
      return {
        natural: svg.viewBox.baseVal.width,
        shown: svg.getBoundingClientRect().width,
        smallestText: Math.min(...texts.map(px)),
        frameScrolls: frame.scrollWidth > frame.clientWidth,
        frameWithinPage: frame.getBoundingClientRect().right <= document.documentElement.clientWidth + 0.5,
      };
    }),
  }));
}

describe('build mode', () => {
  test('the build said which mode it used', () => {
    expect(builtSite('example').output).toMatch(/Diagrams: \d+ drawn at build time as SVG/);
    // A cold build draws every authored diagram of a Markdown body while its pages render; none is left for after them.
    const [, ahead] = /distinct: (\d+) drawn while pages rendered, 0 after them/.exec(builtSite('example').output) ?? [];
    expect(Number(ahead)).toBeGreaterThan(0);
    expect(clientSite.output).toMatch(/Diagrams: 6 left for the reader's browser to draw \(diagrams set to "client"\)/);
  });

  test('a service map is an inline SVG whose nodes link to service pages, with no diagram code loaded', async () => {
    const server = await serve(builtSite('example'));
    const { context, requests, violations } = await recordingContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/services/payments-api/`);
    const svg = page.locator('#neighbourhood + figure .diagram-svg svg');
    await expect.poll(() => svg.count()).toBe(1);
    const links = await svg.locator('a.diagram-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/services/payments-db/');
    expect(links).toContain('/services/checkout-api/');
    expect(requests.filter((url) => /mermaid|diagrams/.test(url))).toEqual([]);
    await svg.locator('a.diagram-link[href="/services/payments-db/"]').click();
    await page.waitForURL(`${server.url}/services/payments-db/`);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    expect(violations).toEqual([]);
    await context.close();
  });

  test('topology, blast radius and authored diagrams are drawn; a page with no diagram has no diagram script', () => {
    const site = builtSite('example');
    // The zone overview and one map per zone.
    expect(site.page('/topology/').match(MAP)!.length).toBe(5);
    expect(site.page('/operations/2026/2026-07-09-orders-db-partitioning/')).toMatch(/<h2 id="blast-radius">[\s\S]*<div class="diagram-svg diagram-map-frame"[^>]*><svg/);
    const runbook = site.page('/runbooks/payments/payments-db-failover/');
    expect(runbook.match(MAP)!.length).toBe(1);
    expect(runbook.match(AUTHORED)!.length).toBe(1);
    expect(runbook).not.toContain('mermaid-source');
    for (const path of ['/runbooks/', '/teams/payments/', '/search/']) {
      const html = site.page(path);
      expect(html).not.toContain('mermaid');
      expect(html).not.toMatch(/<script[^>]*diagrams/);
    }
    expect(site.exists('/_opsbook/mermaid/mermaid.esm.min.mjs')).toBe(false);
  });

  test('every service, runbook and operation page has its map', () => {
    const site = builtSite('example');
    const pages = (dir: string): string[] =>
      readdirSync(join(site.dist, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pages(`${dir}/${e.name}`) : e.name === 'index.html' ? [`/${dir}/`] : []));
    const documents = ['services', 'runbooks', 'operations'].flatMap((kind) => pages(kind).filter((path) => path.split('/').length > 3 && !path.endsWith('/kit/')));
    expect(documents.length).toBeGreaterThan(30);
    for (const path of documents) expect(site.page(path).match(MAP), path).not.toBeNull();
  });

  test('each map opens at full size as an SVG file of its own, its nodes linked, no script', async () => {
    const site = builtSite('example');
    const server = await serve(site);
    const { context, requests } = await recordingContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/topology/`);
    const full = page.locator('#zone-app ~ figure a.diagram-full');
    const target = await full.getAttribute('href');
    expect(target).toMatch(/^\/_opsbook\/maps\/[0-9a-f]+\.svg$/);
    await full.click();
    await page.waitForURL(`${server.url}${target}`);
    expect(await page.evaluate(() => document.documentElement.tagName)).toBe('svg');
    expect(await page.locator('a.diagram-link').count()).toBe(14);
    expect(await page.locator('script').count()).toBe(0);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    await context.close();
  });

  for (const [width, height] of [
    [390, 844],
    [1366, 900],
  ] as const) {
    test(`at ${width}x${height} map text is at least 11 px, the page never scrolls sideways, small maps keep their natural size`, async () => {
      const server = await serve(builtSite('example'));
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      for (const path of ['/topology/', '/operations/2026/2026-07-09-orders-db-partitioning/', '/services/payments-api/']) {
        await page.goto(`${server.url}${path}`);
        const { pageOverflow, maps } = await measureMaps(page);
        expect(pageOverflow, path).toBe(0);
        expect(maps.length, path).toBeGreaterThan(0);
        for (const map of maps) {
          expect(map.smallestText, path).toBeGreaterThanOrEqual(10.99);
          expect(map.shown, path).toBeLessThanOrEqual(map.natural + 0.5);
          expect(map.frameWithinPage, path).toBe(true);
          expect(map.uncontained, path).toBe(0);
        }
        if (path === '/topology/') {
          // The two-service zone is small: drawn at its natural size, not blown up.
          const small = maps.find((m) => m.natural < 250)!;
          expect(small.shown).toBeCloseTo(small.natural, 0);
          // The largest map is wider than a phone at its smallest readable size: it scrolls in its frame.
          if (width === 390) expect(maps.some((m) => m.frameScrolls)).toBe(true);
          else expect(maps.every((m) => !m.frameScrolls)).toBe(true);
        }
      }
      await page.screenshot({ path: join(builtSite('example').root, `topology-${width}.png`), fullPage: true });
      await context.close();
    });
  }

  for (const [width, height] of [
    [390, 844],
    [1366, 900],
  ] as const) {
    test(`at ${width}x${height} authored diagram text is at least 11 px: a wide diagram scrolls in its frame, never the page`, async () => {
      const server = await serve(builtSite('example'));
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      let scrolled = 0;
      for (const path of ['/runbooks/data/order-events-consumer-lag/', '/runbooks/payments/payments-db-failover/', '/guides/payments/payments-platform-overview/']) {
        await page.goto(`${server.url}${path}`);
        const { pageOverflow, diagrams } = await measureAuthored(page);
        expect(pageOverflow, path).toBe(0);
        expect(diagrams.length, path).toBeGreaterThan(0);
        for (const diagram of diagrams) {
          expect(diagram.smallestText, path).toBeGreaterThanOrEqual(10.99);
          expect(diagram.shown, path).toBeLessThanOrEqual(diagram.natural + 0.5);
          expect(diagram.frameWithinPage, path).toBe(true);
          if (diagram.frameScrolls) scrolled++;
        }
      }
      // The consumer-lag flowchart is about 1,600 px wide: on a phone it scrolls, on a desktop the column holds it at 11 px or more.
      if (width === 390) expect(scrolled).toBeGreaterThan(0);
      await page.goto(`${server.url}/runbooks/data/order-events-consumer-lag/`);
      await page.screenshot({ path: join(builtSite('example').root, `authored-diagram-${width}.png`), fullPage: true });
      await context.close();
    });
  }

  test('in dark mode, from the system or the theme toggle, maps are drawn dark and authored diagrams dimmed; print is on white', async () => {
    const server = await serve(builtSite('example'));
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/[\d.]+/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const colours = (page: Page) =>
      page.evaluate(() => {
        const frame = document.querySelector('.diagram-map-frame')!;
        const node = document.querySelector('svg.opsbook-map g.map-node:not(.focus):not(.external) rect')!;
        const authored = document.querySelector('.diagram-svg:not(.diagram-map-frame)');
        return {
          frame: getComputedStyle(frame).backgroundColor,
          node: getComputedStyle(node).fill,
          text: getComputedStyle(document.querySelector('svg.opsbook-map g.map-node text')!).fill,
          authoredFilter: authored ? getComputedStyle(authored).filter : undefined,
        };
      });
    const path = '/runbooks/payments/payments-db-failover/';

    const system = await browser.newContext({ colorScheme: 'dark' });
    let page = await system.newPage();
    await page.goto(`${server.url}${path}`);
    let seen = await colours(page);
    expect(luminance(seen.frame)).toBeLessThan(0.15);
    expect(luminance(seen.node)).toBeLessThan(0.25);
    expect(luminance(seen.text)).toBeGreaterThan(0.7);
    expect(seen.authoredFilter).toBe('brightness(0.72)');
    await page.emulateMedia({ media: 'print' });
    seen = await colours(page);
    expect(seen.frame).toBe('rgb(255, 255, 255)');
    expect(luminance(seen.node)).toBeGreaterThan(0.85);
    expect(seen.authoredFilter).toBe('none');
    await system.close();

    // A light system, dark chosen with the toggle (saved, applied before paint).
    const toggled = await browser.newContext({ colorScheme: 'light' });
    page = await toggled.newPage();
    await page.goto(`${server.url}${path}`);
    expect(luminance((await colours(page)).frame)).toBeGreaterThan(0.9);
    // The toggle steps through its choices; press it until dark is chosen.
    for (let press = 0; press < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; press++) await page.locator('#theme-toggle').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    seen = await colours(page);
    expect(luminance(seen.frame)).toBeLessThan(0.15);
    expect(luminance(seen.node)).toBeLessThan(0.25);
    await page.reload();
    expect(luminance((await colours(page)).frame)).toBeLessThan(0.15);
    await toggled.close();
  });
});

describe('client mode', () => {
  test('without JavaScript maps are already drawn and the authored diagram source is readable text', async () => {
    const server = await serve(clientSite);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/services/checkout/`);
    const links = await page.locator('figure.diagram-map svg a.diagram-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')).sort());
    expect(links).toEqual(['/services/checkout/', '/services/order-events/', '/services/orders-db/', '/services/payments-db/', '/services/payments/', '/services/storefront/']);
    expect(await page.locator('.diagram-nodes a').allTextContents()).toEqual(['Checkout', 'Order Events', 'Orders Database', 'Payments', 'Payments Database', 'Storefront']);
    expect(await page.locator('.diagram-source code').first().textContent()).toMatch(/^flowchart LR\n/);
    await page.goto(`${server.url}/runbooks/checkout-down/`);
    expect(await page.locator('pre.mermaid-source').first().textContent()).toContain('flowchart TD');
    expect(await page.locator('svg.opsbook-map').count()).toBe(1);
    await context.close();
  });

  test("the reader's browser draws authored diagrams from the site's own Mermaid; pages with only maps load no diagram code", async () => {
    const server = await serve(clientSite);
    const { context, requests, violations } = await recordingContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/services/checkout/`);
    await page.locator('svg.opsbook-map').waitFor();
    expect(requests.filter((url) => /mermaid|diagrams/.test(url))).toEqual([]);
    await page.goto(`${server.url}/runbooks/checkout-down/`);
    await expect.poll(() => page.locator('.diagram-svg:not(.diagram-map-frame) svg').count(), { timeout: 20_000 }).toBe(3);
    // Each source now sits in the <details> below its drawing.
    expect(await page.locator('details.diagram-source pre.mermaid-source').count()).toBe(3);
    await page.setViewportSize({ width: 390, height: 844 });
    const { pageOverflow, diagrams } = await measureAuthored(page);
    expect(pageOverflow).toBe(0);
    for (const diagram of diagrams) expect(diagram.smallestText).toBeGreaterThanOrEqual(10.99);
    expect(requests.some((url) => url.includes('/_opsbook/mermaid/'))).toBe(true);
    expect(violations).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
    await context.close();
  });
});
