/**
 * Lays out the site's maps ahead of its pages on a worker thread, and keeps
 * the layouts between builds. Pages render on the main thread (sixteen in
 * flight, interleaved); the worker works down the same list on the second
 * core, so by the time a page is rendered its map is usually ready (see
 * core/graph/layout-store.ts).
 *
 * The layouts of the last build are in .cache/opsbook/map-layouts.json beside
 * the project (OPSBOOK_MAP_CACHE=0 turns the file off), under a version made
 * from the layout code and ELK's version: a rebuild lays out only new maps.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { cachePath, sourceVersion } from './cache-dir.ts';
import type { MapSpec } from '../core/graph/diagrams.ts';
import { layoutStore, specKey, type StoredLayout } from '../core/graph/layout-store.ts';

const BATCH = 32;
const CODE = ['../core/graph/layout.ts', '../core/graph/text-metrics.ts', '../core/graph/layout-store.ts'];

function version(): string {
  const elk = (createRequire(import.meta.url)('elkjs/package.json') as { version: string }).version;
  return sourceVersion(CODE.map((file) => new URL(file, import.meta.url)), elk);
}

function cacheFile(root: string): string | undefined {
  return process.env.OPSBOOK_MAP_CACHE === '0' ? undefined : cachePath(root, 'map-layouts.json');
}

export interface Prefetch {
  /** Layouts from the last build, and laid out by the worker so far. */
  readonly stats: { cached: number; ahead: number };
  /** Stops the worker and writes the layouts this build used for the next one. */
  finish(): Promise<void>;
}

export async function prefetchLayouts(root: string, specs: readonly MapSpec[]): Promise<Prefetch> {
  const store = layoutStore();
  const file = cacheFile(root);
  const stamp = version();
  const stats = { cached: 0, ahead: 0 };
  if (file) {
    const saved = await readFile(file, 'utf8').then((t) => JSON.parse(t) as { version: string; layouts: [string, StoredLayout][] }, () => undefined);
    if (saved?.version === stamp) for (const [key, layout] of saved.layouts) store.ready.set(key, layout);
  }
  const wanted = new Map<string, MapSpec>();
  for (const spec of specs) wanted.set(specKey(spec), spec);
  stats.cached = [...wanted.keys()].filter((key) => store.ready.has(key)).length;
  const queue = [...wanted].filter(([key]) => !store.ready.has(key));
  let worker: Worker | undefined;
  if (queue.length) {
    worker = new Worker(new URL('../core/graph/layout-worker.ts', import.meta.url));
    worker.unref(); // never what keeps the build running
    const send = () => {
      const batch: [string, MapSpec][] = [];
      while (queue.length && batch.length < BATCH) {
        const next = queue.shift()!;
        if (!store.claimed.has(next[0])) batch.push(next);
      }
      if (batch.length) {
        worker!.postMessage(batch);
        inFlight++;
      }
    };
    let inFlight = 0;
    worker.on('message', (done: [string, StoredLayout | null][]) => {
      inFlight--;
      for (const [key, layout] of done) {
        if (layout && !store.ready.has(key)) {
          store.ready.set(key, layout);
          stats.ahead++;
        }
      }
      send();
      // All laid out: the worker's memory is given back before the pages' peak.
      if (!inFlight) void worker!.terminate();
    });
    worker.on('error', () => undefined); // pages lay out what the worker did not
    // Two batches in flight, so the worker never waits for the main thread to hand it more.
    send();
    send();
  }
  return {
    stats,
    async finish() {
      await worker?.terminate();
      if (!file) return;
      // Only this site's maps (its documents' and any a page drew): the file follows the site, it does not grow without end.
      const used = [...new Set([...wanted.keys(), ...store.claimed])].flatMap((key) => (store.ready.has(key) ? [[key, store.ready.get(key)!] as const] : []));
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, JSON.stringify({ version: stamp, layouts: used }));
        await rename(`${file}.tmp`, file);
      } catch {
        // a read-only cache only costs time
      }
    },
  };
}
