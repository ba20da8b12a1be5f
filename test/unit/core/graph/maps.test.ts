/** Generated maps are laid out and drawn in Node: no browser, the same picture every time. */
import { Window } from 'happy-dom';
import { describe, expect, test } from 'vitest';
import { mermaidForSubgraph, zoneMap, zoneOverview } from '../../../../src/core/graph/diagrams.ts';
import { buildGraph, neighbourhood } from '../../../../src/core/graph/graph.ts';
import { layoutMap, nodeWidth } from '../../../../src/core/graph/layout.ts';
import { drawMap, mapKey, mapStats } from '../../../../src/core/graph/maps.ts';
import { MIN_LABEL_PX, standaloneSvg } from '../../../../src/core/graph/svg-map.ts';
import { textWidth } from '../../../../src/core/graph/text-metrics.ts';

type Dep = string | { service: string; kind: 'sync' | 'async' | 'data' };
const s = (id: string, name: string, zone: string, ...deps: Dep[]) => ({ id, name, zone, tier: 1, owner: 't', dependsOn: deps });

/** web (edge) → api (app) → db (data, thick) and → bus (data, dotted). */
const graph = buildGraph([s('web', 'Storefront Web', 'edge', 'api'), s('api', 'Orders API', 'app', { service: 'db', kind: 'data' }, { service: 'bus', kind: 'async' }), s('db', 'Orders DB', 'data'), s('bus', 'Order Events', 'data')]);
const links = (map: { links: Record<string, string> }) => Object.fromEntries(Object.entries(map.links).map(([id, path]) => [id, `/docs${path}`]));

function parse(svg: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;
}

const numbers = (el: Element, ...names: string[]) => names.map((n) => Number(el.getAttribute(n)));

describe('a zone map drawn without a browser', async () => {
  const map = zoneMap(graph, 'app');
  const drawn = await drawMap(map.spec, links(map));
  const doc = parse(drawn.svg);
  const svg = doc.querySelector('svg.opsbook-map')!;

  test('every service is a box with its name, linked to its page (base path included)', () => {
    const nodes = [...doc.querySelectorAll('g.map-node')];
    expect(nodes.map((n) => n.querySelector('text')!.textContent).sort()).toEqual(['Order Events', 'Orders API', 'Orders DB', 'Storefront Web']);
    const anchors = [...doc.querySelectorAll('a.diagram-link')].map((a) => [a.getAttribute('aria-label'), a.getAttribute('href')]);
    expect(anchors.sort()).toEqual([
      ['Order Events', '/docs/services/bus/'],
      ['Orders API', '/docs/services/api/'],
      ['Orders DB', '/docs/services/db/'],
      ['Storefront Web', '/docs/services/web/'],
    ]);
    // Services of other zones are drawn as external (dashed), the zone's own plainly.
    const external = [...doc.querySelectorAll('g.map-node.external text')].map((t) => t.textContent).sort();
    expect(external).toEqual(['Order Events', 'Orders DB', 'Storefront Web']);
    expect(doc.querySelector('g.map-node.external rect')!.getAttribute('stroke-dasharray')).toBe('4 3');
  });

  test('each dependency is an arrow in the style of its kind', () => {
    const ids = Object.fromEntries(map.spec.nodes.map((n) => [n.label, n.id]));
    const edges = [...doc.querySelectorAll('path.map-edge')].map((p) => [p.getAttribute('data-from'), p.getAttribute('data-to'), p.getAttribute('class'), p.getAttribute('stroke-width'), p.getAttribute('stroke-dasharray')]);
    expect(edges).toEqual([
      [ids['Storefront Web'], ids['Orders API'], 'map-edge map-edge-solid', '1.5', null],
      [ids['Orders API'], ids['Orders DB'], 'map-edge map-edge-thick', '3.5', null],
      [ids['Orders API'], ids['Order Events'], 'map-edge map-edge-dotted', '1.5', '3 3'],
    ]);
    for (const path of doc.querySelectorAll('path.map-edge')) expect(path.getAttribute('marker-end')).toBe(`url(#map-${drawn.key}-arrow)`);
    expect(doc.getElementById(`map-${drawn.key}-arrow`)).not.toBeNull();
  });

  test('zones are framed groups holding their services', () => {
    const groups = [...doc.querySelectorAll('g.map-group')];
    expect(groups.map((g) => g.querySelector('text')!.textContent)).toEqual(['zone: app', 'zone: data', 'zone: edge']);
    const box = (el: Element) => {
      const [x, y, width, height] = numbers(el.querySelector('rect')!, 'x', 'y', 'width', 'height');
      return { x: x!, y: y!, width: width!, height: height! };
    };
    const data = box(groups[1]!);
    for (const name of ['Orders DB', 'Order Events']) {
      const node = box([...doc.querySelectorAll('g.map-node')].find((n) => n.textContent === name)!);
      expect(node.x).toBeGreaterThanOrEqual(data.x);
      expect(node.y).toBeGreaterThanOrEqual(data.y + 30); // below the zone's name
      expect(node.x + node.width).toBeLessThanOrEqual(data.x + data.width);
      expect(node.y + node.height).toBeLessThanOrEqual(data.y + data.height);
    }
  });

  test('sizes: labels fit their boxes, boxes do not overlap, the drawing is its natural size with a readable minimum', () => {
    const [width, height] = numbers(svg, 'width', 'height');
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(width).toBeGreaterThan(300);
    expect(width).toBeLessThan(1000);
    expect(height).toBeLessThan(400);
    expect(svg.getAttribute('style')).toBe(`min-width:${Math.ceil((width! * MIN_LABEL_PX) / 16)}px`);
    const boxes = [...doc.querySelectorAll('g.map-node')].map((n) => {
      const [x, y, w, h] = numbers(n.querySelector('rect')!, 'x', 'y', 'width', 'height');
      expect(w).toBeGreaterThanOrEqual(textWidth(n.textContent!, 16) + 16);
      expect(x! + w!).toBeLessThanOrEqual(width!);
      expect(y! + h!).toBeLessThanOrEqual(height!);
      return { x: x!, y: y!, w: w!, h: h! };
    });
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
  });

  test('the same map is laid out once per build and drawn the same every time', async () => {
    const before = mapStats().drawn;
    const again = await drawMap(zoneMap(graph, 'app').spec, links(map));
    expect(again).toBe(drawn);
    expect(mapStats().drawn).toBe(before);
    // A fresh layout of the same spec gives the same coordinates.
    const [first, second] = [await layoutMap(map.spec), await layoutMap(structuredClone(map.spec))];
    expect(second).toEqual(first);
    expect(mapKey(map.spec, links(map))).toBe(drawn.key);
    expect(mapKey(map.spec, { ...links(map), s0: '/other/' })).not.toBe(drawn.key);
  });
});

test('a map depends only on what it shows: two pages with the same services share one drawing', async () => {
  const a = mermaidForSubgraph(neighbourhood(graph, 'api'), { classes: new Map([['api', 'focus']]) });
  const b = mermaidForSubgraph(neighbourhood(graph, 'api'), { classes: new Map([['api', 'focus']]) });
  expect(await drawMap(b.spec, b.links)).toBe(await drawMap(a.spec, a.links));
  expect((await drawMap(a.spec, a.links)).svg).toContain('class="node map-node focus"');
});

test('names are escaped: markup in a service name is text, and no script reaches the SVG', async () => {
  const g = buildGraph([s('x', '<script>alert(1)</script> & "Co"', 'app', 'y'), s('y', "O'Brien <img src=x onerror=alert(1)>", 'app')]);
  const map = mermaidForSubgraph(neighbourhood(g, 'x'));
  const { svg } = await drawMap(map.spec, map.links);
  expect(svg).not.toMatch(/<script|<img/i);
  const doc = parse(svg);
  expect([...doc.querySelectorAll('g.map-node text')].map((t) => t.textContent).sort()).toEqual(['<script>alert(1)</script> & "Co"', "O'Brien <img src=x onerror=alert(1)>"]);
  expect(doc.querySelectorAll('script, img').length).toBe(0);
});

test('the zone overview labels its edges with counts and links zones to their sections', async () => {
  const overview = zoneOverview(graph);
  const { svg } = await drawMap(overview.spec, overview.links);
  const doc = parse(svg);
  expect([...doc.querySelectorAll('g.map-edge-label text')].map((t) => t.textContent).sort()).toEqual(['1', '2']);
  expect([...doc.querySelectorAll('a.diagram-link')].map((a) => a.getAttribute('href'))).toEqual(['/topology/#zone-app', '/topology/#zone-data', '/topology/#zone-edge']);
  // Edge labels are set at 14 px: the minimum width keeps them at 11 px too.
  const width = Number(doc.querySelector('svg')!.getAttribute('width'));
  expect(doc.querySelector('svg')!.getAttribute('style')).toBe(`min-width:${Math.ceil((width * MIN_LABEL_PX) / 14)}px`);
});

test('text widths come from the font table: DejaVu Sans advances, wide scripts a full em', () => {
  // Chromium measures 6,799 units for this label in DejaVu Sans (kerning takes off a little).
  expect(textWidth('Payments API', 1000)).toBeGreaterThanOrEqual(6799);
  expect(textWidth('Payments API', 1000)).toBeLessThan(6799 * 1.01);
  expect(textWidth('', 16)).toBe(0);
  expect(textWidth('中文', 10)).toBe(20);
  expect(nodeWidth('Payments API')).toBe(Math.ceil(textWidth('Payments API', 16) + 32));
});

test('a map as a file of its own follows the system colour scheme and has no page-only sizing', async () => {
  const map = zoneMap(graph, 'data');
  const { svg } = await drawMap(map.spec, map.links);
  const file = standaloneSvg(svg);
  expect(file.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(file).toContain(':root{color-scheme:light dark;');
  expect(file).not.toContain('min-width');
});

test('a graph ELK refuses is an error naming what is wrong, and the engine goes on laying out the next map', async () => {
  await expect(layoutMap({ direction: 'LR', nodes: [{ id: 'a', label: 'A' }], groups: [], edges: [{ from: 'a', to: 'missing', style: 'solid' }] })).rejects.toThrow(/missing/);
  const layout = await layoutMap({ direction: 'LR', nodes: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], groups: [], edges: [{ from: 'a', to: 'b', style: 'solid' }] });
  expect([...layout.nodes.keys()]).toEqual(['a', 'b']);
  expect(layout.nodes.get('b')!.x).toBeGreaterThan(layout.nodes.get('a')!.x + layout.nodes.get('a')!.width);
  expect(layout.edges[0]!.points.length).toBeGreaterThanOrEqual(2);
});
