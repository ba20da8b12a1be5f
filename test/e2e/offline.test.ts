/**
 * The offline copy in a real browser: what a first visit saves up front (on
 * the example site, every runbook with its image, team and service pages),
 * what a page read saves with it (on the same content built with no budget
 * for documents), an alert address while offline, the site-styled page for
 * what was not saved, a new deploy's worker taking over, and the same below
 * a base path.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, builtSite, OUTPUT, prepareSite, type SiteBuild } from '../helpers/site.ts';

const SCREENSHOTS = join(OUTPUT, 'screenshots');
const RUNBOOK = '/runbooks/payments/payments-db-failover/';
const IMAGE = '/runbooks/payments/img/payments-db-topology.svg';
const BANNER = /^Offline copy\. The site cannot be reached; this page was saved \d+ minutes? ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\) from the build of \d{4}-\d\d-\d\d\./;

let browser: Browser;
// The example content again, with no budget for documents: only the shell is saved up front.
let shellOnly: SiteBuild;

beforeAll(async () => {
  browser = await launchBrowser();
  shellOnly = buildSite(prepareSite('offline-shell-only', REPO_ROOT), { OPSBOOK_NOW: '2026-11-23', OPSBOOK_DIAGRAMS: 'client', OPSBOOK_OFFLINE_BUDGET: '0' });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

function precache(site: SiteBuild): string[] {
  return JSON.parse(/const PRECACHE = (\[.*\]);/.exec(readFileSync(join(site.dist, 'sw.js'), 'utf8'))![1]!) as string[];
}

/** Paths saved in the worker's cache. */
function saved(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const keys = (await caches.keys()).filter((k) => k.startsWith('opsbook-'));
    if (keys.length !== 1) return [];
    return (await (await caches.open(keys[0]!)).keys()).map((r) => new URL(r.url).pathname);
  });
}

async function firstVisit(server: StaticServer, base = '/'): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
  const { context, requests } = await recordingContext(browser);
  const page = await context.newPage();
  await page.goto(`${server.url}${base}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return { context, page, requests };
}

/** The first heading of a built page, as the server would send it. */
function heading(site: SiteBuild, path: string): string {
  return /<h1[^>]*>([^<]*)/.exec(site.page(path))![1]!.trim();
}

/** Whether an image on the page was drawn (loaded and has a size). */
function drawn(page: Page, src: string): Promise<boolean> {
  return page.locator(`img[src="${src}"]`).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe('the example site', () => {
  const site = builtSite('example');
  let server: StaticServer;

  beforeAll(async () => {
    expect(site.status, site.output).toBe(0);
    server = await serveStatic(site.dist);
  });
  afterAll(async () => {
    await server?.close();
  });

  test('after visiting only the home page, a runbook, its image, its team page and its service pages load offline', { timeout: 60_000 }, async () => {
    const urls = precache(site);
    expect(urls).toEqual(expect.arrayContaining(['/', '/offline/', '/404.html', '/runbooks/', '/search/', '/alerts.json', RUNBOOK, IMAGE, '/teams/data/', '/services/payments-db/', '/services/payments-api/']));
    // Alert addresses are not saved one by one: alerts.json and the not-found page lead to the runbook.
    expect(urls.filter((u) => /^\/alerts\/[^/]+\/$/.test(u))).toEqual([]);
    const { context, page, requests } = await firstVisit(server);
    await expect.poll(async () => (await saved(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(urls.length);
    expect(requests.every((r) => r.startsWith(server.url))).toBe(true);
    await context.setOffline(true);

    await page.goto(`${server.url}${RUNBOOK}`);
    expect(await page.locator('main h1').textContent()).toBe('Payments database primary failover');
    expect(await page.locator('.offline-banner').textContent()).toMatch(BANNER);
    expect(await drawn(page, IMAGE)).toBe(true);
    expect(await page.locator('.oncall-card').textContent()).toContain('Page on-call');

    await page.locator('.oncall-card-title a[href="/teams/data/"]').click();
    await page.waitForURL(`${server.url}/teams/data/`);
    expect(await page.locator('main h1').textContent()).toContain('Data Platform');
    expect(await page.locator('.offline-banner').count()).toBe(1);

    for (const service of ['payments-db', 'payments-api']) {
      await page.goto(`${server.url}/services/${service}/`);
      expect((await page.locator('main h1').textContent())?.trim()).toBe(heading(site, `/services/${service}/`));
      expect(await page.locator('.offline-banner').count()).toBe(1);
    }
    await context.close();
  });

  test('offline, an alert address leads to its runbook through the saved not-found page and alerts.json, in any form', { timeout: 60_000 }, async () => {
    const { context, page } = await firstVisit(server);
    await expect.poll(async () => (await saved(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(precache(site).length);
    await context.setOffline(true);
    for (const form of ['searchclusterhealthred', 'SearchClusterHealthRed']) {
      await page.goto(`${server.url}/alerts/${form}/`);
      await page.waitForURL(`${server.url}/runbooks/data/search-cluster-red/`);
      expect(await page.locator('main h1').textContent()).toBe('Search cluster health red');
      expect(await page.locator('.offline-banner').textContent()).toMatch(BANNER);
    }
    await context.close();
  });

  test('while the server is down, a page never saved shows the site-styled offline page with its address and links to what is saved', { timeout: 90_000 }, async () => {
    const own = await serveStatic(site.dist);
    const { context, page } = await firstVisit(own);
    await expect.poll(async () => (await saved(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(precache(site).length);
    const unsaved = '/operations/2026/2026-01-14-payments-db-failover-drill/';
    expect(await saved(page)).not.toContain(unsaved);
    own.server.closeAllConnections();
    await own.close();
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
      await page.setViewportSize(viewport);
      const response = await page.goto(`${own.url}${unsaved}`);
      expect(response?.status()).toBe(503);
      expect(await page.locator('main h1').textContent()).toBe('This page was not saved for offline reading');
      expect(await page.locator('.offline-address').textContent()).toBe(unsaved);
      expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('width=device-width');
      // The site's stylesheet is applied: the header is laid out as on every page, not as bare HTML.
      const css = await page.locator('link[rel="stylesheet"]').getAttribute('href');
      expect(css).toMatch(/^\/_astro\/.*\.css$/);
      expect(await page.evaluate(() => [...document.styleSheets].some((s) => s.cssRules.length > 50))).toBe(true);
      expect(await page.locator('.skip-link').evaluate((a) => getComputedStyle(a).position)).toBe('absolute');
      const links = await page.locator('.offline-saved a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(expect.arrayContaining(['/', '/runbooks/', '/alerts/', '/search/']));
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(SCREENSHOTS, `offline-fallback-${viewport.width}.png`), fullPage: true });
      // The runbooks list it links is saved.
      await page.locator('.offline-saved a[href="/runbooks/"]').click();
      await page.waitForURL(`${own.url}/runbooks/`);
      expect(await page.locator('.offline-banner').count()).toBe(1);
    }
    await context.close();
  });
});

describe('a site whose budget keeps only the shell up front', () => {
  let server: StaticServer;

  beforeAll(async () => {
    expect(shellOnly.status, shellOnly.output).toBe(0);
    server = await serveStatic(shellOnly.dist);
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the build says so, and the first visit saves no runbook', () => {
    expect(shellOnly.output).toMatch(/Offline copy: a first visit saves \d+ files \(\d+ KB compressed, budget 0 KB\): the shell and the 0 most urgent of 12 up-front documents/);
    const urls = precache(shellOnly);
    expect(urls).toContain('/offline/');
    expect(urls.filter((u) => u.startsWith('/runbooks/'))).toEqual([]);
  });

  test('a runbook read once is saved with its image, team page and service pages, and reads offline', { timeout: 60_000 }, async () => {
    const { context, page } = await firstVisit(server);
    await page.goto(`${server.url}${RUNBOOK}`);
    const bundle = [RUNBOOK, IMAGE, '/runbooks/payments/files/pgbouncer-failover.ini', '/teams/data/', '/services/payments-db/', '/services/payments-api/'];
    await expect.poll(async () => (await saved(page)).filter((p) => bundle.includes(p)).length, { timeout: 20_000 }).toBe(bundle.length);
    // Pages only linked from the body (a related runbook) are not fetched in the background.
    expect(await saved(page)).not.toContain('/runbooks/data/orders-db-disk-full/');
    await context.setOffline(true);
    await page.goto(`${server.url}/`);
    await page.goto(`${server.url}${RUNBOOK}`);
    expect(await page.locator('.offline-banner').textContent()).toMatch(BANNER);
    expect(await drawn(page, IMAGE)).toBe(true);
    await page.goto(`${server.url}/services/payments-db/`);
    expect((await page.locator('main h1').textContent())?.trim()).toBe(heading(shellOnly, '/services/payments-db/'));
    await page.goto(`${server.url}/teams/data/`);
    expect(await page.locator('main h1').textContent()).toContain('Data Platform');
    await page.goto(`${server.url}/runbooks/data/orders-db-disk-full/`);
    expect(await page.locator('main h1').textContent()).toBe('This page was not saved for offline reading');
    await context.close();
  });
});

describe('a new deploy', () => {
  test('gets a cache of its own, keeps the pages read under the old one (fetched again) and deletes the old cache', { timeout: 90_000 }, async () => {
    const dist = join(OUTPUT, 'offline-deploy');
    rmSync(dist, { recursive: true, force: true });
    cpSync(shellOnly.dist, dist, { recursive: true });
    const server = await serveStatic(dist);
    const { context, page } = await firstVisit(server);
    await page.goto(`${server.url}${RUNBOOK}`);
    await expect.poll(async () => (await saved(page)).includes('/teams/data/'), { timeout: 20_000 }).toBe(true);
    const before = await page.evaluate(() => caches.keys());
    // The next deploy: another version of the worker.
    const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
    const version = /const CACHE = 'opsbook-([0-9a-f]+)'/.exec(worker)![1]!;
    writeFileSync(join(dist, 'sw.js'), worker.replaceAll(version, 'f'.repeat(version.length)));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r!.update()));
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 }).toEqual([`opsbook-${'f'.repeat(version.length)}`]);
    expect(before).toEqual([`opsbook-${version}`]);
    await expect.poll(async () => (await saved(page)).filter((p) => [RUNBOOK, IMAGE, '/teams/data/', '/services/payments-db/'].includes(p)).length, { timeout: 30_000 }).toBe(4);
    await context.setOffline(true);
    await page.goto(`${server.url}${RUNBOOK}`);
    expect(await page.locator('.offline-banner').textContent()).toMatch(BANNER);
    expect(await drawn(page, IMAGE)).toBe(true);
    await context.close();
    await server.close();
  });
});

describe('below a base path', () => {
  const site = builtSite('valid-base');
  let server: StaticServer;

  beforeAll(async () => {
    expect(site.status, site.output).toBe(0);
    server = await serveStatic(site.dist, '/opsbook/');
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the worker keeps and serves its copies below the base, and the offline page links carry it', { timeout: 60_000 }, async () => {
    const urls = precache(site);
    expect(urls.every((u) => u.startsWith('/opsbook/'))).toBe(true);
    expect(urls).toEqual(expect.arrayContaining(['/opsbook/', '/opsbook/offline/', '/opsbook/runbooks/checkout/slow-checkout/', '/opsbook/runbooks/checkout/img/path.png']));
    const { context, page } = await firstVisit(server, '/opsbook/');
    await expect.poll(async () => (await saved(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(urls.length);
    await context.setOffline(true);
    await page.goto(`${server.url}/opsbook/alerts/checkoutlatencyhigh/`);
    await page.waitForURL(`${server.url}/opsbook/runbooks/checkout/slow-checkout/`);
    expect(await page.locator('.offline-banner').count()).toBe(1);
    expect(await drawn(page, '/opsbook/runbooks/checkout/img/path.png')).toBe(true);
    await page.goto(`${server.url}/opsbook/not/saved/`);
    expect(await page.locator('.offline-address').textContent()).toBe('/opsbook/not/saved/');
    expect(await page.locator('.offline-saved a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(expect.arrayContaining(['/opsbook/', '/opsbook/runbooks/', '/opsbook/search/']));
    await context.close();
  });
});
