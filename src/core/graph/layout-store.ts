/**
 * Map layouts worked out ahead of the pages that show them. The build starts
 * a worker thread on the second core that lays out every document map while
 * the main thread syncs content and renders pages (layout-prefetch.ts); a
 * page takes a layout that is ready and lays out itself one that is not, and
 * claims it so the worker skips it. The store is one object on globalThis:
 * pages run from a bundled copy of this module, the integration from Node's.
 */
import { createHash } from 'node:crypto';
import type { MapSpec } from './diagrams.ts';
import type { MapLayout } from './layout.ts';

/** A layout as it crosses threads and sits in the cache file: Maps as entry lists. */
export interface StoredLayout {
  width: number;
  height: number;
  nodes: [string, MapLayout['nodes'] extends Map<string, infer B> ? B : never][];
  groups: [string, MapLayout['groups'] extends Map<string, infer B> ? B : never][];
  edges: MapLayout['edges'];
}

interface Store {
  /** Layouts ready, by spec key. */
  ready: Map<string, StoredLayout>;
  /** Spec keys a page has taken or is laying out: the worker need not. */
  claimed: Set<string>;
}

const KEY = Symbol.for('opsbook.map-layouts');
const holder = globalThis as typeof globalThis & { [KEY]?: Store };

export function layoutStore(): Store {
  return (holder[KEY] ??= { ready: new Map(), claimed: new Set() });
}

/** Names a layout: it depends on the spec alone (labels, zones, edges, direction). */
export function specKey(spec: MapSpec): string {
  return createHash('sha1').update(JSON.stringify(spec)).digest('hex');
}

export function storeLayout(layout: MapLayout): StoredLayout {
  return { width: layout.width, height: layout.height, nodes: [...layout.nodes], groups: [...layout.groups], edges: layout.edges };
}

export function loadLayout(stored: StoredLayout): MapLayout {
  return { width: stored.width, height: stored.height, nodes: new Map(stored.nodes), groups: new Map(stored.groups), edges: stored.edges };
}

/** The layout named `key` if one is ready; either way it is claimed for this thread, so the worker skips it. */
export function takeLayout(key: string): MapLayout | undefined {
  const store = layoutStore();
  store.claimed.add(key);
  const ready = store.ready.get(key);
  return ready && loadLayout(ready);
}

/** Keeps a layout made on this thread, for the cache of the next build. */
export function keepLayout(key: string, layout: MapLayout): void {
  layoutStore().ready.set(key, storeLayout(layout));
}
