/** Authored diagrams drawn in Chromium are cached between builds: a rebuild draws only what changed, with the same result. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { drawAheadInBackground, findChromium, renderSiteDiagrams } from '../../src/lib/diagram-render.ts';
import { indexableHtml } from '../../src/lib/search-index.ts';
import { filesUnder } from '../../src/lib/dist-files.ts';
import { fixturePath } from '../helpers/content.ts';
import { buildSite, prepareSite } from '../helpers/site.ts';

const work = mkdtempSync(join(tmpdir(), 'opsbook-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the second build takes every diagram from the cache and writes the same pages', { timeout: 240_000 }, async () => {
  expect(findChromium()).toBeDefined();
  // A client-mode build still holds the authored Mermaid sources (maps are already SVG): draw them as the build would.
  const site = buildSite(prepareSite('maps-cache', fixturePath('maps')), { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_NOW: '2026-11-23' });
  expect(site.status, site.output).toBe(0);
  process.env.OPSBOOK_DIAGRAM_CACHE_DIR = join(work, 'cache');
  try {
    const first = join(work, 'first');
    const second = join(work, 'second');
    cpSync(site.dist, first, { recursive: true });
    cpSync(site.dist, second, { recursive: true });
    const cold = await renderSiteDiagrams(first, 'build', 'test', work);
    // Three diagrams in the runbook, shown again on the service's incident kit: drawn once each.
    expect(cold).toMatchObject({ diagrams: 6, rendered: 3, cached: 0, errors: [] });
    expect(cold.maps).toBeGreaterThan(8);
    const warm = await renderSiteDiagrams(second, 'build', 'test', work);
    expect(warm).toMatchObject({ rendered: 0, cached: cold.rendered, errors: [], maps: cold.maps, mapFiles: cold.mapFiles });
    for (const page of ['runbooks/checkout-down/index.html', 'services/checkout/index.html', 'topology/index.html']) {
      expect(readFileSync(join(second, page), 'utf8')).toBe(readFileSync(join(first, page), 'utf8'));
    }
    const runbook = readFileSync(join(second, 'runbooks/checkout-down/index.html'), 'utf8');
    expect(runbook.match(/<div class="diagram-svg"[^>]*><svg/g)).toHaveLength(3);
    expect(runbook).not.toContain('class="mermaid-source"');
    // Every distinct map is published as a file of its own.
    expect(readdirSync(join(second, '_opsbook/maps')).length).toBe(cold.mapFiles);
    // Search reads a page the same before and after its diagrams are drawn (the index is built meanwhile):
    // each diagram as its source, and no SVG or "Diagram source" label.
    let changed = 0;
    for (const file of filesUnder(site.dist, '.html')) {
      const before = readFileSync(file, 'utf8');
      const after = readFileSync(join(second, file.slice(site.dist.length)), 'utf8');
      if (before !== after && before.includes('mermaid-source')) changed++;
      expect(indexableHtml(after), file).toBe(indexableHtml(before));
    }
    expect(changed).toBe(2);
    // Drawn ahead of the pages (as a build does while they render, from the bodies' HTML) into an empty cache:
    // the pass after the pages draws nothing more, and writes the same pages.
    process.env.OPSBOOK_DIAGRAM_CACHE_DIR = join(work, 'cache-ahead');
    const third = join(work, 'third');
    cpSync(site.dist, third, { recursive: true });
    const bodies = filesUnder(site.dist, '.html').map((file) => ({ html: readFileSync(file, 'utf8'), where: file }));
    const early = await renderSiteDiagrams(third, 'build', 'test', work, undefined, drawAheadInBackground(bodies, work));
    expect(early).toMatchObject({ diagrams: 6, rendered: 3, ahead: 3, cached: 0, errors: [] });
    for (const page of ['runbooks/checkout-down/index.html', 'services/checkout/kit/index.html']) {
      expect(readFileSync(join(third, page), 'utf8')).toBe(readFileSync(join(first, page), 'utf8'));
    }
    // The service map's figure (with its own source) is left out of search by data-pagefind-ignore.
    const indexed = indexableHtml(runbook).replace(/<figure class="diagram diagram-map" data-pagefind-ignore>[\s\S]*?<\/figure>/g, '');
    expect(indexed.match(/<pre><code class="language-mermaid">/g)).toHaveLength(3);
    expect(indexed).not.toMatch(/<div class="diagram-svg"|Diagram source<|mermaid-source/);
  } finally {
    delete process.env.OPSBOOK_DIAGRAM_CACHE_DIR;
  }
});
