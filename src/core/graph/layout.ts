/**
 * Lays out a map with ELK's layered algorithm (the family Mermaid's flowchart
 * layout belongs to), in Node: zones are compound nodes holding their
 * services, label sizes come from font metrics. All coordinates returned are
 * absolute, in pixels.
 */
import { createRequire } from 'node:module';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { MapSpec } from './diagrams.ts';
import { textWidth } from './text-metrics.ts';

/** Label size, as in Mermaid's flowcharts. */
export const FONT_SIZE = 16;
/** Edge labels (counts) are set a little smaller. */
export const EDGE_LABEL_SIZE = 14;
const NODE_HEIGHT = 44;
const NODE_PADDING_X = 16;
const GROUP_LABEL_HEIGHT = 30;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  groups: Map<string, Box>;
  /** In the order of the spec's edges. */
  edges: { points: { x: number; y: number }[]; label?: Box }[];
}

/**
 * ELK's layout engine, called directly. elkjs's promise API hands every call
 * to its in-process "worker" and back through two setTimeout(0) hops, at
 * least 1 ms each in Node: about 2 ms of waiting a map, when a small map
 * takes 3 to 5 ms to lay out. The engine itself is synchronous.
 */
interface ElkEngine {
  onmessage: (message: { data: { data?: ElkNode; error?: unknown } }) => void;
  dispatcher: { saveDispatch(message: { data: object }): void };
}
const engine: ElkEngine = new (createRequire(import.meta.url)('elkjs/lib/elk-worker.min.js') as { Worker: new () => ElkEngine }).Worker();

function call(data: object): ElkNode | undefined {
  let reply: { data?: ElkNode; error?: unknown } | undefined;
  engine.onmessage = (message) => {
    reply = message.data;
  };
  engine.dispatcher.saveDispatch({ data: { id: 0, ...data } });
  if (reply?.error) {
    const error = reply.error as { message?: string };
    throw error instanceof Error ? error : new Error(`ELK could not lay out the map: ${error.message ?? String(error)}`);
  }
  return reply?.data;
}
call({ cmd: 'register', algorithms: ['layered'] });

function elkLayout(graph: ElkNode): ElkNode {
  return call({ cmd: 'layout', graph, layoutOptions: {}, options: {} })!;
}

/** Spacing, set on the map and on each zone (ELK reads it per compound node). */
const SPACING = {
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '10',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
};

export function nodeWidth(label: string): number {
  return Math.ceil(textWidth(label, FONT_SIZE) + 2 * NODE_PADDING_X);
}

export function groupLabelWidth(label: string): number {
  return Math.ceil(textWidth(label, FONT_SIZE) + 2 * NODE_PADDING_X);
}

function rounded(n: number | undefined): number {
  return Math.round((n ?? 0) * 10) / 10;
}

/**
 * Lays out a map. Zones are compound nodes only when the map has any (ELK's
 * hierarchical mode costs several times the flat one). Should ELK fail on
 * some graph, the map is laid out again without zone frames rather than not
 * drawn at all.
 */
export async function layoutMap(spec: MapSpec): Promise<MapLayout> {
  try {
    return await layoutWith(spec, spec.groups.length > 0);
  } catch (error) {
    if (!spec.groups.length) throw error;
    return layoutWith({ ...spec, groups: [], nodes: spec.nodes.map(({ group: _group, ...node }) => node) }, false);
  }
}

async function layoutWith(spec: MapSpec, grouped: boolean): Promise<MapLayout> {
  const leaf = (n: MapSpec['nodes'][number]): ElkNode => ({ id: n.id, width: nodeWidth(n.label), height: NODE_HEIGHT });
  const children: ElkNode[] = [
    ...spec.groups.map((g) => ({
      id: g.id,
      // The zone's name sits in the top padding; the group is at least as wide as it.
      layoutOptions: {
        ...SPACING,
        'elk.padding': `[top=${GROUP_LABEL_HEIGHT + 6},left=16,bottom=16,right=16]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${groupLabelWidth(g.label)}, 0)`,
      },
      children: spec.nodes.filter((n) => n.group === g.id).map(leaf),
    })),
    ...spec.nodes.filter((n) => !n.group).map(leaf),
  ];
  const edges: ElkExtendedEdge[] = spec.edges.map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
    ...(e.label ? { labels: [{ text: e.label, width: Math.ceil(textWidth(e.label, EDGE_LABEL_SIZE)) + 8, height: EDGE_LABEL_SIZE + 6 }] } : {}),
  }));
  const root: ElkNode = elkLayout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': spec.direction === 'TB' ? 'DOWN' : 'RIGHT',
      ...(grouped ? { 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : {}),
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
      'elk.padding': '[top=8,left=8,bottom=8,right=8]',
      ...SPACING,
      'elk.edgeLabels.placement': 'CENTER',
    },
    children,
    edges,
  });
  const nodes = new Map<string, Box>();
  const groups = new Map<string, Box>();
  const box = (n: ElkNode): Box => ({ x: rounded(n.x), y: rounded(n.y), width: rounded(n.width), height: rounded(n.height) });
  for (const child of root.children ?? []) {
    if (spec.groups.some((g) => g.id === child.id)) {
      groups.set(child.id, box(child));
      for (const n of child.children ?? []) nodes.set(n.id, box(n));
    } else nodes.set(child.id, box(child));
  }
  const byId = new Map((root.edges ?? []).map((e) => [e.id, e]));
  return {
    width: Math.ceil(root.width ?? 0),
    height: Math.ceil(root.height ?? 0),
    nodes,
    groups,
    edges: spec.edges.map((_, i) => {
      const edge = byId.get(`e${i}`)!;
      const points = (edge.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map((p) => ({ x: rounded(p.x), y: rounded(p.y) }));
      const label = edge.labels?.[0];
      return { points, ...(label ? { label: { x: rounded(label.x), y: rounded(label.y), width: rounded(label.width), height: rounded(label.height) } } : {}) };
    }),
  };
}
