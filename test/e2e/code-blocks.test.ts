/**
 * Code blocks in a real browser, on the example site: a placeholder gets a
 * labelled field, what is typed shows in every block of the page that uses
 * the name and is what Copy copies; Copy says which placeholder is still
 * empty and copies nothing; a destructive block (```bash destructive, in
 * .md and .mdx) warns in its bar and copies only on "Confirm copy". Without
 * JavaScript every block reads exactly as written. At 390 and 1366 px the
 * bar and its fields stay inside the page and cover no code.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { servedSite } from '../helpers/served.ts';
import { OUTPUT } from '../helpers/site.ts';

const served = servedSite('example');
const TLS = '/runbooks/platform/tls-certificate-expiry/';
const FAILOVER = '/runbooks/payments/payments-db-failover/';
const PROVIDER = '/runbooks/payments/payment-provider-errors/';
const UPGRADE = '/operations/2026/2026-11-18-search-cluster-opensearch-upgrade/';
const SENTINEL = 'clipboard before the test';



async function clipboardPage(viewport = { width: 1366, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await served.browser.newContext({ viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.server.url });
  const page = await context.newPage();
  return { context, page };
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const resetClipboard = (page: Page) => page.evaluate((text) => navigator.clipboard.writeText(text), SENTINEL);

/** The block whose code contains `text`. */
const blockWith = (page: Page, text: string) => page.locator('.prose .code-block').filter({ has: page.locator('pre', { hasText: text }) });

describe('placeholders', () => {
  test('Copy names the empty placeholder and copies nothing; filled, it copies the command with the value', async () => {
    const { context, page } = await clipboardPage();
    await page.goto(`${served.server.url}${TLS}`);
    await resetClipboard(page);
    const check = blockWith(page, 'describe certificate');
    const button = check.locator('.copy-button');

    await button.click();
    expect(await button.textContent()).toBe('Fill certificate first');
    expect(await check.getByRole('status').textContent()).toBe('Not copied: fill certificate first.');
    expect(await clipboard(page)).toBe(SENTINEL);
    // The field to fill has the focus, and its label names it.
    const field = check.getByLabel('certificate');
    expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);

    await field.fill('api-kestrel-example');
    expect(await check.locator('var.placeholder').textContent()).toBe('api-kestrel-example');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    expect(await clipboard(page)).toBe(
      "kubectl get certificates -A | grep -v True\nkubectl -n edge describe certificate api-kestrel-example\nkubectl -n cert-manager logs deploy/cert-manager --since=24h | grep -i -E 'error|failed' | tail -20",
    );
    await context.close();
  });

  test('a value fills the same name in every block of the page, and is kept for the page when it reloads', async () => {
    const { context, page } = await clipboardPage();
    await page.goto(`${served.server.url}${TLS}`);
    await blockWith(page, 'describe certificate').getByLabel('certificate').fill('www-kestrel-example');
    const renew = blockWith(page, 'cmctl renew');
    expect(await renew.getByLabel('certificate').inputValue()).toBe('www-kestrel-example');
    expect(await renew.locator('var.placeholder').allTextContents()).toEqual(['www-kestrel-example', 'www-kestrel-example']);
    await renew.locator('.copy-button').click();
    await expect.poll(() => clipboard(page)).toBe('cmctl status certificate -n edge www-kestrel-example\ncmctl renew -n edge www-kestrel-example');

    // Another name on the page is still to fill.
    const challenge = blockWith(page, 'describe challenge');
    await challenge.locator('.copy-button').click();
    expect(await challenge.locator('.copy-button').textContent()).toBe('Fill challenge-name first');

    await page.reload();
    expect(await blockWith(page, 'cmctl renew').getByLabel('certificate').inputValue()).toBe('www-kestrel-example');
    expect(await blockWith(page, 'describe certificate').locator('var.placeholder').textContent()).toBe('www-kestrel-example');
    // Emptied, the placeholder reads as written again.
    await blockWith(page, 'cmctl renew').getByLabel('certificate').fill('');
    expect(await blockWith(page, 'describe certificate').locator('var.placeholder').textContent()).toBe('<certificate>');
    await context.close();
  });

  test('Enter in a field copies the block', async () => {
    const { context, page } = await clipboardPage();
    await page.goto(`${served.server.url}${TLS}`);
    const challenge = blockWith(page, 'describe challenge');
    await challenge.getByLabel('challenge-name').fill('api-kestrel-example-1-2841');
    await challenge.getByLabel('challenge-name').press('Enter');
    await expect.poll(() => clipboard(page)).toBe('kubectl get orders,challenges -A\nkubectl -n edge describe challenge api-kestrel-example-1-2841');
    await context.close();
  });
});

test('a secret gets no field: Copy copies and says to replace it', async () => {
  const { context, page } = await clipboardPage({ width: 390, height: 844 });
  await page.goto(`${served.server.url}${UPGRADE}`);
  const block = blockWith(page, 'pre-2-17-20261118');
  expect(await block.locator('.code-fields label').allTextContents()).toEqual(['search-euc1']);
  await block.getByLabel('search-euc1').fill('https://search-euc1.internal.kestrel.example');
  await block.locator('.copy-button').click();
  await expect.poll(() => block.locator('.copy-button').textContent()).toBe('Copied: replace <token>');
  expect(await block.getByRole('status').textContent()).toBe('Copied. Replace <token> yourself.');
  expect((await clipboard(page)).split('\n')[0]).toBe(
    "curl -s -XPUT \"https://search-euc1.internal.kestrel.example/_snapshot/s3-manual/pre-2-17-20261118?wait_for_completion=true\" -H 'Authorization: Bearer <token>'",
  );
  expect(await layoutProblems(page)).toEqual([]);
  await context.close();
});

describe('destructive blocks', () => {
  for (const [kind, path, text, expected] of [
    ['.md', FAILOVER, 'promote-replica', 'gcloud sql instances promote-replica payments-db-prod-ew3'],
    ['.mdx', PROVIDER, 'rollout undo', 'kubectl -n payments rollout undo deploy/payments-api\nkubectl -n payments rollout status deploy/payments-api --timeout=5m'],
  ] as const) {
    test(`a destructive block in ${kind} warns in its bar and copies only on Confirm copy`, async () => {
      const { context, page } = await clipboardPage();
      await page.goto(`${served.server.url}${path}`);
      await resetClipboard(page);
      const block = blockWith(page, text);
      expect(await block.locator('.code-bar .code-warning').textContent()).toBe('⚠ Destructive: read before running');
      const button = block.locator('.copy-button');
      expect(await button.getAttribute('aria-label')).toBe('Copy this destructive command');

      await button.click();
      expect(await button.textContent()).toBe('Confirm copy');
      expect(await block.getByRole('status').textContent()).toContain('Press Confirm copy');
      expect(await clipboard(page)).toBe(SENTINEL);
      await button.click();
      await expect.poll(() => button.textContent()).toBe('Copied');
      expect(await clipboard(page)).toBe(expected);
      await context.close();
    });
  }

  test('the confirmation lapses after a few seconds: the next click asks again', async () => {
    const { context, page } = await clipboardPage();
    await page.goto(`${served.server.url}${FAILOVER}`);
    await resetClipboard(page);
    const button = blockWith(page, 'promote-replica').locator('.copy-button');
    await button.click();
    expect(await button.textContent()).toBe('Confirm copy');
    await expect.poll(() => button.textContent(), { timeout: 8000 }).toBe('Copy');
    await button.click();
    expect(await button.textContent()).toBe('Confirm copy');
    expect(await clipboard(page)).toBe(SENTINEL);
    await context.close();
  });

  test('an ordinary block next to a destructive one copies on the first click', async () => {
    const { context, page } = await clipboardPage();
    await page.goto(`${served.server.url}${FAILOVER}`);
    const button = blockWith(page, 'instances failover payments-db-prod').locator('.copy-button');
    expect(await blockWith(page, 'instances failover payments-db-prod').locator('.code-warning').count()).toBe(0);
    await button.click();
    await expect.poll(() => clipboard(page)).toBe('gcloud sql instances failover payments-db-prod');
    await context.close();
  });
});

test('without JavaScript every block reads as written, placeholders marked and the warning shown', async () => {
  const context = await served.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${served.server.url}${TLS}`);
  expect(await blockWith(page, 'cmctl renew').locator('pre').textContent()).toBe('cmctl status certificate -n edge <certificate>\ncmctl renew -n edge <certificate>\n');
  expect(await page.locator('var.placeholder[data-name="certificate"]').count()).toBe(3);
  expect(await page.locator('.code-fields, .copy-button').count()).toBe(0);
  await page.goto(`${served.server.url}${FAILOVER}`);
  const block = blockWith(page, 'promote-replica');
  expect(await block.locator('.code-warning').isVisible()).toBe(true);
  expect(await block.locator('pre').textContent()).toBe('gcloud sql instances promote-replica payments-db-prod-ew3\n');
  await page.screenshot({ path: join(OUTPUT, 'screenshots', 'code-blocks-no-js.png'), fullPage: false });
  await context.close();
});

/** Problems in the layout of every code block: the page wider than the screen, a bar, field or button out of it, or over code text. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const meets = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const block of document.querySelectorAll<HTMLElement>('.prose .code-block')) {
      const pre = block.querySelector('pre')!;
      const frame = pre.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector('code') ?? pre);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.left < frame.right && r.right > frame.left);
      const what = (pre.textContent ?? '').slice(0, 30);
      for (const el of block.querySelectorAll<HTMLElement>('.code-bar, .code-fields, .copy-button, .code-field input, .code-warning')) {
        const box = el.getBoundingClientRect();
        if (box.right > window.innerWidth + 0.5 || box.left < -0.5) problems.push(`${el.className || el.tagName} off screen: ${what}`);
        if (lines.some((line) => meets(line, box))) problems.push(`${el.className || el.tagName} covers code: ${what}`);
      }
    }
    return problems;
  });
}

for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 900 }]) {
  test(`at ${viewport.width}×${viewport.height} the bars, fields and warnings stay inside the page and cover no code`, async () => {
    const { context, page } = await clipboardPage(viewport);
    for (const path of [TLS, FAILOVER, PROVIDER]) {
      await page.goto(`${served.server.url}${path}`);
      expect(await layoutProblems(page), path).toEqual([]);
    }
    // The longest button text and a long value do not widen the page either.
    await page.goto(`${served.server.url}${TLS}`);
    await blockWith(page, 'describe challenge').locator('.copy-button').click();
    await blockWith(page, 'cmctl renew').getByLabel('certificate').fill('a-very-long-certificate-name-from-the-alert-label-value');
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'screenshots', `code-blocks-${viewport.width}.png`) });
    await context.close();
  });
}
