/**
 * A runbook written for GitHub, with the raw HTML GitHub shows and
 * `<placeholder>`s in prose, builds with warnings only and is published as
 * GitHub would show it: the HTML sanitised, the placeholders as text. In a
 * browser, at phone and desktop width and with JavaScript off, nothing runs
 * off the side and the placeholders are there to read. Screenshots are kept in
 * <output>/screenshots/ for people to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { checkFixture, fixturePath } from '../helpers/content.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, OUTPUT, prepareSite, type SiteBuild } from '../helpers/site.ts';

const PAGE = '/runbooks/github-style/';
let site: SiteBuild;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = buildSite(prepareSite('github-html', fixturePath('github-html')), { OPSBOOK_DIAGRAMS: 'client' });
  expect(site.status, site.output).toBe(0);
  server = await serveStatic(site.dist);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a runbook written for GitHub', () => {
  test('checks with warnings for the placeholders only', async () => {
    expect(await checkFixture('github-html')).toEqual([
      'content/runbooks/github-style.md:33:19 warning <cluster-id> is not HTML: it is shown as text. Write it in backticks: `<cluster-id>` (GitHub would drop it as an unknown tag). html/placeholder',
      'content/runbooks/github-style.md:33:35 warning <namespace> is not HTML: it is shown as text. Write it in backticks: `<namespace>` (GitHub would drop it as an unknown tag). html/placeholder',
      'content/runbooks/github-style.md:43:27 warning <your-token> is not HTML: it is shown as text. Write it in backticks: `<your-token>` (GitHub would drop it as an unknown tag). html/placeholder',
    ]);
  });

  test('is published sanitised as GitHub shows it, placeholders as text', () => {
    const html = site.page(PAGE);
    expect(html).toMatch(/<div align="center">\s*<p><b>Check the dashboard first.<\/b><\/p>\s*<\/div>/);
    expect(html).toContain('<p>The lag panel climbs for the <code>checkout</code> group; see the <a href="https://grafana.example/d/kafka">lag dashboard</a>.</p>');
    expect(html).toMatch(/<details>\s*<summary>What the alert measures<\/summary>\s*<p>The difference/);
    expect(html).toContain('<th align="left">Metric</th>');
    expect(html).toContain('<td>kafka_consumergroup_lag</td>');
    expect(html).toContain('Find the group on &#x3C;cluster-id> in &#x3C;namespace>:');
    expect(html).toContain('with &#x3C;your-token> for the API.');
    expect(html).not.toMatch(/class="(external|metric)"|target="_blank"|<cluster-id|<namespace>|<your-token/);
  });

  for (const [name, viewport, javaScriptEnabled] of [
    ['phone', { width: 390, height: 844 }, true],
    ['desktop', { width: 1366, height: 900 }, true],
    ['phone-no-js', { width: 390, height: 844 }, false],
  ] as const) {
    test(`reads at ${name}: no sideways scroll, placeholders visible, nothing from another host`, async () => {
      const { context, requests, violations } = await recordingContext(browser, { viewport, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${server.url}${PAGE}`);
      const layout = await page.evaluate(() => {
        const main = document.querySelector('main') ?? document.body;
        const text = main.innerText;
        const table = document.querySelector('main table')!.getBoundingClientRect();
        const scroller = document.querySelector('main table')!.closest('.table-scroll') as HTMLElement | null;
        return {
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          text,
          tableRight: Math.min(table.right, scroller?.getBoundingClientRect().right ?? table.right),
          details: document.querySelector('main details summary')?.textContent,
        };
      });
      mkdirSync(join(OUTPUT, 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(OUTPUT, 'screenshots', `github-html-${name}.png`), fullPage: true });
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.tableRight).toBeLessThanOrEqual(layout.clientWidth);
      expect(layout.text).toContain('Find the group on <cluster-id> in <namespace>:');
      expect(layout.text).toContain('with <your-token> for the API.');
      expect(layout.details).toBe('What the alert measures');
      expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
    });
  }
});
