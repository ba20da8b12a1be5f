/**
 * What readers of documentation sites expect, in a real browser at phone
 * (390×844) and desktop (1366×900) width: a theme toggle that says its state
 * and returns to the system's, breadcrumbs, "Edit this page" when the config
 * sets `editUrl` (and none when it does not), a favicon, print output that
 * shows where links go, and search that says when it cannot run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, builtSite, OUTPUT, prepareSite, type SiteBuild } from '../helpers/site.ts';

const EDIT_URL = 'https://git.example.com/kestrel/ops/edit/main/';
const SITE_URL = 'https://ops.example.com';
const SCREENSHOTS = join(OUTPUT, 'screenshots');
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const;

const example = builtSite('example');
/** The `valid` fixture with `editUrl` set and a public site URL, built here. */
let edited: SiteBuild;
let exampleServer: StaticServer;
let editedServer: StaticServer;
let browser: Browser;

beforeAll(async () => {
  expect(example.status, example.output).toBe(0);
  const root = prepareSite('reader-edit-link', fixturePath('valid'));
  writeFileSync(join(root, 'opsbook.config.ts'), `export default { editUrl: '${EDIT_URL}' };\n`);
  edited = buildSite(root, { OPSBOOK_NOW: '2026-11-23', OPSBOOK_DIAGRAMS: 'client', OPSBOOK_SITE: SITE_URL });
  expect(edited.status, edited.output).toBe(0);
  exampleServer = await serveStatic(example.dist);
  editedServer = await serveStatic(edited.dist);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await exampleServer?.close();
  await editedServer?.close();
});

async function noSidewaysScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe.each(VIEWPORTS)('at $width×$height', (viewport) => {
  test('the theme toggle names its state, cycles System, Light, Dark and back to the system, and the choice persists', async () => {
    const context = await browser.newContext({ viewport, colorScheme: 'dark' });
    const page = await context.newPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const toggle = page.locator('#theme-toggle');
    await page.goto(`${exampleServer.url}/runbooks/payments/payments-db-failover/`);
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: system (dark)');
    expect(await toggle.textContent()).toBe('Theme: System');
    expect(await toggle.locator('.theme-toggle-state').textContent()).toBe('System');
    // It sits in the header's first row, beside the title, whatever section is current.
    const [titleBox, toggleBox] = [(await page.locator('.site-title').boundingBox())!, (await toggle.boundingBox())!];
    expect(Math.abs(toggleBox.y + toggleBox.height / 2 - (titleBox.y + titleBox.height / 2))).toBeLessThan(12);
    expect(await background()).toBe('rgb(15, 18, 22)');
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: light');
    expect(await toggle.locator('.theme-toggle-state').textContent()).toBe('Light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    // The choice is kept across pages and reloads, applied before the page paints.
    await page.goto(`${exampleServer.url}/procedures/`);
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: light');
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: dark');
    expect(await background()).toBe('rgb(15, 18, 22)');
    await page.reload();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: dark');
    // Dark is the system's look too, but it is a choice: the system turning light does not change it.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(15, 18, 22)');
    // From a choice the system does not share, the next click gives the system's look, then the system itself.
    await toggle.click();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: light');
    await toggle.click();
    // Back to the system: the saved choice is forgotten and the page follows the system again.
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: system (light)');
    expect(await background()).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => localStorage.getItem('opsbook-theme'))).toBeNull();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(15, 18, 22)');
    // The name follows the system as it changes (on the media query's change event).
    await expect.poll(() => toggle.getAttribute('aria-label')).toBe('Theme: system (dark)');
    await page.reload();
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: system (dark)');
    // The toggle fits the header beside the title.
    const box = (await toggle.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    await noSidewaysScroll(page, viewport.width);
    await page.screenshot({ path: join(SCREENSHOTS, `reader-theme-${viewport.width}.png`) });
    await context.close();
  });

  test('without JavaScript the toggle is hidden and the page follows the system', async () => {
    const context = await browser.newContext({ viewport, colorScheme: 'dark', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${exampleServer.url}/runbooks/`);
    expect(await page.locator('#theme-toggle').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 18, 22)');
    await context.close();
  });

  test('document pages have breadcrumbs from their folder, and they wrap rather than widen the page', async () => {
    const project = await openProject(REPO_ROOT);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const longest = [...project.byId.operations.values()].sort((a, b) => String(b.data!.title).length - String(a.data!.title).length)[0]!;
    for (const [path, expected] of [
      ['/runbooks/payments/payments-db-failover/', ['Runbooks', 'payments', 'Payments database primary failover']],
      ['/teams/data/', ['Teams', 'Data Platform']],
      ['/services/orders-db/', ['Services', 'Orders Database']],
      [`/operations/${longest.id}/`, ['Operations', longest.id.split('/')[0]!, String(longest.data!.title)]],
    ] as const) {
      await page.goto(`${exampleServer.url}${path}`);
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
      expect(await crumbs.locator('ol > li').allTextContents()).toEqual(expected);
      expect(await crumbs.locator('li').first().locator('a').getAttribute('href')).toBe(`/${path.split('/')[1]}/`);
      expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(expected[expected.length - 1]);
      const box = (await crumbs.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      await noSidewaysScroll(page, viewport.width);
    }
    await page.screenshot({ path: join(SCREENSHOTS, `reader-breadcrumbs-${viewport.width}.png`) });
    await context.close();
  });

  test('"Edit this page" opens the source file when editUrl is set, for Markdown and catalogue YAML alike', async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const project = await openProject(fixturePath('valid'));
    const runbook = [...project.byId.runbooks.values()][0]!;
    const team = [...project.byId.teams.values()][0]!;
    for (const doc of [runbook, team]) {
      await page.goto(`${editedServer.url}/${doc.collection}/${doc.id}/`);
      const link = page.getByRole('link', { name: 'Edit this page' });
      expect(await link.getAttribute('href')).toBe(`${EDIT_URL}${doc.file}`);
      expect(await link.isVisible()).toBe(true);
      await noSidewaysScroll(page, viewport.width);
    }
    expect(team.file).toMatch(/\.yaml$/);
    await page.goto(`${exampleServer.url}/runbooks/payments/payments-db-failover/`);
    expect(await page.locator('.edit-link').count()).toBe(0);
    await context.close();
  });
});

test('every page links the favicon, a small SVG with no script and nothing from another host', async () => {
  const head = example.page('/runbooks/payments/payments-db-failover/');
  expect(head).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  expect(example.page('/')).toContain('<link rel="icon" href="/favicon.svg"');
  const page = await browser.newPage();
  const response = await page.goto(`${exampleServer.url}/favicon.svg`);
  expect(response!.status()).toBe(200);
  const svg = await response!.text();
  expect(svg.length).toBeLessThan(1024);
  expect(svg).not.toMatch(/<script|on\w+=|href=|url\(/i);
  await page.close();
});

test.each(['light', 'dark'] as const)('breadcrumbs, the edit link, the toggle and marked search results pass axe-core (%s)', async (scheme) => {
  const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // axe is injected as an inline script, which the site's own policy rightly refuses.
  const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
  const page = await context.newPage();
  const found: string[] = [];
  for (const [server, path] of [
    [editedServer, '/runbooks/checkout/slow-checkout/'],
    [editedServer, '/teams/shop/'],
    [exampleServer, '/search/?q=disk'],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    if (path.startsWith('/search/')) await page.locator('#search-results mark').first().waitFor();
    await page.addScriptTag({ content: axe });
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    for (const v of results.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
  expect(found).toEqual([]);
  await context.close();
}, 90_000);

describe('print', () => {
  async function printed(server: StaticServer, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}${path}`);
    await page.emulateMedia({ media: 'print' });
    return page;
  }
  const after = (page: Page, selector: string) => page.locator(selector).first().evaluate((a) => getComputedStyle(a, '::after').content);

  test('an external link is followed by its address; header, search and toggle are gone; the build date stays', async () => {
    const page = await printed(exampleServer, '/runbooks/payments/payments-db-failover/');
    const pager = await page.locator('.oncall-action').first().getAttribute('href');
    expect(pager).toMatch(/^https:\/\//);
    expect(await after(page, '.oncall-action')).toBe(`" (${pager})"`);
    for (const hidden of ['.site-header nav', '.search-box', '#theme-toggle', '.footer-nav']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    expect(await page.locator('.built-on').textContent()).toContain('Built on 2026-11-23 (UTC)');
    expect(await page.locator('.built-on').isVisible()).toBe(true);
    // Without a known site address, the site's own links print as they are.
    expect(await after(page, 'main .prose a[href^="/"]')).toBe('none');
    await page.screenshot({ path: join(SCREENSHOTS, 'reader-print.png'), fullPage: true });
    await page.close();
  });

  test('with the public site URL known, a link to another page prints its absolute address', async () => {
    const page = await printed(editedServer, '/runbooks/checkout/slow-checkout/');
    const link = page.locator('main .oncall-card a[href^="/"]').first();
    const href = await link.getAttribute('href');
    expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe(`" (${SITE_URL}${href})"`);
    expect(await after(page, '.breadcrumbs a')).toBe('none');
    await page.close();
  });
});
