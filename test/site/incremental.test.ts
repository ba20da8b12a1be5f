/**
 * Rebuilds reuse the last build's pages (Astro's incremental build, keyed in
 * src/lib/cache-keys.ts) and its incident-kit PDFs, and must never leave
 * anything stale: after each edit, the rebuilt site is compared file by file
 * with a cold build of the same tree.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { filesUnder } from '../../src/lib/dist-files.ts';
import { fixturePath } from '../helpers/content.ts';
import { buildSite, prepareSite, type SiteBuild } from '../helpers/site.ts';
import { builtPages } from '../../scripts/bench/build-log.ts';
import { indexedPages } from '../helpers/search-index.ts';

// The search index in parts of three pages, so that a rebuild can reuse some; kits printed to PDF, so that a rebuild can reuse them.
const ENV = { OPSBOOK_NOW: '2026-11-23', OPSBOOK_SEARCH_PART_PAGES: '3', OPSBOOK_KIT_PDF: 'on' };
const RUNBOOK = 'content/runbooks/checkout/slow-checkout.md';
const SERVICE = 'content/services/payments.yaml';
const WORD = 'zanzibarquux';

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file} should contain ${from}`).not.toBe(text);
  writeFileSync(path, changed);
}

/** Every file of a built site, by path, as bytes. */
function snapshot(dist: string): Map<string, Buffer> {
  return new Map(filesUnder(dist).map((f) => [relative(dist, f), readFileSync(f)]));
}

/** The text Pagefind indexed for each page, from every part of the index. */
function indexedText(dist: string): string[] {
  return indexedPages(dist).map((page) => page.content);
}

/**
 * The paths where two builds differ. A printed PDF embeds the time it was
 * printed, and the offline worker's version hashes every file (PDFs too),
 * so PDFs are compared by presence and the worker with its version left out.
 */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = [];
  const worker = (bytes: Buffer) => bytes.toString('utf8').replace(/\b[0-9a-f]{16}\b/g, '<version>');
  for (const [path, bytes] of a) {
    const other = b.get(path);
    if (!other) out.push(`${path}: only in the rebuild`);
    else if (path === 'sw.js' ? worker(bytes) !== worker(other) : !path.endsWith('.pdf') && !bytes.equals(other)) out.push(`${path}: differs`);
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`${path}: only in the cold build`);
  return out;
}

function expectBuilt(build: SiteBuild): void {
  expect(build.status, build.output).toBe(0);
}

describe('a rebuild after one changed runbook', () => {
  let root: string;
  let cold: SiteBuild;
  let first: Map<string, Buffer>;
  let rebuilt: SiteBuild;

  beforeAll(() => {
    root = prepareSite('incremental', fixturePath('valid'));
    cold = buildSite(root, ENV);
    expectBuilt(cold);
    first = snapshot(cold.dist);
    edit(root, RUNBOOK, 'title: Slow checkout', 'title: Sluggish checkout');
    edit(root, RUNBOOK, 'Checkout requests time out.', `Checkout requests time out (${WORD}).`);
    rebuilt = buildSite(root, ENV);
    expectBuilt(rebuilt);
  }, 300_000);

  test('the cold build reused nothing; the rebuild reused the pages the edit does not reach', () => {
    expect(cold.output).not.toMatch(/\((cached|restored)\)/);
    expect(cold.output).toMatch(/Search index: 10 documents in \d+ parts \(0 from the last build\)/);
    // An alert page of another runbook shows nothing of this one.
    expect(rebuilt.output).toMatch(/alerts\/paymentsprovidererrors\/index\.html \((cached|restored)\)/i);
    const path = 'alerts/paymentsprovidererrors/index.html';
    expect(readFileSync(join(rebuilt.dist, path)).equals(first.get(path)!)).toBe(true);
    // The kits of both services show the runbook, so both are printed again; a rebuild with no change reuses them (below).
  });

  test('the runbook and every page that shows it show the change', () => {
    expect(rebuilt.page('/runbooks/checkout/slow-checkout/')).toContain(WORD);
    expect(rebuilt.page('/runbooks/checkout/slow-checkout/')).toContain('Sluggish checkout');
    // Its services' pages and kits, its team, the runbook list, documents it links to and that link to it, its alert.
    for (const page of ['/services/checkout/', '/services/payments/', '/services/checkout/kit/', '/teams/shop/', '/runbooks/', '/runbooks/payments/provider-errors/', '/procedures/release/', '/alerts/checkoutlatencyhigh/']) {
      expect(rebuilt.page(page), page).toContain('Sluggish checkout');
      expect(rebuilt.page(page), page).not.toContain('Slow checkout');
    }
    expect(rebuilt.page('/services/checkout/kit/')).toContain(WORD);
    expect(indexedText(rebuilt.dist).filter((text) => text.includes(WORD))).toHaveLength(1);
  });

  test('the rebuilt site is identical to a cold build of the changed tree', () => {
    const fresh = buildSite(prepareSite('incremental-cold', root), ENV);
    expectBuilt(fresh);
    expect(differences(snapshot(rebuilt.dist), snapshot(fresh.dist))).toEqual([]);
  }, 300_000);

  test('a rebuild with nothing changed renders no document page, prints no kit and leaves every file as it was', () => {
    const before = snapshot(rebuilt.dist);
    const again = buildSite(root, ENV);
    expectBuilt(again);
    const pages = builtPages(again.output);
    expect(pages.filter((p) => p.reused).length).toBeGreaterThanOrEqual(10);
    // Listings and exports are always rendered; no document page is.
    const rendered = pages.filter((p) => !p.reused && /^\/(runbooks|services|teams|procedures|operations|alerts)\/.+\/index\.html$/.test(p.path));
    expect(rendered.map((p) => p.path).filter((path) => !/^\/(runbooks|services|teams|procedures|operations|alerts)\/index\.html$/.test(path))).toEqual([]);
    expect(again.output).not.toContain('Drawing');
    // Every part of the search index is the one kept from the last build.
    const [, parts, reused] = /Search index: 10 documents in (\d+) parts \((\d+) from the last build\)/.exec(again.output) ?? [];
    expect(Number(parts)).toBeGreaterThanOrEqual(2);
    expect(reused).toBe(parts);
    const after = snapshot(again.dist);
    expect(differences(after, before)).toEqual([]);
    // Reused PDFs are the very files printed before, not new prints.
    const pdfs = [...after.keys()].filter((path) => path.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    for (const path of pdfs) expect(after.get(path)!.equals(before.get(path)!), path).toBe(true);
  }, 300_000);

  test('renaming a service re-renders the pages that show its name, and again matches a cold build', () => {
    edit(root, SERVICE, /^name: .*$/m, 'name: Card payments');
    const again = buildSite(root, ENV);
    expectBuilt(again);
    for (const page of ['/runbooks/checkout/slow-checkout/', '/runbooks/payments/provider-errors/', '/services/checkout/']) expect(again.page(page), page).toContain('Card payments');
    const fresh = buildSite(prepareSite('incremental-cold', root), ENV);
    expectBuilt(fresh);
    expect(differences(snapshot(again.dist), snapshot(fresh.dist))).toEqual([]);
  }, 300_000);

  test('a rebuild keeps the output folder, and an operation record removed since leaves no page or mention behind', () => {
    const record = 'content/operations/2026/2026-05-20-edge-certificates.md';
    const text = readFileSync(join(root, record), 'utf8');
    rmSync(join(root, record));
    try {
      const again = buildSite(root, ENV);
      expectBuilt(again);
      expect(again.output).toMatch(/Output folder: kept from the last build, \d+ unchanged pages left in place; removed \d+ files? not built this time \(.*operations\/2026\/2026-05-20-edge-certificates\/index\.html/);
      expect(again.exists('/operations/2026/2026-05-20-edge-certificates/')).toBe(false);
      expect(again.page('/operations/')).not.toContain('2026-05-20-edge-certificates');
      const fresh = buildSite(prepareSite('incremental-cold', root), ENV);
      expectBuilt(fresh);
      expect(fresh.output).not.toContain('Output folder: kept');
      expect(differences(snapshot(again.dist), snapshot(fresh.dist))).toEqual([]);
    } finally {
      writeFileSync(join(root, record), text);
    }
  }, 300_000);

  test('turning kit PDFs off between builds leaves no kit page linking a PDF that is gone', () => {
    const off = buildSite(root, { ...ENV, OPSBOOK_KIT_PDF: 'off' });
    expectBuilt(off);
    const files = [...snapshot(off.dist).keys()];
    expect(files.filter((path) => path.endsWith('.pdf'))).toEqual([]);
    const kits = files.filter((path) => /^services\/[^/]+\/kit\/index\.html$/.test(path));
    expect(kits.length).toBeGreaterThan(0);
    for (const kit of kits) expect(readFileSync(join(off.dist, kit), 'utf8'), kit).not.toContain('Download as PDF');
  }, 300_000);
});
