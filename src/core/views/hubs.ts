/**
 * What the hub pages show, computed from the project: a service's neighbours,
 * runbooks, alerts, procedures and operations; a team's holdings; a
 * procedure's place in its chain. Pages render these; they compute nothing.
 */
import { normaliseDependency } from '../../model/index.ts';
import { daysBefore } from '../clock.ts';
import type { ContentDocument } from '../load/load.ts';
import { referencing, validDocuments, type Project } from '../project.ts';

/** How many days count as "recent" on a service page. */
export const RECENT_DAYS = 90;

function ids(docs: Iterable<ContentDocument>): string[] {
  return [...docs].map((d) => d.id).sort();
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}


/** Kinds a hub lists in its own sections; every other kind that refers to the hub is listed by kind. */
const HUB_SECTIONS = new Set(['services', 'teams', 'runbooks', 'procedures', 'operations']);

export interface ListedByKind {
  collection: string;
  ids: string[];
}

/** Documents of the other kinds (guides, postmortems, a site's own) that refer to `doc` through `field`s, grouped by kind. */
export function listedByKind(project: Project, doc: ContentDocument | undefined, fields: readonly string[]): ListedByKind[] {
  return project.kinds.names
    .filter((name) => !HUB_SECTIONS.has(name))
    .map((collection) => ({ collection, ids: [...new Set(referencing(project, doc, collection, fields).map((d) => d.id))].sort() }))
    .filter((group) => group.ids.length > 0);
}

export interface ServiceHub {
  dependencies: { service: string; kind?: string | undefined; note?: string | undefined }[];
  dependents: { service: string; kind?: string | undefined }[];
  runbooks: string[];
  alerts: { name: string; path: string; runbook: string }[];
  procedures: string[];
  /** Most recent first; `recent` when within RECENT_DAYS of `today`. */
  operations: { id: string; date: string; recent: boolean }[];
  /** Guides, postmortems and other kinds that list the service. */
  listed: ListedByKind[];
}

export function serviceHub(project: Project, serviceId: string, today: string): ServiceHub {
  const service = project.byId.services.get(serviceId);
  const dependencies = (service?.data?.dependsOn ?? []).map(normaliseDependency);
  const dependents = referencing(project, service, 'services', ['dependsOn']).flatMap((other) =>
    (other.data.dependsOn ?? []).map(normaliseDependency).filter((d) => d.service === serviceId).map((d) => ({ service: other.id, kind: d.kind })),
  );
  const runbooks: ContentDocument[] = referencing(project, service, 'runbooks', ['services']).filter((r) => r.data.services.includes(serviceId));
  const theirs = new Set(runbooks);
  const alerts = [...project.alerts.values()].filter((a) => theirs.has(a.runbook)).map((a) => ({ name: a.name, path: a.path, runbook: a.runbook.id }));
  const since = daysBefore(today, RECENT_DAYS);
  const operations = referencing(project, service, 'operations', ['services'])
    .filter((o) => o.data.services.includes(serviceId))
    .map((o) => ({ id: o.id, date: o.data.date, recent: o.data.date >= since && o.data.date <= today }))
    .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  return {
    dependencies,
    dependents: dependents.sort((a, b) => a.service.localeCompare(b.service)),
    runbooks: ids(runbooks),
    alerts: alerts.sort((a, b) => a.name.localeCompare(b.name)),
    procedures: ids(referencing(project, service, 'procedures', ['services']).filter((p) => list(p.data.services).includes(serviceId))),
    operations,
    listed: listedByKind(project, service, ['services']),
  };
}

export interface TeamHub {
  services: string[];
  runbooks: string[];
  procedures: string[];
  alerts: { name: string; path: string; runbook: string }[];
  /** Guides, postmortems and other kinds the team owns. */
  listed: ListedByKind[];
}

export function teamHub(project: Project, teamId: string): TeamHub {
  const owned = (collection: 'services' | 'runbooks' | 'procedures'): ContentDocument[] => validDocuments(project, collection).filter((d) => d.data.owner === teamId);
  const runbooks = owned('runbooks');
  return {
    services: ids(owned('services')),
    runbooks: ids(runbooks),
    procedures: ids(owned('procedures')),
    alerts: [...project.alerts.values()].filter((a) => runbooks.includes(a.runbook)).map((a) => ({ name: a.name, path: a.path, runbook: a.runbook.id })).sort((a, b) => a.name.localeCompare(b.name)),
    listed: listedByKind(project, project.byId.teams.get(teamId), ['owner']),
  };
}

export interface ProcedureChain {
  /** Procedures that hand over to this one: its `triggers`, and those naming it `downstream`. */
  from: string[];
  /** Procedures that consume its outputs: its `downstream`, and those naming it in `triggers`. */
  to: string[];
}

export function procedureChain(project: Project, procedureId: string): ProcedureChain {
  const procedure = project.byId.procedures.get(procedureId);
  const from = new Set(list(procedure?.data?.triggers));
  const to = new Set(list(procedure?.data?.downstream));
  for (const other of validDocuments(project, 'procedures')) {
    if (other.data.downstream?.includes(procedureId)) from.add(other.id);
    if (other.data.triggers?.includes(procedureId)) to.add(other.id);
  }
  from.delete(procedureId);
  to.delete(procedureId);
  return { from: [...from].sort(), to: [...to].sort() };
}

export interface Use {
  /** The document that records the use (an operation, a postmortem). */
  by: ContentDocument;
  date: string;
}

/** Where a document was used, newest first: the documents of kinds that record usage (`usage` in the kind) and name it. */
export function usesOf(project: Project, doc: ContentDocument): Use[] {
  const uses: Use[] = [];
  for (const ref of project.backlinks.get(doc) ?? []) {
    const usage = project.kinds.get(ref.from.collection)?.usage;
    const date = ref.from.data?.[usage?.dateField ?? ''];
    if (usage && usage.fields.includes(ref.via) && typeof date === 'string' && !uses.some((u) => u.by === ref.from)) uses.push({ by: ref.from, date });
  }
  return uses.sort((a, b) => b.date.localeCompare(a.date) || a.by.id.localeCompare(b.by.id));
}
