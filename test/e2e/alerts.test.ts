/**
 * No dead ends for alerts. Served as a static host serves a site (its
 * 404.html for any address with no file, case-sensitive paths): an alert
 * URL leads to its runbook in exact case, lower case, with spaces, encoded,
 * or as an Alertmanager label; an alert no runbook lists gets a page that
 * says so, offers a search and shows the default escalation; the 404 page is
 * the site's own, with and without JavaScript. The header search puts the
 * runbook of a matching alert first and pre-selects nothing for an unknown
 * alert name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkConfig, resolveConfig } from '../../src/core/config.ts';
import { alertSlug } from '../../src/core/links/urls.ts';
import { alertKey, alertList, alertNameFrom, looksLikeAlertName, lookupAlert, rankByAlert, similarAlerts, type AlertsJson } from '../../src/scripts/alert-match.ts';
import { alertInPath, alertInQuery } from '../../src/scripts/alert-redirect.ts';
import { recordingContext } from '../helpers/browser.ts';
import { fixturePath } from '../helpers/content.ts';
import { servedSite } from '../helpers/served.ts';
import { buildSite, prepareSite } from '../helpers/site.ts';

const served = servedSite('example');
const site = served.site;



const RUNBOOK = '/runbooks/payments/payments-db-failover/';

describe('matching an alert name', () => {
  const json: AlertsJson = {
    PaymentsDbPrimaryDown: { url: '/alerts/paymentsdbprimarydown/', runbook: 'payments/payments-db-failover', runbookUrl: RUNBOOK, title: 'Payments database primary failover', severity: 'critical' },
    PaymentsDbReplicationLagHigh: { url: '/alerts/paymentsdbreplicationlaghigh/', runbook: 'payments/payments-db-failover', runbookUrl: RUNBOOK, title: 'Payments database primary failover', severity: 'critical' },
    'Checkout Latency/High': { url: '/alerts/checkout-latency-high/', runbook: 'checkout/slow', runbookUrl: '/runbooks/checkout/slow/', title: 'Slow checkout', severity: null },
    'api-5xx': { url: '/alerts/api-5xx/', runbook: 'edge/a', runbookUrl: '/runbooks/edge/a/', title: 'A', severity: null },
    api5xx: { url: '/alerts/api5xx/', runbook: 'edge/b', runbookUrl: '/runbooks/edge/b/', title: 'B', severity: null },
  };
  const alerts = alertList(json);

  test('an Alertmanager label, quotes and percent-escapes come off the name', () => {
    expect(alertNameFrom('PaymentsDbPrimaryDown')).toBe('PaymentsDbPrimaryDown');
    expect(alertNameFrom('alertname="PaymentsDbPrimaryDown"')).toBe('PaymentsDbPrimaryDown');
    expect(alertNameFrom('alertname=PaymentsDbPrimaryDown')).toBe('PaymentsDbPrimaryDown');
    expect(alertNameFrom('{alertname="PaymentsDbPrimaryDown", severity="critical"}')).toBe('PaymentsDbPrimaryDown');
    expect(alertNameFrom('alertname%3D%22PaymentsDbPrimaryDown%22')).toBe('PaymentsDbPrimaryDown');
    expect(alertNameFrom('Payments%20Db%20Primary%20Down')).toBe('Payments Db Primary Down');
    expect(alertNameFrom('100%')).toBe('100%'); // not an escape: left as typed
  });

  test('any case, spacing or punctuation finds the alert, with the slug of its page', () => {
    for (const input of ['PaymentsDbPrimaryDown', 'paymentsdbprimarydown', 'PAYMENTSDBPRIMARYDOWN', 'Payments Db Primary Down', 'payments-db-primary-down', 'alertname="PaymentsDbPrimaryDown"']) {
      expect(lookupAlert(input, alerts).match?.name, input).toBe('PaymentsDbPrimaryDown');
    }
    // The slug is the one alert pages are written at (src/core/links/urls.ts), shared, not copied.
    expect(lookupAlert('checkout latency high', alerts).match?.url).toBe(`/alerts/${alertSlug('Checkout Latency/High')}/`);
    expect(alertKey('Checkout Latency/High')).toBe('checkoutlatencyhigh');
  });

  test('a prefix lists the alerts it starts; two alerts that differ only in punctuation resolve to neither unless the slug is exact', () => {
    expect(lookupAlert('PaymentsDb', alerts)).toMatchObject({ match: undefined, prefix: [{ name: 'PaymentsDbPrimaryDown' }, { name: 'PaymentsDbReplicationLagHigh' }] });
    expect(lookupAlert('API_5XX', alerts)).toMatchObject({ match: undefined, ambiguous: [{ name: 'api-5xx' }, { name: 'api5xx' }] });
    expect(lookupAlert('api5xx', alerts).match?.name).toBe('api5xx');
    expect(lookupAlert('api 5xx', alerts).match?.name).toBe('api-5xx');
    expect(lookupAlert('OrdersDbReplicaLagHigh', alerts)).toMatchObject({ match: undefined, prefix: [], ambiguous: [] });
  });

  test('similar names are offered for an unknown one', () => {
    expect(similarAlerts('PaymentsDbPrimaryDwn', alerts).map((a) => a.name)[0]).toBe('PaymentsDbPrimaryDown');
    expect(similarAlerts('PaymentsDbPrimary', alerts).map((a) => a.name)).toContain('PaymentsDbPrimaryDown');
    expect(similarAlerts('PaymentsDbReplicaLagHigh', alerts).map((a) => a.name)).toEqual(['PaymentsDbReplicationLagHigh']);
    expect(similarAlerts('KafkaBrokerDown', alerts)).toEqual([]);
  });

  test('what reads as an alert name: CamelCase or snake_case tokens and labels, not words', () => {
    expect(looksLikeAlertName('OrdersDbReplicaLagHigh')).toBe(true);
    expect(looksLikeAlertName('node_filesystem_full')).toBe(true);
    expect(looksLikeAlertName('alertname="x"')).toBe(true);
    expect(looksLikeAlertName('kafka')).toBe(false);
    expect(looksLikeAlertName('consumer lag')).toBe(false);
    expect(looksLikeAlertName('2026-07-09-orders-db-partitioning')).toBe(false);
  });

  test("a matching alert's runbook goes first, once, and is added when the index did not return it", () => {
    const results = [
      { url: '/teams/payments/', excerpt: '', meta: { title: 'Payments', kind: 'team' } },
      { url: '/operations/drill/', excerpt: '', meta: { title: 'Drill', kind: 'operation' } },
      { url: RUNBOOK, excerpt: '', meta: { title: 'Payments database primary failover', kind: 'runbook' } },
    ];
    expect(rankByAlert(results, lookupAlert('PaymentsDb', alerts), true).map((r) => r.url)).toEqual([RUNBOOK, '/teams/payments/', '/operations/drill/']);
    expect(rankByAlert(results.slice(0, 2), lookupAlert('PaymentsDbPrimaryDown', alerts), true).map((r) => r.url)).toEqual([RUNBOOK, '/teams/payments/', '/operations/drill/']);
    expect(rankByAlert(results.slice(0, 2), lookupAlert('PaymentsDbPrimaryDown', alerts), false).map((r) => r.url)).toEqual(['/teams/payments/', '/operations/drill/']);
  });

  test('the alert part of a not-found address, under any base', () => {
    expect(alertInPath('/alerts/PaymentsDbPrimaryDown/', '/')).toBe('PaymentsDbPrimaryDown');
    expect(alertInPath('/alerts/PaymentsDbPrimaryDown', '/')).toBe('PaymentsDbPrimaryDown');
    expect(alertInPath('/opsbook/alerts/a%20b/index.html', '/opsbook/')).toBe('a%20b');
    expect(alertInPath('/alerts/', '/')).toBeUndefined();
    expect(alertInPath('/runbooks/x/', '/')).toBeUndefined();
    expect(alertInQuery('?alertname=%22X%22')).toBe('"X"');
  });
});

describe('alert addresses lead to the runbook', () => {
  const forms = [
    '/alerts/paymentsdbprimarydown/',
    '/alerts/PaymentsDbPrimaryDown/',
    '/alerts/PaymentsDbPrimaryDown',
    '/alerts/PAYMENTSDBPRIMARYDOWN/',
    '/alerts/Payments Db Primary Down/',
    '/alerts/Payments%20Db%20Primary%20Down/',
    '/alerts/alertname=PaymentsDbPrimaryDown/',
    '/alerts/alertname=%22PaymentsDbPrimaryDown%22/',
    '/alerts/?alertname=PaymentsDbPrimaryDown',
    '/alerts/?alertname=%22paymentsdbprimarydown%22',
  ];
  test.each(forms)('%s', async (path) => {
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}${path}`);
    await page.waitForURL(`${served.server.url}${RUNBOOK}`);
    expect(await page.locator('main h1').textContent()).toBe('Payments database primary failover');
    await page.close();
  });
});

describe('the 404 page', () => {
  async function styled(page: Page): Promise<void> {
    expect(await page.locator('link[rel="stylesheet"][href^="/_astro/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.site-header .site-title').textContent()).toBe('Kestrel Ops');
    // The site's stylesheet applied: the header's rule and the card's border.
    expect(await page.locator('.site-header').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('solid');
    expect(await page.locator('.default-escalation').evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('2px');
  }

  test('is written, and is the site own page, with a search and the default escalation, without JavaScript', async () => {
    expect(site.exists('/404.html')).toBe(true);
    const context = await served.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    for (const path of ['/no/such/page/', '/alerts/OrdersDbReplicaLagHigh/']) {
      const response = await page.goto(`${served.server.url}${path}`);
      expect(response!.status()).toBe(404);
      await styled(page);
      expect(await page.locator('main h1:visible').textContent()).toBe('Page not found');
      expect(await page.locator('main form[role="search"]').getAttribute('action')).toBe('/search/');
      const card = page.locator('.default-escalation');
      expect(await card.locator('.oncall-card-title').textContent()).toContain('Platform Engineering');
      expect(await card.getByRole('link', { name: 'Page on-call' }).getAttribute('href')).toBe('https://kestrel.pagerduty.example/services/PLATFORM');
      expect(await card.textContent()).toContain('after 15m');
      expect(await card.textContent()).toContain('page the platform on-call');
    }
    await context.close();
  });

  test('for an alert no runbook lists: says so, offers a search and similar names, and shows who to call', async () => {
    const { context, violations } = await recordingContext(served.browser, { viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const response = await page.goto(`${served.server.url}/alerts/OrdersDbReplicaLagHigh/`);
    expect(response!.status()).toBe(404);
    await page.locator('#unknown-alert-title', { hasText: 'No runbook for' }).waitFor();
    await styled(page);
    expect(await page.locator('main h1:visible').textContent()).toBe('No runbook for OrdersDbReplicaLagHigh');
    expect(await page.title()).toBe('No runbook for OrdersDbReplicaLagHigh · Kestrel Ops');
    expect(await page.locator('#not-found-page').isVisible()).toBe(false);
    expect(await page.locator('#unknown-alert-status').textContent()).toContain('No runbook lists this alert');
    expect(await page.locator('#unknown-alert-search a').getAttribute('href')).toBe('/search/?q=OrdersDbReplicaLagHigh');
    expect(await page.locator('#unknown-alert-similar a').allTextContents()).toContain('OrdersDbDiskUsageHigh');
    expect(await page.locator('.default-escalation').getByRole('link', { name: 'Page on-call' }).isVisible()).toBe(true);
    expect(violations).toEqual([]);
    await page.locator('#unknown-alert-search a').click();
    await page.waitForURL(`${served.server.url}/search/?q=OrdersDbReplicaLagHigh`);
    await context.close();
  });

  test('an unknown name on the alert list says that no runbook lists it', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}/alerts/?alertname=OrdersDbReplicaLagHigh`);
    await expect.poll(() => page.locator('#alert-query-note').textContent()).toContain('No runbook lists the alert OrdersDbReplicaLagHigh');
    expect(await page.locator('#no-runbook-escalation').textContent()).toContain('Platform Engineering');
    await page.close();
  });
});

describe('header search and alert names', () => {
  let page: Page;
  beforeAll(async () => {
    page = await served.browser.newPage();
  });

  async function quickSearch(query: string): Promise<{ urls: string[]; selected: string[]; kinds: string[] }> {
    await page.goto(`${served.server.url}/`);
    await page.locator('#site-search').fill(query);
    const options = page.locator('#site-search-results [role="option"]');
    await options.first().waitFor();
    return {
      urls: await options.evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.url ?? '')),
      selected: await options.evaluateAll((items) => items.filter((i) => i.getAttribute('aria-selected') === 'true').map((i) => (i as HTMLElement).dataset.url ?? '')),
      kinds: await page.locator('#site-search-results .result-kind').allTextContents(),
    };
  }

  test('an unknown alert name pre-selects nothing: Enter searches, and the box says there is no runbook', async () => {
    const { selected } = await quickSearch('OrdersDbReplicaLagHigh');
    expect(selected).toEqual([]);
    const note = page.locator('#site-search-note');
    expect(await note.textContent()).toBe('No runbook lists the alert OrdersDbReplicaLagHigh. See who to call.');
    expect(await note.getByRole('link', { name: 'who to call' }).getAttribute('href')).toBe('/alerts/ordersdbreplicalaghigh/');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${served.server.url}/search/?q=OrdersDbReplicaLagHigh`);
  });

  test('the runbook of an alert the query names or starts comes first, above teams, services and operations', async () => {
    for (const [query, runbook] of [
      ['PaymentsDb', RUNBOOK],
      ['paymentsdbprimary', RUNBOOK],
      ['Payments Db Primary Down', RUNBOOK],
      ['alertname="OrdersDbDiskUsageHigh"', '/runbooks/data/orders-db-disk-full/'],
      ['orders db', '/runbooks/data/orders-db-disk-full/'],
    ] as const) {
      const { urls, selected, kinds } = await quickSearch(query);
      expect(urls[0], query).toBe(runbook);
      expect(kinds[0], query).toBe('runbook');
      expect(selected, query).toEqual([runbook]);
      expect(await page.locator('#site-search-note').isVisible(), query).toBe(false);
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(`${served.server.url}/runbooks/data/orders-db-disk-full/`);
  });

  test('words that are not an alert name still pre-select the best result', async () => {
    const { selected, urls } = await quickSearch('consumer lag');
    expect(selected).toEqual([urls[0]]);
  });
});

describe('configuration', () => {
  test('defaultEscalation takes a team and a note; a typo inside it suggests its own keys', () => {
    const good = checkConfig({ defaultEscalation: { team: 'platform', note: 'Page platform.' } }, "defaultEscalation: { team: 'platform' }");
    expect(good.diagnostics).toEqual([]);
    expect(resolveConfig(good.config).defaultEscalation).toEqual({ team: 'platform', note: 'Page platform.' });
    expect(resolveConfig({}).defaultEscalation).toBeUndefined();
    const typo = checkConfig({ defaultEscalation: { teem: 'platform' } }, "export default {\n  defaultEscalation: { teem: 'platform' },\n};");
    expect(typo.diagnostics.map((d) => `${d.line} ${d.message} ${d.hint}`)).toEqual([
      '2 Unknown setting "defaultEscalation.teem" in opsbook.config.ts. Did you mean "team"? Settings are: team, note. A typo in the config is never ignored.',
    ]);
  });

  test('a defaultEscalation team that does not exist stops the build, naming the teams there are', { timeout: 180_000 }, () => {
    const root = prepareSite('bad-escalation', fixturePath('valid'));
    writeFileSync(join(root, 'opsbook.config.ts'), "export default { defaultEscalation: { team: 'platfrom' } };\n");
    const build = buildSite(root, { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_NOW: '2026-11-23' });
    expect(build.status).not.toBe(0);
    expect(build.output).toContain('opsbook.config.ts: "defaultEscalation.team" is "platfrom", which names no team.');
    expect(build.output).toContain('Set it to the id of a file under content/teams/ (shop), or remove it.');
  });
});
