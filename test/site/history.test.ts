/**
 * A small site built once from the `history` fixture with a git history made
 * in the test: the on-call card's drift and last use, last updated beside
 * the review state, an operation's link to its procedure as it read then,
 * and that page's diff; looked at in a browser at phone and desktop width
 * with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { commitHistory, HISTORY_FIXTURE } from '../helpers/git-history.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, prepareSite, type SiteBuild } from '../helpers/site.ts';

let site: SiteBuild;
let commits: ReturnType<typeof commitHistory>;
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

beforeAll(() => {
  const root = prepareSite('history', HISTORY_FIXTURE);
  commits = commitHistory(root);
  site = buildSite(root, { OPSBOOK_NOW: '2026-05-01', OPSBOOK_DIAGRAMS: 'client' });
  if (site.status !== 0) throw new Error(site.output);
}, 300_000);

describe('pages', () => {
  test('drift from an operation on the card, with the operation and its day; never used', () => {
    const page = site.page('/runbooks/api-down/');
    expect(text(page)).toContain('Changed since this runbook was reviewed: API moved to the new network, 20 Mar 2026');
    expect(page).toContain('href="/operations/2026/2026-03-20-api-rewire/"');
    expect(text(page)).toContain('Last used: never: no operation record or postmortem lists it');
  });

  test('drift from a catalogue commit names the commit and the field; last used names the record', () => {
    const page = text(site.page('/runbooks/db-slow/'));
    expect(page).toContain(`Changed since this runbook was reviewed: commit ${commits.zone.slice(0, 7)} to db (zone data → data-eu), 10 Mar 2026`);
    expect(page).toContain('Last used: 15 Mar 2026 in Database maintenance');
  });

  test('no drift from a description edit; a planned operation is not a use', () => {
    const page = text(site.page('/runbooks/cache-evictions/'));
    expect(page).not.toContain('Changed since');
    expect(page).toContain('Last used: never');
  });

  test('last updated from git beside the review state, once', () => {
    const page = site.page('/procedures/deploy/');
    expect(page.match(/Last updated/g)).toHaveLength(1);
    expect(text(page)).toMatch(/Reviewed 61 days ago · next due 2027-03-01Last updated 1 Apr 2026/);
    expect(text(site.page('/runbooks/api-down/'))).toContain('Last updated 5 Jan 2026');
  });

  test('an operation links to its procedure as it read that day, with both versions', () => {
    const page = site.page('/operations/2026/2026-03-15-db-maintenance/');
    expect(page).toContain('href="/history/procedures/deploy/2026-03-15/"');
    expect(text(page)).toContain('as it read on 15 Mar 2026 (version 1.0 then, 1.1 now; changed since)');
    expect(site.exists('/history/procedures/deploy/2026-03-15/')).toBe(true);
  });

  test('the procedure as it was: old text rendered, a line diff to today, both versions, left out of search', () => {
    const page = site.page('/history/procedures/deploy/2026-03-15/');
    const words = text(page);
    expect(words).toContain(`Version then1.0 · commit ${commits.initial.slice(0, 7)}, 5 Jan 2026, 09:00 UTC`);
    expect(words).toContain('Version now1.1 · changed in 1 commit since');
    expect(words).toContain('Deploy 1.1: secondary region first');
    expect(page).toContain('<del><span class="diff-sign">− </span>Roll it out to every region at once.');
    expect(page).toContain('<ins><span class="diff-sign">+ </span>### Step 3: Promote');
    const asItRead = page.slice(page.indexOf('id="as-it-read"'));
    expect(asItRead).toContain('<p>Roll it out to every region at once.</p>');
    expect(asItRead).not.toContain('Promote');
    expect(page).not.toContain('data-pagefind-body');
  });

  test('only procedures that changed after the operation get an as-of page', () => {
    expect(site.exists('/history/procedures/deploy/2026-03-20/')).toBe(false);
    expect(site.page('/operations/2026/2026-03-20-api-rewire/')).not.toContain('/history/');
  });

  test('a build with history says nothing about missing history', () => {
    expect(site.output).not.toContain('no git history');
    expect(site.page('/review/')).not.toContain('No git history in this build');
  });

  test('/review/ lists the drift', () => {
    expect(site.page('/review/').match(/audit\/changed-since-review/g)!.length).toBeGreaterThanOrEqual(3);
  });
});

describe('in a browser, JavaScript off', () => {
  let browser: Browser;
  let server: StaticServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveStatic(site.dist);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, height] of [[390, 844], [1366, 900]] as const) {
    test(`${width} px: no horizontal overflow, the drift line and the diff are visible and uncovered`, async () => {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: false });
      const page = await context.newPage();
      for (const [path, selector] of [['/runbooks/db-slow/', '.drift'], ['/history/procedures/deploy/2026-03-15/', '.line-diff ins'], ['/operations/2026/2026-03-15-db-maintenance/', '.as-of-link']] as const) {
        await page.goto(`${server.url}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
        const target = page.locator(selector).first();
        await target.scrollIntoViewIfNeeded();
        expect(await target.isVisible(), path).toBe(true);
        const uncovered = await target.evaluate((el) => {
          // The first line box: an inline link may wrap.
          const box = el.getClientRects()[0]!;
          const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2);
          return !!hit && (el === hit || el.contains(hit));
        });
        expect(uncovered, `${path} ${selector}`).toBe(true);
      }
      await context.close();
    });
  }
});
