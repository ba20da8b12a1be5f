/**
 * Incident kits on the example site: one page per service with its runbooks
 * in full (most severe first, ids kept apart), what it depends on with those
 * runbooks, the escalation chain to the site's default, and a PDF when the
 * build has a browser; in Chromium, no sideways scrolling at phone and
 * desktop width, and in print no site chrome, a page per runbook and link
 * addresses shown.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../helpers/browser.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { builtSite, OUTPUT } from '../helpers/site.ts';

const site = builtSite('example');
const SERVICES = readdirSync(join(REPO_ROOT, 'content/services')).map((f) => f.replace(/\.yaml$/, '')).sort();
const KIT = '/services/checkout-api/kit/';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
/** The titles of the runbooks in full, in page order. */
const fullRunbooks = (html: string) => [...html.matchAll(/<section class="kit-runbook"[^>]*>\s*<h2 id="([^"]+)">([^<]+)/g)].map((m) => [m[1]!, m[2]!.trim()]);

describe('kit pages', () => {
  test('every service has a kit and, with kitPdf: true and a browser, a PDF of it', () => {
    expect(site.status, site.output).toBe(0);
    expect(SERVICES.length).toBe(16);
    for (const id of SERVICES) {
      expect(site.exists(`/services/${id}/kit/`), id).toBe(true);
      const pdf = readFileSync(join(site.dist, 'services', id, 'kit.pdf'));
      expect(pdf.subarray(0, 5).toString('latin1'), id).toBe('%PDF-');
      expect(site.page(`/services/${id}/kit/`)).toContain(`href="/services/${id}/kit.pdf"`);
    }
    expect(site.output).toContain(`Incident kits: ${SERVICES.length} of ${SERVICES.length} printed to PDF`);
  });

  test("the service's runbooks in full, most severe first, each body with ids of its own", () => {
    const html = site.page(KIT);
    expect(fullRunbooks(html)).toEqual([
      ['kit-data-orders-db-disk-full', 'Orders database disk usage high'],
      ['kit-payments-payment-provider-errors', 'Payment provider error rate high'],
      ['kit-storefront-checkout-latency', 'Checkout latency high'],
    ]);
    // Bodies, .md and .mdx alike, with their headings one level under the runbook's title.
    for (const [prefix] of fullRunbooks(html)) {
      expect(html).toMatch(new RegExp(`<h3 id="${prefix}-diagnosis"`));
      expect(html).toMatch(new RegExp(`<h3 id="${prefix}-mitigation"`));
    }
    expect(html).toContain('class="callout'); // the MDX runbook's Callout is rendered
    const all = ids(html);
    expect(all.filter((id, i) => all.indexOf(id) !== i)).toEqual([]);
    // Every in-page link leads to an id on the page.
    for (const [, target] of html.matchAll(/\shref="#([^"]+)"/g)) expect(all, target).toContain(target);
  });

  test('a service no runbook covers says so and still gives who to call', () => {
    const page = text(site.page('/services/ci-runners/kit/'));
    expect(page).toContain('Runbooks (0) No runbook covers this service: follow the escalation above.');
    expect(page).toContain('Platform Engineering on-call Pager https://kestrel.pagerduty.example/services/PLATFORM');
  });

  test('who to call: the owner on-call, its escalation steps, then the default escalation', () => {
    const page = text(site.page(KIT));
    const call = page.slice(page.indexOf('Who to call'), page.indexOf('Owner '));
    expect(call).toContain('Payments on-call Pager https://kestrel.pagerduty.example/services/PAYMENTS Chat #payments-oncall Email payments-oncall@kestrel.example');
    expect(call).toContain('after 10m Payments secondary on-call (PagerDuty schedule payments-secondary)');
    expect(call).toContain('after 30m Payments engineering lead, Amara Lindqvist');
    expect(call).toContain('If no one answers: Platform Engineering on-call');
    expect(call.indexOf('after 30m')).toBeLessThan(call.indexOf('If no one answers'));
  });

  test('what it depends on, nearest first, with their runbooks and on-call', () => {
    const html = site.page(KIT);
    const deps = html.slice(html.indexOf('id="kit-dependencies"'));
    const names = [...deps.matchAll(/<h3><a href="\/services\/([^/]+)\/">/g)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['order-events', 'orders-db', 'payments-api']);
    expect(names).toEqual(expect.arrayContaining(['payments-db']));
    const payments = text(deps.split('<div class="kit-dependency">').find((block) => block.includes('href="/services/payments-api/"'))!);
    expect(payments).toContain('direct, sync');
    expect(payments).toContain('Payments database primary failover');
    // A runbook already in full is not repeated: it links to its section above.
    expect(payments).toContain('Payment provider error rate high (in full above)');
    expect(deps).toContain('<a href="#kit-payments-payment-provider-errors">Payment provider error rate high</a>');
    expect(text(deps)).not.toContain('Payment provider error rate high critical —');
    // Two steps away: who is on call and how many runbooks its page lists, not each runbook.
    const db = text(deps.split('<div class="kit-dependency">').find((block) => block.includes('href="/services/payments-db/"'))!);
    expect(db).toContain('2 steps away');
    expect(db).toContain('On call: Data Platform');
    expect(db).toMatch(/1 runbook, listed on its page ?\./);
    expect(db).not.toContain('failover —');
  });

  test('the service page links to its kit; the kit stays out of search (no duplicate results)', () => {
    expect(site.page('/services/checkout-api/')).toContain('href="/services/checkout-api/kit/"');
    expect(site.page(KIT)).not.toContain('data-pagefind-body');
  });
});

describe('the PDF is printed when asked for and the build has a browser', () => {
  test('by default (no kitPdf): kits without a PDF, a print button instead, said once in the build log', () => {
    const valid = builtSite('valid');
    expect(valid.status, valid.output).toBe(0);
    expect(valid.output).toContain('Incident kits: 2 pages, no PDF (off by default; kitPdf: true in opsbook.config.ts or OPSBOOK_KIT_PDF=on prints them).');
    for (const id of ['checkout', 'payments']) {
      expect(existsSync(join(valid.dist, 'services', id, 'kit.pdf'))).toBe(false);
      const kit = valid.page(`/services/${id}/kit/`);
      expect(kit).not.toContain('kit.pdf');
      // Hidden until the script shows it; without JavaScript the line beside it names the print menu.
      expect(kit).toMatch(/<button type="button" data-print hidden>Print or save as PDF<\/button>/);
      expect(text(kit)).toContain("saved as PDF from your browser's print menu");
    }
  });


  test('asked for, with diagrams left to the reader: kits without a PDF (no browser at build time), said once in the build log', () => {
    const client = builtSite('valid-client');
    expect(client.status, client.output).toBe(0);
    expect(client.output).toContain('Incident kits: 2 pages, no PDF (diagrams set to "client").');
    for (const id of ['checkout', 'payments']) {
      expect(client.exists(`/services/${id}/kit/`)).toBe(true);
      expect(existsSync(join(client.dist, 'services', id, 'kit.pdf'))).toBe(false);
      expect(client.page(`/services/${id}/kit/`)).not.toContain('kit.pdf');
    }
  });

  test('OPSBOOK_KIT_PDF=on, below a base path: the PDF is printed from the pages there, and linked with the base', () => {
    const based = builtSite('valid-base');
    expect(based.status, based.output).toBe(0);
    expect(based.output).toContain('Incident kits: 2 of 2 printed to PDF');
    expect(readFileSync(join(based.dist, 'services/checkout/kit.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(based.page('/services/checkout/kit/')).toContain('href="/opsbook/services/checkout/kit.pdf"');
  });
});

describe('in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;
  const SCREENSHOTS = join(OUTPUT, 'screenshots');

  beforeAll(async () => {
    server = await serveStatic(site.dist);
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, height] of [[390, 844], [1366, 900]] as const) {
    test(`no sideways scrolling at ${width}px, with or without JavaScript`, async () => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(`${server.url}${KIT}`);
        const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect(widths.scroll, `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`).toBeLessThanOrEqual(widths.client);
        expect(await page.locator('#kit-call').isVisible()).toBe(true);
        // The print button needs its script: shown with JavaScript, hidden without (the line beside it says what to do).
        expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(javaScriptEnabled);
        if (javaScriptEnabled) await page.screenshot({ path: join(SCREENSHOTS, `kit-${width}.png`) });
        await context.close();
      }
    });
  }

  test('axe-core finds no serious or critical violation, light and dark', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe is injected as an inline script, which the site's own policy rightly refuses.
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}${KIT}`);
      await page.addScriptTag({ content: axe });
      const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
      expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), colorScheme).toEqual([]);
      await context.close();
    }
  });

  test('the print button opens the browser print dialog', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${KIT}`);
    // window.print() blocks a headless page; record the call instead of opening the dialog.
    await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await context.close();
  });

  test('print: no header, navigation or footer; each runbook starts a page; link addresses are shown', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}${KIT}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.site-header', 'nav[aria-label="Main"]', '.site-footer', '.kit-actions']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
    expect(await page.locator('.kit-runbook').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakBefore))).toEqual(['page', 'page', 'page']);
    const after = (selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e, '::after').content);
    expect(await after('.kit-links a[href^="https://grafana"]')).toContain('https://grafana.kestrel.example/');
    expect(await after('.kit-contacts a.kit-bare')).toBe('none'); // its text is the address already
    await page.screenshot({ path: join(SCREENSHOTS, 'kit-print.png') });
    await context.close();
  });
});
