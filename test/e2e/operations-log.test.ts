/**
 * The operations log for auditors, in a real browser against the built
 * example site: the person filter finds supervisors too, the export of the
 * rows shown is exactly those rows in /operations.csv's own format (and
 * /operations.json's), an unknown filter value is said out loud and shows
 * nothing, the filters are hidden without JavaScript, and the page neither
 * scrolls sideways nor covers text at phone and desktop width. A site built
 * with its public origin exports absolute URLs from the browser too.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { launchBrowser, recordingContext } from '../helpers/browser.ts';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { parseCsv } from '../helpers/csv.ts';
import { serveStatic, type StaticServer } from '../helpers/server.ts';
import { buildSite, builtSite, OUTPUT, prepareSite } from '../helpers/site.ts';

const SCREENSHOTS = join(OUTPUT, 'screenshots');
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let requests: string[];
let page: Page;

interface Op {
  id: string;
  title: string;
  date: string;
  riskLevel: string;
  operator: string;
  supervisor?: string;
  services: string[];
}
let ops: Op[];

beforeAll(async () => {
  const site = builtSite('example');
  expect(site.status, site.output).toBe(0);
  server = await serveStatic(site.dist);
  browser = await launchBrowser();
  ({ context, requests } = await recordingContext(browser, { acceptDownloads: true }));
  page = await context.newPage();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const project = await openProject(REPO_ROOT);
  ops = [...project.byId.operations.values()].map((doc) => ({ id: doc.id, ...(doc.data as Omit<Op, 'id'>) }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shownIds = (p: Page) => p.locator('.ops-row:visible').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));
const shownTitles = (p: Page) => p.locator('.ops-row:visible > a').allTextContents();

/** Someone who supervises operations but never carries one out: only the person filter can find them. */
function supervisorOnly(): string {
  const person = ops.map((o) => o.supervisor).find((s) => s && !ops.some((o) => o.operator === s));
  expect(person, 'the example log has a supervisor who is never an operator').toBeDefined();
  return person!;
}

/** Clicks an export link of the rows shown and returns the file's name and text. */
async function download(p: Page, format: 'csv' | 'json'): Promise<{ name: string; text: string }> {
  await p.locator('#ops-export').waitFor();
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(`#ops-export a[data-format="${format}"]`)]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

async function fetchText(path: string): Promise<string> {
  return (await fetch(`${server.url}${path}`)).text();
}

describe('filters', () => {
  test('risk and person together; the person filter matches the supervisor as well as the operator', async () => {
    const person = supervisorOnly();
    await page.goto(`${server.url}/operations/`);
    expect(await page.locator('label:has(select[name="person"])').textContent()).toContain('Person (operator or supervisor)');
    await page.selectOption('select[name="person"]', person);
    const byPerson = ops.filter((o) => o.operator === person || o.supervisor === person);
    await expect.poll(() => shownIds(page).then((ids) => ids.sort())).toEqual(byPerson.map((o) => o.id).sort());
    const risk = byPerson[0]!.riskLevel;
    await page.selectOption('select[name="risk"]', risk);
    const expected = byPerson.filter((o) => o.riskLevel === risk);
    await expect.poll(() => shownTitles(page).then((t) => t.sort())).toEqual(expected.map((o) => o.title).sort());
    expect(new URL(page.url()).search).toBe(`?risk=${risk}&person=${person}`);
    expect(await page.locator('#ops-count').textContent()).toBe(`${expected.length} of ${ops.length} operations match the filters.`);
    expect(await page.locator('#ops-unknown').isVisible()).toBe(false);
  });

  test('an ?operator= address from before still works, as the person filter', async () => {
    const person = supervisorOnly();
    await page.goto(`${server.url}/operations/?operator=${person}`);
    expect(await page.locator('select[name="person"]').inputValue()).toBe(person);
    expect(new URL(page.url()).search).toBe(`?person=${person}`);
    await expect.poll(() => shownIds(page).then((ids) => ids.length)).toBe(ops.filter((o) => o.operator === person || o.supervisor === person).length);
  });
});

describe('export of the rows shown', () => {
  test('CSV: exactly the rows listed, in /operations.csv’s columns and quoting, named for the filter', async () => {
    const person = supervisorOnly();
    const risk = ops.find((o) => o.supervisor === person)!.riskLevel;
    await page.goto(`${server.url}/operations/?risk=${risk}&person=${person}`);
    const ids = await shownIds(page);
    expect(ids.length).toBeGreaterThan(0);
    const { name, text } = await download(page, 'csv');
    expect(name).toBe(`operations-risk-${risk}-person-${person}.csv`);

    const full = await fetchText('/operations.csv');
    const [fullHeader, ...fullRows] = parseCsv(full);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(fullHeader);
    const id = header!.indexOf('id');
    expect(rows.map((r) => r[id])).toEqual(ids);
    // Each exported line is byte for byte the full export's line for that record.
    const fullLines = new Map(fullRows.map((r) => [r[id], r]));
    for (const row of rows) expect(row).toEqual(fullLines.get(row[id]));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(full.split('\r\n')[0]).toBe(text.split('\r\n')[0]);
  });

  test('JSON: the same records as /operations.json, for a month of the log', async () => {
    const month = ops.map((o) => o.date.slice(0, 7)).sort().at(-2)!;
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    await page.goto(`${server.url}/operations/?from=${month}-01&to=${last}`);
    const ids = await shownIds(page);
    expect(ids.length).toBeGreaterThan(0);
    const { name, text } = await download(page, 'json');
    expect(name).toBe(`operations-${month}.json`);
    const full = JSON.parse(await fetchText('/operations.json')) as { id: string }[];
    expect(JSON.parse(text)).toEqual(full.filter((r) => ids.includes(r.id)));
  });

  test('unfiltered, the export is the whole log and matches /operations.csv exactly', async () => {
    await page.goto(`${server.url}/operations/`);
    const { name, text } = await download(page, 'csv');
    expect(name).toBe('operations.csv');
    expect(text).toBe(await fetchText('/operations.csv'));
  });
});

describe('a filter value the log does not have', () => {
  test.each([
    ['service', 'nope', 'No service ‘nope’ in the log; showing nothing. Known services: '],
    ['risk', 'urgent', 'No risk level ‘urgent’ in the log; showing nothing. Known risk levels: low, medium, high, critical.'],
    ['operator', 'nobody', 'No operator or supervisor ‘nobody’ in the log; showing nothing. Known people: '],
    ['from', 'yesterday', '‘yesterday’ is not a date for “From” (write YYYY-MM-DD); showing nothing.'],
  ])('?%s=%s is said out loud and shows nothing', async (name, value, message) => {
    await page.goto(`${server.url}/operations/?${name}=${value}`);
    const note = page.locator('#ops-unknown');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain(message);
    expect(await page.locator('#ops-count').textContent()).toBe(`0 of ${ops.length} operations match the filters.`);
    expect(await page.locator('.ops-row:visible').count()).toBe(0);
    expect(await page.locator('.ops-month:visible').count()).toBe(0);
    // The export of the rows shown holds the header and nothing else.
    const { text } = await download(page, 'csv');
    expect(parseCsv(text)).toHaveLength(1);
    await page.click('#ops-unknown a');
    await page.waitForURL(`${server.url}/operations/`);
    await expect.poll(() => page.locator('.ops-row:visible').count()).toBe(ops.length);
    expect(await note.isVisible()).toBe(false);
  });

  test('choosing a known value, or Clear, brings the rows back', async () => {
    await page.goto(`${server.url}/operations/?risk=urgent&from=2026-02-30`);
    expect(await page.locator('#ops-filters').isVisible()).toBe(true);
    expect(await page.locator('#ops-unknown').textContent()).toContain('‘2026-02-30’ is not a date');
    await page.selectOption('select[name="risk"]', 'high');
    // The impossible date still holds the view at nothing until it is changed.
    expect(await page.locator('.ops-row:visible').count()).toBe(0);
    await page.fill('input[name="from"]', '2026-01-01');
    const high = ops.filter((o) => o.riskLevel === 'high' && o.date >= '2026-01-01').length;
    await expect.poll(() => page.locator('.ops-row:visible').count()).toBe(high);
    expect(await page.locator('#ops-unknown').isVisible()).toBe(false);
    expect(new URL(page.url()).search).toBe('?risk=high&from=2026-01-01');
    await page.goto(`${server.url}/operations/?service=nope`);
    await page.click('#ops-filters button[type="reset"]');
    await expect.poll(() => page.locator('.ops-row:visible').count()).toBe(ops.length);
    expect(await page.locator('select[name="service"] option', { hasText: 'not in the log' }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
  });

  test('known services are listed in the message', async () => {
    await page.goto(`${server.url}/operations/?service=nope`);
    const services = [...new Set(ops.flatMap((o) => o.services))].sort();
    expect(await page.locator('#ops-unknown').textContent()).toContain(`Known services: ${services.join(', ')}.`);
    expect(await page.locator('select[name="service"]').inputValue()).toBe('nope');
  });

  test('a parameter that is no filter is named and ignored', async () => {
    await page.goto(`${server.url}/operations/?servce=orders-db`);
    expect(await page.locator('#ops-unknown').textContent()).toContain('‘servce’ is not a filter of this log and is ignored');
    expect(await page.locator('.ops-row:visible').count()).toBe(ops.length);
  });
});

test('without JavaScript the filters are hidden, a note says why, and the full exports remain', async () => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${server.url}/operations/?risk=urgent`);
  expect(await p.locator('#ops-filters').isVisible()).toBe(false);
  expect(await p.locator('#ops-export').isVisible()).toBe(false);
  expect(await p.locator('#ops-unknown').isVisible()).toBe(false);
  expect(await p.locator('.ops-note').textContent()).toContain('Filtering the log needs JavaScript');
  expect(await p.locator('.ops-note').isVisible()).toBe(true);
  expect(await p.locator('.ops-row:visible').count()).toBe(ops.length);
  expect(await p.locator('.lead a[href="/operations.csv"]').isVisible()).toBe(true);
  expect(await p.locator('.lead a[href="/operations.json"]').isVisible()).toBe(true);
  await p.screenshot({ path: join(SCREENSHOTS, 'operations-log-no-js.png'), fullPage: false });
  await noJs.close();
});

describe.each([
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
] as const)('at %s width', (name, viewport) => {
  test('the filter form, the message and the rows stay inside the screen and cover no text', async () => {
    const ctx = await browser.newContext({ viewport, ...(name === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
    const p = await ctx.newPage();
    for (const query of ['', '?service=nope', `?person=${supervisorOnly()}`]) {
      await p.goto(`${server.url}/operations/${query}`);
      await p.locator('#ops-export').waitFor();
      const layout = await p.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const outside = [...document.querySelectorAll('#ops-filters label, #ops-filters select, #ops-filters input, #ops-filters button, #ops-unknown, .ops-summary, .ops-row, .ops-row > *')]
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => ({ e, box: e.getBoundingClientRect() }))
          .filter(({ box }) => box.left < -0.5 || box.right > width + 0.5)
          .map(({ e }) => e.outerHTML.slice(0, 80));
        // Whatever is at the middle of each visible text line is that text, not something drawn over it.
        const covered = [...document.querySelectorAll('#ops-filters label, #ops-count, #ops-export a, #ops-unknown, .ops-row > a, .ops-row > time')]
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .filter((e) => {
            const box = e.getClientRects()[0]!;
            e.scrollIntoView({ block: 'center' });
            const again = e.getClientRects()[0]!;
            const hit = document.elementFromPoint(again.left + Math.min(again.width / 2, 10), again.top + again.height / 2);
            return box && !(hit && (e.contains(hit) || hit.contains(e)));
          })
          .map((e) => e.outerHTML.slice(0, 80));
        return { scroll: document.documentElement.scrollWidth, width, outside, covered };
      });
      expect(layout.scroll, query).toBeLessThanOrEqual(layout.width);
      expect(layout.outside, query).toEqual([]);
      expect(layout.covered, query).toEqual([]);
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: join(SCREENSHOTS, `operations-log-${name}${query ? '-filtered' : ''}${query.includes('nope') ? '-unknown' : ''}.png`) });
    }
    await ctx.close();
  });
});

test('the log and its exports made no request to any other host', () => {
  expect(requests.length).toBeGreaterThan(5);
  expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('blob:'))).toEqual([]);
});

describe('a site built with its public origin', () => {
  const ORIGIN = 'https://ops.example.com';
  let built: ReturnType<typeof buildSite>;
  let served: StaticServer;

  beforeAll(() => {
    built = buildSite(prepareSite('operations-log-origin', fixturePath('valid')), { OPSBOOK_NOW: '2026-11-23', OPSBOOK_DIAGRAMS: 'client', OPSBOOK_SITE: ORIGIN });
  }, 240_000);

  afterAll(async () => {
    await served?.close();
  });

  test('exports absolute URLs, from the server and from the browser alike', async () => {
    expect(built.status, built.output).toBe(0);
    served = await serveStatic(built.dist);
    const json = JSON.parse(readFileSync(join(built.dist, 'operations.json'), 'utf8')) as { id: string; url: string }[];
    expect(json.length).toBeGreaterThan(0);
    for (const r of json) expect(r.url).toBe(`${ORIGIN}/operations/${r.id}/`);
    const p = await context.newPage();
    await p.goto(`${served.url}/operations/?risk=high`);
    await p.locator('#ops-export').waitFor();
    const { text } = await download(p, 'csv');
    const [header, ...rows] = parseCsv(text);
    const url = header!.indexOf('url');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBe(await p.locator('.ops-row:visible').count());
    for (const row of rows) expect(row[url]).toMatch(new RegExp(`^${ORIGIN.replace(/\./g, '\\.')}/operations/`));
    const [fullHeader, ...fullRows] = parseCsv(readFileSync(join(built.dist, 'operations.csv'), 'utf8'));
    expect(header).toEqual(fullHeader);
    for (const row of rows) expect(fullRows).toContainEqual(row);
    await p.close();
  });
});
