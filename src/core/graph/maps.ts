/**
 * Generated maps, drawn once per build: a map depends only on what it shows
 * (its spec and node links), so pages that show the same map share one
 * layout. Laid out and drawn in Node; no browser is involved.
 */
import { createHash } from 'node:crypto';
import type { MapSpec } from './diagrams.ts';
import { layoutMap } from './layout.ts';
import { keepLayout, specKey, takeLayout } from './layout-store.ts';
import { mapSvg } from './svg-map.ts';

export interface DrawnMap {
  /** Names the map: its standalone file is `_opsbook/maps/<key>.svg`. */
  key: string;
  svg: string;
  width: number;
  height: number;
}

/** Where the post-build pass publishes each map as a file of its own. */
export const MAP_FILES_DIR = '_opsbook/maps';

export interface MapStats {
  /** Maps on pages. */
  shown: number;
  /** Distinct maps laid out and drawn. */
  drawn: number;
  /** Milliseconds spent laying out and drawing on the page's thread. */
  ms: number;
  /** Distinct maps laid out on the page's thread (the rest were ready: from the layout worker or the last build). */
  laidOut: number;
}

// Pages are rendered from a bundled copy of this module; the build's own
// report reads the same figures through one global.
const STATS = Symbol.for('opsbook.map-stats');
const store = globalThis as typeof globalThis & { [STATS]?: MapStats };

export function mapStats(): MapStats {
  return (store[STATS] ??= { shown: 0, drawn: 0, ms: 0, laidOut: 0 });
}

export function resetMapStats(): void {
  store[STATS] = { shown: 0, drawn: 0, ms: 0, laidOut: 0 };
}

const drawn = new Map<string, Promise<DrawnMap>>();

export function mapKey(spec: MapSpec, links: Record<string, string>): string {
  return createHash('sha1').update(JSON.stringify([spec, links])).digest('hex').slice(0, 16);
}

function describe(spec: MapSpec): string {
  const count = spec.nodes.length;
  return `Map of ${count} node${count === 1 ? '' : 's'} and ${spec.edges.length} dependenc${spec.edges.length === 1 ? 'y' : 'ies'}; each node links to its page.`;
}

/** The SVG of a map, laid out once per distinct map and build. */
export function drawMap(spec: MapSpec, links: Record<string, string>): Promise<DrawnMap> {
  const stats = mapStats();
  stats.shown++;
  const key = mapKey(spec, links);
  let map = drawn.get(key);
  if (!map) {
    map = (async () => {
      const started = performance.now();
      // Worked out ahead by the build's layout worker, or here.
      const id = specKey(spec);
      let layout = takeLayout(id);
      if (!layout) {
        layout = await layoutMap(spec);
        keepLayout(id, layout);
        stats.laidOut++;
      }
      const svg = mapSvg(spec, layout, { id: `map-${key}`, links, label: describe(spec) });
      stats.drawn++;
      stats.ms += performance.now() - started;
      return { key, svg, width: layout.width, height: layout.height };
    })();
    drawn.set(key, map);
  }
  return map;
}
