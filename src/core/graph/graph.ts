/**
 * The service dependency graph, from the catalogue: who depends on whom and
 * how. Topology maps, neighbourhoods, blast radius and the audit's cycle check
 * all read this one module.
 */
import { normaliseDependency, type Dependency } from '../../model/index.ts';
import type { Project } from '../project.ts';

export type EdgeKind = 'sync' | 'async' | 'data';

export interface ServiceNode {
  id: string;
  name: string;
  zone: string;
  tier: number;
  owner: string;
}

export interface DependencyEdge {
  /** The service that depends… */
  from: string;
  /** …on this one. */
  to: string;
  kind: EdgeKind | undefined;
}

export interface ServiceGraph {
  nodes: Map<string, ServiceNode>;
  edges: DependencyEdge[];
  /** Edges by the depending service. */
  out: Map<string, DependencyEdge[]>;
  /** Edges by the service depended on. */
  in: Map<string, DependencyEdge[]>;
}

/** Services with no zone are drawn in this group. */
export const NO_ZONE = 'unzoned';

export function buildGraph(services: readonly { id: string; name: string; zone?: string | undefined; tier: number; owner: string; dependsOn?: readonly Dependency[] | undefined }[]): ServiceGraph {
  const graph: ServiceGraph = { nodes: new Map(), edges: [], out: new Map(), in: new Map() };
  for (const s of services) graph.nodes.set(s.id, { id: s.id, name: s.name, zone: s.zone ?? NO_ZONE, tier: s.tier, owner: s.owner });
  for (const s of services) {
    for (const dep of (s.dependsOn ?? []).map(normaliseDependency)) {
      if (!graph.nodes.has(dep.service)) continue; // a dangling reference is reported by validation
      const edge = { from: s.id, to: dep.service, kind: dep.kind };
      graph.edges.push(edge);
      graph.out.set(s.id, [...(graph.out.get(s.id) ?? []), edge]);
      graph.in.set(dep.service, [...(graph.in.get(dep.service) ?? []), edge]);
    }
  }
  return graph;
}

/** The graph of a project's valid service entries. */
export function projectGraph(project: Project): ServiceGraph {
  return buildGraph(
    [...project.byId.services.values()]
      .filter((doc) => doc.data)
      .map((doc) => {
        const data = doc.data as { name: string; zone?: string; tier: number; owner: string; dependsOn?: Dependency[] };
        return { id: doc.id, ...data };
      }),
  );
}

function walk(graph: ServiceGraph, start: Iterable<string>, direction: 'out' | 'in', maxHops = Infinity): Map<string, number> {
  const distance = new Map<string, number>();
  let frontier = [...start].filter((id) => graph.nodes.has(id));
  for (const id of frontier) distance.set(id, 0);
  for (let hop = 1; hop <= maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph[direction].get(id) ?? []) {
        const other = direction === 'out' ? edge.to : edge.from;
        if (!distance.has(other)) {
          distance.set(other, hop);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return distance;
}

/** A part of the graph: some services and the edges between them. */
export interface Subgraph {
  nodes: ServiceNode[];
  edges: DependencyEdge[];
}

function induced(graph: ServiceGraph, ids: Set<string>): Subgraph {
  return {
    nodes: [...ids].sort().map((id) => graph.nodes.get(id)!),
    edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}

/** What a service depends on and what depends on it, up to `hops` away in each direction. */
export function neighbourhood(graph: ServiceGraph, id: string, hops = 2): Subgraph {
  const ids = new Set([...walk(graph, [id], 'out', hops).keys(), ...walk(graph, [id], 'in', hops).keys()]);
  return induced(graph, ids);
}

/** The services an operation names, and every service that depends on them, transitively. */
export function blastRadius(graph: ServiceGraph, ids: readonly string[]): Subgraph & { direct: string[]; affected: string[] } {
  const reach = walk(graph, ids, 'in');
  const direct = ids.filter((id) => graph.nodes.has(id));
  const affected = [...reach.keys()].filter((id) => !direct.includes(id)).sort();
  return { ...induced(graph, new Set(reach.keys())), direct, affected };
}

/** Some services with their direct dependencies and dependents (a runbook's services in context). */
export function context(graph: ServiceGraph, ids: readonly string[]): Subgraph {
  const set = new Set<string>();
  for (const id of ids) for (const n of [...walk(graph, [id], 'out', 1).keys(), ...walk(graph, [id], 'in', 1).keys()]) set.add(n);
  return induced(graph, set);
}

/**
 * Dependency cycles: each strongly connected group of two or more services
 * (or a service depending on itself), as a path that returns to its start.
 */
export function findCycles(graph: ServiceGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.out.get(v) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      const selfLoop = group.length === 1 && (graph.out.get(v) ?? []).some((e) => e.to === v);
      if (group.length > 1 || selfLoop) groups.push(group);
    }
  };
  for (const id of [...graph.nodes.keys()].sort()) if (!index.has(id)) visit(id);
  return groups.map((group) => cyclePath(graph, new Set(group))).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A readable cycle through a strongly connected group: start at its smallest id, follow edges inside it back to the start. */
function cyclePath(graph: ServiceGraph, group: Set<string>): string[] {
  const start = [...group].sort()[0]!;
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const nexts = (graph.out.get(current) ?? []).map((e) => e.to).filter((to) => group.has(to)).sort();
    if (nexts.includes(start) && (path.length === group.size || nexts.every((n) => seen.has(n)))) return [...path, start];
    const next = nexts.find((n) => !seen.has(n)) ?? start;
    if (next === start) return [...path, start];
    path.push(next);
    seen.add(next);
    current = next;
  }
}

/** Zones in display order, with their services. */
export function zones(graph: ServiceGraph): Map<string, ServiceNode[]> {
  const byZone = new Map<string, ServiceNode[]>();
  for (const node of [...graph.nodes.values()].sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id))) {
    byZone.set(node.zone, [...(byZone.get(node.zone) ?? []), node]);
  }
  return new Map([...byZone].sort(([a], [b]) => (a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : a.localeCompare(b))));
}
