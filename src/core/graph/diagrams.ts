/**
 * Mermaid sources for the maps Opsbook draws from the catalogue: the whole
 * topology by zone, a service's neighbourhood, an operation's blast radius,
 * a runbook's services in context. Each map comes with the site path of every
 * node, so nodes can link to service pages.
 */
import { NO_ZONE, type DependencyEdge, type ServiceGraph, type ServiceNode, type Subgraph } from './graph.ts';
import { documentPath } from '../links/urls.ts';

export interface MermaidMap {
  source: string;
  /** Mermaid node id → site path (without base) of the page it stands for. */
  links: Record<string, string>;
  /** The services drawn, for a text list beside the picture. */
  nodes: ServiceNode[];
}

/** How each kind of dependency is drawn. */
export const EDGE_STYLES: Record<string, { arrow: string; label: string }> = {
  sync: { arrow: '-->', label: 'solid: synchronous call' },
  async: { arrow: '-.->', label: 'dotted: asynchronous (events, queues)' },
  data: { arrow: '==>', label: 'thick: reads or writes data' },
  undefined: { arrow: '-->', label: 'solid: dependency' },
};

/** One sentence for captions. */
export const EDGE_LEGEND = 'Arrows point from a service to what it depends on: solid for calls, dotted for events and queues, thick for data.';

const CLASS_DEFS = [
  'classDef focus fill:#fff1b8,stroke:#8a6d00,stroke-width:3px,color:#1b1f24',
  'classDef changed fill:#ffd6a5,stroke:#9c4a00,stroke-width:3px,color:#1b1f24',
  'classDef affected fill:#ffe3e3,stroke:#8a1111,stroke-width:2px,color:#1b1f24',
  'classDef external fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a',
];

/** A label Mermaid shows as text: no quotes, no line breaks, no markup. */
export function mermaidLabel(text: string): string {
  return text.replace(/["\r\n]+/g, ' ').replace(/[<>]/g, '').replace(/[`#]/g, '').trim() || '?';
}

interface MapOptions {
  direction?: 'LR' | 'TB';
  groupByZone?: boolean;
  /** Mermaid class per service id (focus, changed, affected, external). */
  classes?: Map<string, string>;
}

function nodeIds(nodes: readonly ServiceNode[]): Map<string, string> {
  return new Map(nodes.map((node, i) => [node.id, `s${i}`]));
}

function edgeLine(edge: DependencyEdge, ids: Map<string, string>): string {
  return `  ${ids.get(edge.from)} ${EDGE_STYLES[String(edge.kind)]!.arrow} ${ids.get(edge.to)}`;
}

export function mermaidForSubgraph(sub: Subgraph, options: MapOptions = {}): MermaidMap {
  const ids = nodeIds(sub.nodes);
  const lines = [`flowchart ${options.direction ?? 'LR'}`];
  const node = (n: ServiceNode) => `${ids.get(n.id)}["${mermaidLabel(n.name)}"]`;
  if (options.groupByZone) {
    const zoneNames = [...new Set(sub.nodes.map((n) => n.zone))].sort((a, b) => (a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : a.localeCompare(b)));
    zoneNames.forEach((zone, z) => {
      lines.push(`  subgraph z${z}["${mermaidLabel(zone === NO_ZONE ? 'no zone' : `zone: ${zone}`)}"]`);
      for (const n of sub.nodes.filter((n) => n.zone === zone)) lines.push(`    ${node(n)}`);
      lines.push('  end');
    });
  } else {
    for (const n of sub.nodes) lines.push(`  ${node(n)}`);
  }
  for (const edge of sub.edges) lines.push(edgeLine(edge, ids));
  const classes = options.classes ?? new Map<string, string>();
  if (classes.size) {
    lines.push(...CLASS_DEFS.map((c) => `  ${c}`));
    const byClass = new Map<string, string[]>();
    for (const [id, cls] of classes) if (ids.has(id)) byClass.set(cls, [...(byClass.get(cls) ?? []), ids.get(id)!]);
    for (const [cls, members] of [...byClass].sort()) lines.push(`  class ${members.join(',')} ${cls}`);
  }
  return {
    source: `${lines.join('\n')}\n`,
    links: Object.fromEntries(sub.nodes.map((n) => [ids.get(n.id)!, documentPath('services', n.id)])),
    nodes: sub.nodes,
  };
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

/** One node per zone; an edge where services of one zone depend on another's, labelled with the count. */
export function zoneOverview(graph: ServiceGraph): { source: string; zones: string[] } {
  const zoneNames = [...new Set([...graph.nodes.values()].map((n) => n.zone))].sort();
  const index = new Map(zoneNames.map((z, i) => [z, `z${i}`]));
  const counts = new Map<string, number>();
  for (const e of graph.edges) {
    const from = graph.nodes.get(e.from)!.zone;
    const to = graph.nodes.get(e.to)!.zone;
    if (from !== to) counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
  }
  const lines = ['flowchart LR'];
  for (const z of zoneNames) {
    const n = [...graph.nodes.values()].filter((s) => s.zone === z).length;
    lines.push(`  ${index.get(z)}["${mermaidLabel(z === NO_ZONE ? 'no zone' : z)} (${n} service${n === 1 ? '' : 's'})"]`);
  }
  for (const [key, count] of [...counts].sort()) {
    const [from, to] = key.split('\u0000') as [string, string];
    lines.push(`  ${index.get(from)} -- "${count}" --> ${index.get(to)}`);
  }
  return { source: `${lines.join('\n')}\n`, zones: zoneNames };
}
