/**
 * Draws a laid-out map as SVG: zones as framed groups, services as boxes
 * linking to their pages, dependencies as arrows in Mermaid's neutral look
 * (solid, dotted, thick). The SVG carries presentation attributes in the light
 * colours, so it reads even where CSS does not apply, and a style sheet whose
 * colours follow the page's colour scheme (light-dark()), so a map is calm in
 * dark mode and prints on white. No script, every text escaped.
 */
import type { MapClass, MapSpec } from './diagrams.ts';
import { EDGE_LABEL_SIZE, FONT_SIZE, type MapLayout } from './layout.ts';
import { MIN_LABEL_PX } from '../../scripts/diagram-width.ts';

/** Text on a map is never shown smaller than this many CSS pixels: wider maps scroll in their frame instead. */
export { MIN_LABEL_PX };

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const ARROW_LENGTH = 11;

/** Light colours (Mermaid's neutral theme and the highlight classes), then dark ones. */
const LIGHT = {
  text: '#1b1f24',
  node: ['#eeeeee', '#999999'],
  group: ['#fcfcfc', '#707070'],
  groupText: '#333333',
  edge: '#666666',
  focus: ['#fff1b8', '#8a6d00'],
  changed: ['#ffd6a5', '#9c4a00'],
  affected: ['#ffe3e3', '#8a1111'],
  external: ['#f6f8fa', '#8c959f'],
  externalText: '#57606a',
} as const;

const STROKE_WIDTH: Record<MapClass | 'default', number> = { default: 1, focus: 3, changed: 3, affected: 2, external: 1 };
const EDGE_WIDTH = { solid: 1.5, dotted: 1.5, thick: 3.5 } as const;

/** The map's style sheet, scoped to `.opsbook-map`; the colour scheme comes from the page (or, standalone, the system). */
export const MAP_CSS = [
  '.opsbook-map text{fill:light-dark(#1b1f24,#e6e8eb)}',
  '.opsbook-map .map-node rect{fill:light-dark(#eeeeee,#262c36);stroke:light-dark(#999999,#8b949e)}',
  '.opsbook-map .map-group rect{fill:light-dark(#fcfcfc,#161b22);stroke:light-dark(#707070,#545d68)}',
  '.opsbook-map .map-group text{fill:light-dark(#333333,#adbac7)}',
  '.opsbook-map .map-edge{stroke:light-dark(#666666,#9da7b3)}',
  '.opsbook-map .map-arrow{fill:light-dark(#666666,#9da7b3)}',
  '.opsbook-map .map-edge-label rect{fill:light-dark(#ffffff,#0f1216)}',
  '.opsbook-map .focus rect{fill:light-dark(#fff1b8,#4a3b00);stroke:light-dark(#8a6d00,#e3b341)}',
  '.opsbook-map .changed rect{fill:light-dark(#ffd6a5,#5a2e00);stroke:light-dark(#9c4a00,#f0883e)}',
  '.opsbook-map .affected rect{fill:light-dark(#ffe3e3,#4a1212);stroke:light-dark(#8a1111,#f47067)}',
  '.opsbook-map .external rect{fill:light-dark(#f6f8fa,#181c22);stroke:light-dark(#8c959f,#768390)}',
  '.opsbook-map .external text{fill:light-dark(#57606a,#a7b0bb)}',
  '.opsbook-map a:hover rect,.opsbook-map a:focus rect{stroke-width:3px}',
  '@media print{.opsbook-map{color-scheme:light}}',
].join('');

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/** An orthogonal route with softly rounded bends, ending an arrow's length before the target (the arrowhead fills the rest). */
function edgePath(points: readonly { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  const pts = points.map((p) => ({ ...p }));
  const last = pts[pts.length - 1]!;
  const prev = pts[pts.length - 2]!;
  const length = Math.hypot(last.x - prev.x, last.y - prev.y);
  if (length > ARROW_LENGTH) {
    last.x -= ((last.x - prev.x) / length) * ARROW_LENGTH;
    last.y -= ((last.y - prev.y) / length) * ARROW_LENGTH;
  }
  let d = `M${n(pts[0]!.x)},${n(pts[0]!.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [a, b, c] = [pts[i - 1]!, pts[i]!, pts[i + 1]!];
    const r = Math.min(6, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const toward = (from: { x: number; y: number }, to: { x: number; y: number }) => {
      const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / len) * r, y: from.y + ((to.y - from.y) / len) * r };
    };
    const before = toward(b, a);
    const after = toward(b, c);
    d += `L${n(before.x)},${n(before.y)}Q${n(b.x)},${n(b.y)} ${n(after.x)},${n(after.y)}`;
  }
  return `${d}L${n(last.x)},${n(last.y)}`;
}

export interface DrawOptions {
  /** Unique within a page, for the arrowhead's id. */
  id: string;
  /** Node id → href (base already applied). */
  links: Record<string, string>;
  /** What the map shows, read out by screen readers. */
  label: string;
}

export function mapSvg(spec: MapSpec, layout: MapLayout, options: DrawOptions): string {
  const smallest = spec.edges.some((e) => e.label) ? EDGE_LABEL_SIZE : FONT_SIZE;
  const minWidth = Math.ceil((layout.width * MIN_LABEL_PX) / smallest);
  const arrow = `${options.id}-arrow`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="opsbook-map" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" style="min-width:${minWidth}px" font-family="${FONT}" font-size="${FONT_SIZE}" role="group" aria-label="${escapeXml(options.label)}" data-min-label="${MIN_LABEL_PX}">`,
    `<style>${MAP_CSS}</style>`,
    `<defs><marker id="${arrow}" viewBox="0 0 ${ARROW_LENGTH} 14" refX="0" refY="7" markerUnits="userSpaceOnUse" markerWidth="${ARROW_LENGTH}" markerHeight="14" orient="auto"><path class="map-arrow" d="M0,0L${ARROW_LENGTH},7L0,14z" fill="${LIGHT.edge}"/></marker></defs>`,
  );
  out.push('<g class="map-groups">');
  for (const group of spec.groups) {
    const box = layout.groups.get(group.id);
    if (!box) continue;
    out.push(
      `<g class="map-group" data-id="${group.id}"><rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="4" fill="${LIGHT.group[0]}" stroke="${LIGHT.group[1]}"/>` +
        `<text x="${n(box.x + box.width / 2)}" y="${n(box.y + 20)}" text-anchor="middle" dominant-baseline="central" fill="${LIGHT.groupText}">${escapeXml(group.label)}</text></g>`,
    );
  }
  out.push('</g><g class="map-edges">');
  spec.edges.forEach((edge, i) => {
    const route = layout.edges[i];
    if (!route || route.points.length < 2) return;
    const dash = edge.style === 'dotted' ? ' stroke-dasharray="3 3"' : '';
    out.push(`<path class="map-edge map-edge-${edge.style}" data-from="${edge.from}" data-to="${edge.to}" d="${edgePath(route.points)}" fill="none" stroke="${LIGHT.edge}" stroke-width="${EDGE_WIDTH[edge.style]}"${dash} marker-end="url(#${arrow})"/>`);
  });
  out.push('</g><g class="map-edge-labels">');
  spec.edges.forEach((edge, i) => {
    const box = layout.edges[i]?.label;
    if (!edge.label || !box) return;
    out.push(
      `<g class="map-edge-label"><rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="3" fill="#ffffff"/>` +
        `<text x="${n(box.x + box.width / 2)}" y="${n(box.y + box.height / 2)}" text-anchor="middle" dominant-baseline="central" font-size="${EDGE_LABEL_SIZE}" fill="${LIGHT.text}">${escapeXml(edge.label)}</text></g>`,
    );
  });
  out.push('</g><g class="map-nodes">');
  for (const node of spec.nodes) {
    const box = layout.nodes.get(node.id);
    if (!box) continue;
    const cls = node.class;
    const [fill, stroke] = cls ? LIGHT[cls] : LIGHT.node;
    const dash = cls === 'external' ? ' stroke-dasharray="4 3"' : '';
    const textFill = cls === 'external' ? LIGHT.externalText : LIGHT.text;
    const shape =
      `<g class="node map-node${cls ? ` ${cls}` : ''}" data-id="${node.id}"><rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" fill="${fill}" stroke="${stroke}" stroke-width="${STROKE_WIDTH[cls ?? 'default']}"${dash}/>` +
      `<text x="${n(box.x + box.width / 2)}" y="${n(box.y + box.height / 2)}" text-anchor="middle" dominant-baseline="central" fill="${textFill}">${escapeXml(node.label)}</text></g>`;
    const href = options.links[node.id];
    out.push(href ? `<a href="${escapeXml(href)}" class="diagram-link" aria-label="${escapeXml(node.label)}">${shape}</a>` : shape);
  }
  out.push('</g></svg>');
  return out.join('');
}

/** The same map as a file of its own: the colour scheme follows the system, on the page's background. */
export function standaloneSvg(inline: string): string {
  const sheet = ':root{color-scheme:light dark;background:light-dark(#ffffff,#0f1216)}';
  return `<?xml version="1.0" encoding="UTF-8"?>\n${inline.replace(/ style="min-width:[^"]*"/, '').replace('<style>', `<style>${sheet}`)}\n`;
}
