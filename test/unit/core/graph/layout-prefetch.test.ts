/**
 * Map layouts worked out ahead on a worker thread, and kept between builds:
 * a page given a layout from the worker or the cache draws exactly the map it
 * would have laid out itself.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildGraph } from '../../../../src/core/graph/graph.ts';
import { layoutMap } from '../../../../src/core/graph/layout.ts';
import { layoutStore, specKey, takeLayout } from '../../../../src/core/graph/layout-store.ts';
import { operationMap, runbookMap, serviceMap } from '../../../../src/core/graph/page-maps.ts';
import { prefetchLayouts } from '../../../../src/lib/layout-prefetch.ts';

const s = (id: string, zone: string, ...deps: string[]) => ({ id, name: `Service ${id}`, zone, tier: 1, owner: 't', dependsOn: deps });
const graph = buildGraph([s('web', 'edge', 'api'), s('api', 'app', 'db', 'cache'), s('db', 'data'), s('cache', 'data'), s('jobs', 'app', 'db')]);
const specs = [operationMap(graph, ['db']).spec, runbookMap(graph, ['api', 'jobs']).spec, serviceMap(graph, 'api').spec, serviceMap(graph, 'web').spec];
const root = mkdtempSync(join(tmpdir(), 'opsbook-layouts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function reset(): void {
  layoutStore().ready.clear();
  layoutStore().claimed.clear();
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('layouts worked out ahead', () => {
  test('the worker lays out every map, and each is the layout the page would make', async () => {
    reset();
    const prefetch = await prefetchLayouts(root, specs);
    await until(() => prefetch.stats.ahead === specs.length);
    expect(prefetch.stats).toEqual({ cached: 0, ahead: specs.length });
    for (const spec of specs) {
      const ahead = takeLayout(specKey(spec));
      expect(ahead).toEqual(await layoutMap(spec));
      expect(ahead!.nodes.size).toBe(spec.nodes.length);
    }
    await prefetch.finish();
    const saved = JSON.parse(readFileSync(join(root, '.cache/opsbook/map-layouts.json'), 'utf8')) as { layouts: [string][] };
    expect(saved.layouts.map(([key]) => key).sort()).toEqual(specs.map(specKey).sort());
  });

  test('the next build takes them from the cache and starts no work for them', async () => {
    reset();
    const prefetch = await prefetchLayouts(root, specs);
    expect(prefetch.stats).toEqual({ cached: specs.length, ahead: 0 });
    expect(takeLayout(specKey(specs[2]!))).toEqual(await layoutMap(specs[2]!));
    await prefetch.finish();
  });

  test('a map a page has claimed is left to the page', async () => {
    reset();
    rmSync(join(root, '.cache'), { recursive: true, force: true });
    const claimed = specs.slice(0, 2).map(specKey);
    for (const key of claimed) layoutStore().claimed.add(key);
    // More maps than one batch, so the claimed ones are skipped when batches are made.
    const many = Array.from({ length: 80 }, (_, i) => serviceMap(buildGraph([s(`x${i}`, 'app')]), `x${i}`).spec);
    const prefetch = await prefetchLayouts(root, [...many, ...specs]);
    await until(() => prefetch.stats.ahead >= many.length + 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(prefetch.stats.ahead).toBe(many.length + 2);
    for (const key of claimed) expect(layoutStore().ready.has(key)).toBe(false);
    await prefetch.finish();
  });

  test('OPSBOOK_MAP_CACHE=0 writes no file', async () => {
    reset();
    rmSync(join(root, '.cache'), { recursive: true, force: true });
    process.env.OPSBOOK_MAP_CACHE = '0';
    try {
      const prefetch = await prefetchLayouts(root, specs);
      await until(() => prefetch.stats.ahead === specs.length);
      await prefetch.finish();
      expect(existsSync(join(root, '.cache/opsbook/map-layouts.json'))).toBe(false);
    } finally {
      delete process.env.OPSBOOK_MAP_CACHE;
    }
  });
});
