/**
 * The maps Opsbook draws from the catalogue: the whole topology by zone, a
 * service's neighbourhood, an operation's blast radius, a runbook's services
 * in context. Each map is a plain description (nodes, zone groups, edges with
 * a style) that Opsbook lays out and draws itself (svg-map.ts), and the same
 * map as Mermaid source for readers who want to copy it. Each map comes with
 * the site path of every node, so nodes can link to their pages.
 */
import { NO_ZONE, type DependencyEdge, type ServiceGraph, type ServiceNode, type Subgraph } from './graph.ts';
import { documentPath } from '../links/urls.ts';

/** A node's highlight: focus (this page's services), changed, affected, external (another zone). */
export type MapClass = 'focus' | 'changed' | 'affected' | 'external';
export type EdgeStyle = 'solid' | 'dotted' | 'thick';

/** Everything a drawn map shows, and nothing else: equal specs draw equal pictures. */
export interface MapSpec {
  direction: 'LR' | 'TB';
  groups: { id: string; label: string }[];
  nodes: { id: string; label: string; group?: string; class?: MapClass }[];
  edges: { from: string; to: string; style: EdgeStyle; label?: string }[];
}

export interface MermaidMap {
  source: string;
  /** Node id → site path (without base) of the page it stands for. */
  links: Record<string, string>;
  /** The services drawn, for a text list beside the picture (empty for maps of zones). */
  nodes: ServiceNode[];
  spec: MapSpec;
}

/** How each kind of dependency is drawn. */
export const EDGE_STYLES: Record<string, { arrow: string; style: EdgeStyle; label: string }> = {
  sync: { arrow: '-->', style: 'solid', label: 'solid: synchronous call' },
  async: { arrow: '-.->', style: 'dotted', label: 'dotted: asynchronous (events, queues)' },
  data: { arrow: '==>', style: 'thick', label: 'thick: reads or writes data' },
  undefined: { arrow: '-->', style: 'solid', label: 'solid: dependency' },
};

const ARROWS: Record<EdgeStyle, string> = { solid: '-->', dotted: '-.->', thick: '==>' };

/** One sentence for captions. */
export const EDGE_LEGEND = 'Arrows point from a service to what it depends on: solid for calls, dotted for events and queues, thick for data.';

const CLASS_DEFS: Record<MapClass, string> = {
  focus: 'classDef focus fill:#fff1b8,stroke:#8a6d00,stroke-width:3px,color:#1b1f24',
  changed: 'classDef changed fill:#ffd6a5,stroke:#9c4a00,stroke-width:3px,color:#1b1f24',
  affected: 'classDef affected fill:#ffe3e3,stroke:#8a1111,stroke-width:2px,color:#1b1f24',
  external: 'classDef external fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a',
};

/** A label Mermaid shows as text: no quotes, no line breaks, no markup. */
export function mermaidLabel(text: string): string {
  return text.replace(/["\r\n]+/g, ' ').replace(/[<>]/g, '').replace(/[`#]/g, '').trim() || '?';
}

/** The Mermaid source of a map, for copying: the same nodes, groups, edges and highlights. */
export function mermaidSource(spec: MapSpec): string {
  const lines = [`flowchart ${spec.direction}`];
  const node = (n: MapSpec['nodes'][number]) => `${n.id}["${mermaidLabel(n.label)}"]`;
  for (const group of spec.groups) {
    lines.push(`  subgraph ${group.id}["${mermaidLabel(group.label)}"]`);
    for (const n of spec.nodes.filter((n) => n.group === group.id)) lines.push(`    ${node(n)}`);
    lines.push('  end');
  }
  for (const n of spec.nodes.filter((n) => !n.group)) lines.push(`  ${node(n)}`);
  for (const e of spec.edges) lines.push(e.label ? `  ${e.from} -- "${mermaidLabel(e.label)}" ${ARROWS[e.style]} ${e.to}` : `  ${e.from} ${ARROWS[e.style]} ${e.to}`);
  const byClass = new Map<MapClass, string[]>();
  for (const n of spec.nodes) if (n.class) byClass.set(n.class, [...(byClass.get(n.class) ?? []), n.id]);
  if (byClass.size) {
    lines.push(...Object.values(CLASS_DEFS).map((c) => `  ${c}`));
    for (const [cls, members] of [...byClass].sort()) lines.push(`  class ${members.join(',')} ${cls}`);
  }
  return `${lines.join('\n')}\n`;
}

interface MapOptions {
  direction?: 'LR' | 'TB';
  groupByZone?: boolean;
  /** Highlight per service id. */
  classes?: Map<string, string>;
}

function nodeIds(nodes: readonly ServiceNode[]): Map<string, string> {
  return new Map(nodes.map((node, i) => [node.id, `s${i}`]));
}

function zoneOrder(a: string, b: string): number {
  return a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : a.localeCompare(b);
}

export function mermaidForSubgraph(sub: Subgraph, options: MapOptions = {}): MermaidMap {
  const ids = nodeIds(sub.nodes);
  const classes = options.classes ?? new Map<string, string>();
  const spec: MapSpec = { direction: options.direction ?? 'LR', groups: [], nodes: [], edges: [] };
  const zoneIds = new Map<string, string>();
  if (options.groupByZone) {
    [...new Set(sub.nodes.map((n) => n.zone))].sort(zoneOrder).forEach((zone, z) => {
      zoneIds.set(zone, `z${z}`);
      spec.groups.push({ id: `z${z}`, label: zone === NO_ZONE ? 'no zone' : `zone: ${zone}` });
    });
  }
  // Grouped nodes are listed zone by zone, as the Mermaid source lists them.
  const ordered = options.groupByZone ? [...zoneIds.keys()].flatMap((zone) => sub.nodes.filter((n) => n.zone === zone)) : sub.nodes;
  for (const n of ordered) {
    const cls = classes.get(n.id) as MapClass | undefined;
    spec.nodes.push({ id: ids.get(n.id)!, label: n.name, ...(zoneIds.has(n.zone) ? { group: zoneIds.get(n.zone)! } : {}), ...(cls && cls in CLASS_DEFS ? { class: cls } : {}) });
  }
  for (const edge of sub.edges) spec.edges.push({ from: ids.get(edge.from)!, to: ids.get(edge.to)!, style: edgeStyle(edge) });
  return {
    source: mermaidSource(spec),
    links: Object.fromEntries(sub.nodes.map((n) => [ids.get(n.id)!, documentPath('services', n.id)])),
    nodes: sub.nodes,
    spec,
  };
}

function edgeStyle(edge: DependencyEdge): EdgeStyle {
  return EDGE_STYLES[String(edge.kind)]!.style;
}

/** All services of a zone, and the services in other zones they depend on or are used by (drawn as external). */
export function zoneMap(graph: ServiceGraph, zone: string): MermaidMap {
  const inZone = new Set([...graph.nodes.values()].filter((n) => n.zone === zone).map((n) => n.id));
  const edges = graph.edges.filter((e) => inZone.has(e.from) || inZone.has(e.to));
  const ids = new Set([...inZone, ...edges.flatMap((e) => [e.from, e.to])]);
  const nodes = [...ids].sort().map((id) => graph.nodes.get(id)!);
  const classes = new Map(nodes.filter((n) => !inZone.has(n.id)).map((n) => [n.id, 'external']));
  return mermaidForSubgraph({ nodes, edges }, { groupByZone: true, classes });
}

/** The anchor of a zone's section on the topology page. */
export function zoneSlug(zone: string): string {
  return `zone-${zone.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** One node per zone, linking to its section of the topology page; an edge where services of one zone depend on another's, labelled with the count. */
export function zoneOverview(graph: ServiceGraph): MermaidMap & { zones: string[] } {
  const zoneNames = [...new Set([...graph.nodes.values()].map((n) => n.zone))].sort();
  const index = new Map(zoneNames.map((z, i) => [z, `z${i}`]));
  const counts = new Map<string, number>();
  for (const e of graph.edges) {
    const from = graph.nodes.get(e.from)!.zone;
    const to = graph.nodes.get(e.to)!.zone;
    if (from !== to) counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
  }
  const spec: MapSpec = { direction: 'LR', groups: [], nodes: [], edges: [] };
  for (const z of zoneNames) {
    const n = [...graph.nodes.values()].filter((s) => s.zone === z).length;
    spec.nodes.push({ id: index.get(z)!, label: `${z === NO_ZONE ? 'no zone' : z} (${n} service${n === 1 ? '' : 's'})` });
  }
  for (const [key, count] of [...counts].sort()) {
    const [from, to] = key.split('\u0000') as [string, string];
    spec.edges.push({ from: index.get(from)!, to: index.get(to)!, style: 'solid', label: String(count) });
  }
  return {
    source: mermaidSource(spec),
    links: Object.fromEntries(zoneNames.map((z) => [index.get(z)!, `/topology/#${zoneSlug(z)}`])),
    nodes: [],
    spec,
    zones: zoneNames,
  };
}
