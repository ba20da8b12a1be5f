/** Drawn diagrams are cached between builds: a rebuild draws only what changed, with the same result. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { findChromium, renderSiteDiagrams } from '../../src/lib/diagram-render.ts';
import { builtSite } from '../helpers/site.ts';

const work = mkdtempSync(join(tmpdir(), 'opsbook-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the second build takes every diagram from the cache and writes the same pages', { timeout: 120_000 }, async () => {
  expect(findChromium()).toBeDefined();
  // The client-mode build still holds the Mermaid sources: draw them as the build would.
  const source = builtSite('valid-client').dist;
  process.env.OPSBOOK_DIAGRAM_CACHE_DIR = join(work, 'cache');
  try {
    const first = join(work, 'first');
    const second = join(work, 'second');
    cpSync(source, first, { recursive: true });
    cpSync(source, second, { recursive: true });
    const cold = await renderSiteDiagrams(first, 'build', 'test', work);
    expect(cold.cached).toBe(0);
    expect(cold.rendered).toBeGreaterThan(5);
    const warm = await renderSiteDiagrams(second, 'build', 'test', work);
    expect(warm).toMatchObject({ rendered: 0, cached: cold.rendered, errors: [] });
    for (const page of ['services/payments/index.html', 'topology/index.html', 'runbooks/checkout/slow-checkout/index.html']) {
      expect(readFileSync(join(second, page), 'utf8')).toBe(readFileSync(join(first, page), 'utf8'));
    }
    expect(readFileSync(join(second, 'topology/index.html'), 'utf8')).toContain('<div class="diagram-svg"><svg');
  } finally {
    delete process.env.OPSBOOK_DIAGRAM_CACHE_DIR;
  }
});
