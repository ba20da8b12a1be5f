/**
 * The map each page type shows, declared once: pages draw them, and the build
 * lists them all up front so their layouts can be worked out ahead of the
 * pages (layout-prefetch.ts), in the order pages are rendered.
 */
import { validDocuments, type Project } from '../project.ts';
import { mermaidForSubgraph, zoneMap, zoneOverview, type MapSpec, type MermaidMap } from './diagrams.ts';
import { blastRadius, context, neighbourhood, projectGraph, zones, type ServiceGraph } from './graph.ts';

/** A service's page and its incident kit: what it depends on and what depends on it, two steps each way. */
export function serviceMap(graph: ServiceGraph, id: string): MermaidMap {
  return mermaidForSubgraph(neighbourhood(graph, id, 2), { classes: new Map([[id, 'focus']]) });
}

/** A runbook's services with their direct neighbours. */
export function runbookMap(graph: ServiceGraph, services: readonly string[]): MermaidMap {
  return mermaidForSubgraph(context(graph, services), { classes: new Map(services.map((id) => [id, 'focus'])) });
}

/** An operation's blast radius: the services it changed and everything that depends on them, by zone. */
export function operationMap(graph: ServiceGraph, services: readonly string[]): MermaidMap & { notes: Map<string, string>; direct: string[]; affected: string[] } {
  const blast = blastRadius(graph, services);
  const notes = new Map<string, string>([...blast.direct.map((id) => [id, 'changed'] as const), ...blast.affected.map((id) => [id, 'affected'] as const)]);
  return { ...mermaidForSubgraph(blast, { groupByZone: true, classes: notes }), notes, direct: blast.direct, affected: blast.affected };
}

/**
 * Every map of the site: the topology page's first (a few, but the largest: a
 * zone of a big catalogue takes seconds), then the documents' in the order
 * Astro renders their pages.
 */
export function projectMapSpecs(project: Project, graph: ServiceGraph = projectGraph(project)): MapSpec[] {
  const byId = <T extends { id: string }>(docs: T[]) => docs.sort((a, b) => a.id.localeCompare(b.id));
  return [
    zoneOverview(graph).spec,
    ...[...zones(graph).keys()].map((zone) => zoneMap(graph, zone).spec),
    ...byId(validDocuments(project, 'operations')).map((d) => operationMap(graph, d.data.services).spec),
    ...byId(validDocuments(project, 'runbooks')).map((d) => runbookMap(graph, d.data.services).spec),
    ...byId(validDocuments(project, 'services')).map((d) => serviceMap(graph, d.id).spec),
  ];
}
