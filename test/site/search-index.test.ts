import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { expect, test } from 'vitest';
import { diagramsAsSource } from '../../src/lib/diagram-html.ts';
import { documentFile, documentPath } from '../../src/core/links/urls.ts';
import { openProject } from '../../src/core/project.ts';
import { searchRecord } from '../../src/core/views/search-facets.ts';
import { indexableHtml, searchPartPages, writeSearchIndex } from '../../src/lib/search-index.ts';
import { indexedPages as fragments, indexFolders as partFolders } from '../helpers/search-index.ts';
import { filesUnder } from '../../src/lib/dist-files.ts';
import { openOutputDigest } from '../../src/lib/output-digest.ts';
import { searchHash } from '../../src/lib/search-part.ts';
import { INDEX_ONLY_ID } from '../../src/scripts/search-text.ts';
import { projectFromFixture, REPO_ROOT } from '../helpers/content.ts';
import { builtSite } from '../helpers/site.ts';

/** The valid fixture's document pages, as the model names them. */
const VALID_PAGES = projectFromFixture('valid').documents.map((d) => documentFile(d.collection, d.id));

test('the index holds exactly the document pages; a document without its page, or a page without its body marked, is an error', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'opsbook-index-'));
  try {
    cpSync(builtSite('valid').dist, copy, { recursive: true });
    rmSync(join(copy, 'pagefind'), { recursive: true, force: true });
    expect(VALID_PAGES).toHaveLength(10);
    expect(VALID_PAGES).toContain('runbooks/checkout/slow-checkout/index.html');
    expect(await writeSearchIndex(copy, VALID_PAGES, { cacheDir: null })).toMatchObject({ indexed: 10, errors: [], parts: 1 });
    const page = join(copy, 'teams/shop/index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replaceAll('data-pagefind-body', 'data-other'));
    expect((await writeSearchIndex(copy, VALID_PAGES, { cacheDir: null })).errors).toEqual(['teams/shop/index.html: the page has no element marked data-pagefind-body, so its document cannot be indexed.']);
    rmSync(join(copy, 'runbooks'), { recursive: true });
    expect(await writeSearchIndex(copy, VALID_PAGES, { cacheDir: null })).toMatchObject({
      indexed: 0,
      errors: ['runbooks/checkout/slow-checkout/index.html: the page of a document is missing from the site.', 'runbooks/payments/provider-errors/index.html: the page of a document is missing from the site.'],
    });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});


test('a large index comes in parts that hold every document once; a part whose pages did not change comes from the last build', async () => {
  const work = mkdtempSync(join(tmpdir(), 'opsbook-parts-'));
  const dist = join(work, 'dist');
  const cacheDir = join(work, 'kept');
  const options = { cacheDir, partPages: 3 };
  try {
    cpSync(builtSite('valid').dist, dist, { recursive: true });
    rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
    // Nothing kept yet: each page is hashed by the worker that indexes it, and the digest learns the hashes.
    const digest = openOutputDigest(dist, null);
    const first = await writeSearchIndex(dist, VALID_PAGES, { ...options, digest });
    expect(first).toMatchObject({ indexed: 10, errors: [], reused: 0 });
    for (const page of VALID_PAGES) expect(digest.facts(join(dist, page)).search, page).toBe(searchHash(indexableHtml(readFileSync(join(dist, page), 'utf8'))));
    expect(first.parts).toBeGreaterThanOrEqual(2);
    const folders = partFolders(dist);
    expect(folders).toHaveLength(first.parts!);
    // Each document in exactly one part; the parts after the first carry no scripts of their own.
    const urls = folders.map((folder) => fragments(dist, [folder]).map((f) => f.url));
    expect(urls.flat().sort()).toEqual(fragments(builtSite('valid').dist).map((f) => f.url).sort());
    expect(urls.flat()).toHaveLength(10);
    for (const folder of folders.slice(1)) {
      expect(readdirSync(join(dist, folder)).sort()).toEqual(expect.arrayContaining(['fragment', 'index', 'pagefind-entry.json']));
      expect(readdirSync(join(dist, folder))).not.toContain('pagefind.js');
    }
    const before = new Map(filesUnder(join(dist, 'pagefind')).map((f) => [f, readFileSync(f)]));

    // Nothing changed: every part is the kept one, byte for byte.
    expect(await writeSearchIndex(dist, VALID_PAGES, options)).toMatchObject({ indexed: 10, errors: [], reused: first.parts });
    for (const [file, bytes] of before) expect(readFileSync(file).equals(bytes), file).toBe(true);

    // One page changed: only its part is indexed again, and it holds the change.
    const page = 'runbooks/checkout/slow-checkout/index.html';
    writeFileSync(join(dist, page), readFileSync(join(dist, page), 'utf8').replace('data-pagefind-body>', 'data-pagefind-body><p>zanzibarquux</p>'));
    expect(await writeSearchIndex(dist, VALID_PAGES, options)).toMatchObject({ indexed: 10, errors: [], reused: first.parts! - 1 });
    expect(fragments(dist).filter((f) => f.content.includes('zanzibarquux')).map((f) => f.url)).toEqual(['/runbooks/checkout/slow-checkout/']);
    // The parts in use are in the site, not copied: the cache keeps only where they are.
    expect(readdirSync(cacheDir)).toEqual(['parts.json']);

    // Without a cache, parts indexed side by side (on worker threads) give the same files as one by one with it.
    const kept = new Map(filesUnder(join(dist, 'pagefind')).map((f) => [f.slice(dist.length), readFileSync(f)]));
    rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
    expect(await writeSearchIndex(dist, VALID_PAGES, { cacheDir: null, partPages: 3 })).toMatchObject({ indexed: 10, errors: [], reused: 0, parts: first.parts });
    const uncached = filesUnder(join(dist, 'pagefind'));
    expect(uncached.map((f) => f.slice(dist.length)).sort()).toEqual([...kept.keys()].sort());
    for (const file of uncached) expect(readFileSync(file).equals(kept.get(file.slice(dist.length))!), file).toBe(true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('what search quotes is body text: index-only words come after the body, and no two names run together', async () => {
  const site = builtSite('example');
  const project = await openProject(REPO_ROOT);
  const byUrl = new Map(project.documents.map((doc) => [documentPath(doc.collection, doc.id), doc]));
  const alerts = [...new Set([...project.byId.runbooks.values()].flatMap((r) => (r.data!.alerts as string[] | undefined) ?? []))];
  expect(alerts.length).toBeGreaterThan(5);
  const pages = fragments(site.dist);
  expect(pages.length).toBe(project.documents.length);
  for (const page of pages) {
    const doc = byUrl.get(page.url);
    expect(doc, page.url).toBeDefined();
    const record = searchRecord(doc!, project.kinds);
    const words = page.content.split(/[^\S\uFEFF]+/);
    const cut = page.anchors.find((a) => a.id === INDEX_ONLY_ID)?.location;
    // The index-only block is last and holds exactly the record's words, in their own sentences.
    const indexOnly = [...record.exact, ...record.keywords];
    if (indexOnly.length === 0) expect(cut, page.url).toBeUndefined();
    else expect(words.slice(cut).join(' ').replace(/\.(?= |$)/g, ''), page.url).toBe(indexOnly.join(' '));
    const body = words.slice(0, cut).join(' ');
    for (const a of alerts) for (const b of alerts) expect(body, page.url).not.toContain(`${a}${b}`);
  }
  // The team page that lists five alerts quotes them as five words.
  const team = pages.find((p) => p.url === '/teams/data/')!;
  expect(team.content).toContain('OrderEventsConsumerLagHigh · OrdersDbDiskUsageHigh');
});

test('links written side by side are indexed as separate words; nothing else in the page changes', () => {
  expect(indexableHtml('<p>Alerts: <a href="/a/"><code>A</code></a><a href="/b/"><code>B</code></a></p>')).toBe('<p>Alerts: <a href="/a/"><code>A</code></a> <a href="/b/"><code>B</code></a></p>');
  expect(indexableHtml('<code>x</code><code class="y">z</code>')).toBe('<code>x</code> <code class="y">z</code>');
  // A word broken only for wrapping (<wbr>) stays one word.
  expect(indexableHtml('<code>Orders<wbr>Db</code>')).toBe('<code>Orders<wbr>Db</code>');
  expect(indexableHtml('<a href="/a/">a</a>, <abbr>b</abbr>')).toBe('<a href="/a/">a</a>, <abbr>b</abbr>');
});

test('what Pagefind ignores is cut whole, nested elements and all, unless it holds what Pagefind reads there too', () => {
  expect(indexableHtml('<main><div class="a" data-pagefind-ignore><div>x</div><div><div>y</div></div></div><p>kept</p></main>')).toBe('<main><p>kept</p></main>');
  expect(indexableHtml('<h2 id="s">Steps<a class="heading-anchor" href="#s" data-pagefind-ignore>#</a></h2><section data-pagefind-ignore="all"><p>gone</p></section>')).toBe('<h2 id="s">Steps</h2>');
  // Filters and metadata in an ignored element are still read by Pagefind: that element stays (one inside it without them goes).
  const facets = '<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">runbook</span><nav data-pagefind-ignore><a>x</a></nav></div>';
  expect(indexableHtml(facets)).toBe('<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">runbook</span></div>');
  // An element without its end or holding an image or a first heading (a page's defaults), a void element, or a mark that is only a word of an attribute's name, is left as it is.
  for (const html of ['<div data-pagefind-ignore><p>open', '<div data-pagefind-ignore><img src="a.png"></div>', '<header data-pagefind-ignore><h1>Title</h1></header>', '<img src="a.png" data-pagefind-ignore><p>after</p>', '<p data-pagefind-ignored>text</p>', '<p>data-pagefind-ignore as text</p>']) expect(indexableHtml(html)).toBe(html);
});

test('OPSBOOK_SEARCH_PART_PAGES is a whole number of pages, and anything else is refused with what to do', () => {
  expect(searchPartPages({ OPSBOOK_SEARCH_PART_PAGES: '500' })).toBe(500);
  expect(searchPartPages({})).toBe(2500);
  expect(() => searchPartPages({ OPSBOOK_SEARCH_PART_PAGES: '2.5k' })).toThrow('OPSBOOK_SEARCH_PART_PAGES must be a whole number of pages (1 or more), not "2.5k". Unset it for the default of 2500.');
  expect(() => searchPartPages({ OPSBOOK_SEARCH_PART_PAGES: '0' })).toThrow(/not "0"/);
});

test('the maps, header and footer search ignores are cut before Pagefind reads a page, and the index is the one Pagefind makes of the whole page', async () => {
  const dist = builtSite('valid').dist;
  const runbook = readFileSync(join(dist, 'runbooks/checkout/slow-checkout/index.html'), 'utf8');
  const start = runbook.indexOf('<figure class="diagram diagram-map" data-pagefind-ignore>');
  expect(start).toBeGreaterThan(0);
  const end = runbook.indexOf('</figure>', start) + '</figure>'.length;
  const cut = indexableHtml(runbook);
  expect(cut).not.toContain('diagram-map');
  expect(cut).toContain(indexableHtml(runbook.slice(end)));
  expect(runbook).toContain('<header class="site-header" id="top" data-pagefind-ignore>');
  expect(runbook).toContain('<footer class="site-footer" data-pagefind-ignore>');
  expect(cut).not.toMatch(/site-header|site-footer|Search runbooks, alerts, services and operations/);
  expect(cut).toContain('<html lang="en">');
  // A header or footer holding something Pagefind reads outside the body is handed over as it is.
  const marked = runbook.replace('<footer class="site-footer" data-pagefind-ignore>', '<footer class="site-footer" data-pagefind-ignore><span data-pagefind-filter="team">x</span>');
  expect(indexableHtml(marked)).toContain('<footer class="site-footer" data-pagefind-ignore><span data-pagefind-filter="team">x</span>');
  expect(indexableHtml(marked)).not.toContain('site-header');
  // Pagefind handed each page whole (as before the cut) writes the same fragments as the site's index.
  const out = mkdtempSync(join(tmpdir(), 'opsbook-index-whole-'));
  try {
    const { index } = await pagefind.createIndex({ keepIndexUrl: false, writePlayground: false });
    let withMaps = 0;
    for (const page of VALID_PAGES) {
      const whole = readFileSync(join(dist, page), 'utf8');
      if (whole.includes('diagram-map')) withMaps++;
      await index!.addHTMLFile({ sourcePath: page, content: diagramsAsSource(whole).replace(/(<\/(?:a|code)>)(?=<(?:a|code)[\s>])/g, '$1 ') });
    }
    expect(withMaps).toBeGreaterThanOrEqual(5);
    await index!.writeFiles({ outputPath: join(out, 'pagefind') });
    const byUrl = (list: { url: string }[]) => [...list].sort((a, b) => a.url.localeCompare(b.url));
    expect(byUrl(fragments(out, ['pagefind/']))).toEqual(byUrl(fragments(dist)));
  } finally {
    await pagefind.close();
    rmSync(out, { recursive: true, force: true });
  }
});
