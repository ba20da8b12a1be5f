/**
 * The on-call reading experience in a real browser: alert URLs, copy buttons,
 * the theme toggle, accessibility (axe-core) on every page type, and
 * screenshots of a runbook kept as artefacts (the offline copy is in
 * offline.test.ts).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Code } from 'mdast';
import type { Page } from 'playwright-core';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { servedSite } from '../helpers/served.ts';
import { OUTPUT } from '../helpers/site.ts';

const served = servedSite('example');
const SCREENSHOTS = join(OUTPUT, 'screenshots');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});


test('an alert URL leads to its runbook, with the on-call card at the top', async () => {
  const page = await served.browser.newPage();
  await page.goto(`${served.server.url}/alerts/ordersdbdiskusagehigh/`);
  await page.waitForURL(`${served.server.url}/runbooks/data/orders-db-disk-full/`);
  const card = page.locator('.oncall-card');
  expect(await card.locator('.oncall-card-title').textContent()).toContain('Data Platform');
  expect(await card.getByRole('link', { name: 'Page on-call' }).getAttribute('href')).toMatch(/^https:\/\//);
  expect(await card.textContent()).toContain('after 15m');
  await page.close();
});

test('the copy button copies exactly the command the author wrote', async () => {
  const project = await openProject(REPO_ROOT);
  const doc = project.byId.runbooks.get('payments/payments-db-failover')!;
  const blocks: string[] = [];
  visit(doc.body!.mdast, 'code', (node: Code) => {
    if (node.lang !== 'mermaid') blocks.push(node.value);
  });
  expect(blocks[0]).toContain("--format='value(state,gceZone,failoverReplica.available)'");
  const context = await served.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.server.url });
  const page = await context.newPage();
  await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
  const buttons = page.locator('.prose .copy-button');
  expect(await buttons.count()).toBe(blocks.length);
  for (const [i, expected] of blocks.slice(0, 3).entries()) {
    await buttons.nth(i).click();
    await expect.poll(() => buttons.nth(i).textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
  }
  await context.close();
});

test('console sessions copy the commands without prompts or output', async () => {
  const { commandText } = await import('../../src/scripts/copy-code.ts');
  expect(commandText('$ kubectl get pods\nNAME  READY\napi   1/1\n$ kubectl logs api --since=5m\n', 'console')).toBe('kubectl get pods\nkubectl logs api --since=5m');
  expect(commandText('$ psql -c "select 1"\n$ echo “done” — ok\n', 'bash')).toBe('psql -c "select 1"\necho “done” — ok');
  expect(commandText('echo "$HOME" -- literal\n', 'bash')).toBe('echo "$HOME" -- literal');
});

test('the theme follows the system, the toggle switches it and the choice persists', async () => {
  const context = await served.browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.goto(`${served.server.url}/runbooks/`);
  expect(await background()).toBe('rgb(15, 18, 22)');
  const toggle = page.locator('#theme-toggle');
  expect(await toggle.getAttribute('aria-label')).toBe('Theme: system (dark)');
  await toggle.click();
  expect(await background()).toBe('rgb(255, 255, 255)');
  expect(await toggle.getAttribute('aria-label')).toBe('Theme: light');
  await page.goto(`${served.server.url}/procedures/`);
  expect(await background()).toBe('rgb(255, 255, 255)');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  await context.close();
});

test('every page reads without JavaScript', async () => {
  const context = await served.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
  expect(await page.locator('main h1').textContent()).toBe('Payments database primary failover');
  expect(await page.locator('.oncall-card').isVisible()).toBe(true);
  expect(await page.locator('#mitigation').isVisible()).toBe(true);
  expect(await page.locator('.diagram-svg svg').count()).toBeGreaterThan(0);
  await page.goto(`${served.server.url}/operations/`);
  const project = await openProject(REPO_ROOT);
  expect(await page.locator('.ops-row').count()).toBe(project.byId.operations.size);
  await context.close();
});

test('screenshots of a runbook in both themes and at phone width are kept', async () => {
  for (const [name, options] of [
    ['runbook-light', { colorScheme: 'light' as const, viewport: { width: 1280, height: 1600 } }],
    ['runbook-dark', { colorScheme: 'dark' as const, viewport: { width: 1280, height: 1600 } }],
    ['runbook-phone', { colorScheme: 'light' as const, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ] as const) {
    const context = await served.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${served.server.url}/runbooks/payments/payments-db-failover/`);
    const path = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path, fullPage: name !== 'runbook-phone' });
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    if (name === 'runbook-phone') {
      // Nothing wider than the phone: no sideways scrolling of the page itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await context.close();
  }
});

/** Pages of the kinds on the shared route: listings and documents. */
const NEW_KINDS = ['/guides/', '/guides/payments/payments-platform-overview/', '/postmortems/', '/postmortems/2025/2025-12-03-checkout-api-v4-canary-latency/'];

test('guides and postmortems fit a phone and a desktop: no sideways overflow, screenshots kept', async () => {
  for (const [label, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 900 }]] as const) {
    const context = await served.browser.newContext({ viewport, isMobile: label === 'phone' });
    const page = await context.newPage();
    for (const path of NEW_KINDS) {
      await page.goto(`${served.server.url}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} at ${label}`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: join(SCREENSHOTS, `${path.split('/')[1]}${path.split('/').length > 3 ? '-page' : '-list'}-${label}.png`), fullPage: true });
    }
    // The postmortem shows its durations and its overdue action item, as of the build date.
    await page.goto(`${served.server.url}/postmortems/2025/2025-12-03-checkout-api-v4-canary-latency/`);
    expect(await page.locator('#durations').count()).toBe(1);
    expect(await page.locator('.durations dt').allTextContents()).toEqual(expect.arrayContaining(['Time to detect', 'Time to mitigate', 'Time to resolve']));
    expect(await page.locator('tr.overdue').count()).toBeGreaterThan(0);
    await context.close();
  }
});

describe('accessibility', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const pages = ['/', '/runbooks/', '/runbooks/payments/payments-db-failover/', '/runbooks/payments/payment-provider-errors/', '/procedures/infrastructure-change/', '/operations/', '/operations/2026/2026-07-09-orders-db-partitioning/', '/services/payments-api/', '/teams/platform/', '/topology/', '/alerts/', '/review/', '/search/?q=database', ...NEW_KINDS];

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no serious or critical violation on any page type (${scheme})`, async () => {
      // axe is injected as an inline script, which the site's own policy rightly refuses.
      const context = await served.browser.newContext({ colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of pages) {
        await page.goto(`${served.server.url}${path}`);
        if (path.startsWith('/search/')) await page.locator('#search-results li').first().waitFor();
        for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
      }
      expect(found).toEqual([]);
      await context.close();
    });
  }
});
