/**
 * What pages need to know about the whole site: every entry by collection
 * and id, URLs that respect the configured base, and labels for references.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { root } from 'virtual:opsbook/config';
import { projectGraph, type ServiceGraph } from '../core/graph/graph.ts';
import { documentPath, urlSlug } from '../core/links/urls.ts';
import type { Project } from '../core/project.ts';
import type { CollectionName } from '../model/index.ts';
import { getProject } from './project-cache.ts';

export type Entry<C extends CollectionName> = CollectionEntry<C>;

export interface Site {
  teams: Map<string, Entry<'teams'>>;
  services: Map<string, Entry<'services'>>;
  runbooks: Map<string, Entry<'runbooks'>>;
  procedures: Map<string, Entry<'procedures'>>;
  operations: Map<string, Entry<'operations'>>;
}

let site: Promise<Site> | undefined;

async function byId<C extends CollectionName>(name: C): Promise<Map<string, Entry<C>>> {
  const entries = (await getCollection(name)) as Entry<C>[];
  return new Map(entries.sort((a, b) => a.id.localeCompare(b.id)).map((e) => [e.id, e]));
}

export function loadSite(): Promise<Site> {
  site ??= (async () => ({
    teams: await byId('teams'),
    services: await byId('services'),
    runbooks: await byId('runbooks'),
    procedures: await byId('procedures'),
    operations: await byId('operations'),
  }))();
  return site;
}

/** The validated project (link graph, alerts, backlinks) behind the collections. */
export function currentProject(): Promise<Project> {
  return getProject(root);
}

const graphs = new WeakMap<Project, ServiceGraph>();

/** The service dependency graph of the current project (built once per project). */
export async function currentGraph(): Promise<ServiceGraph> {
  const project = await currentProject();
  let graph = graphs.get(project);
  if (!graph) graphs.set(project, (graph = projectGraph(project)));
  return graph;
}

/** getStaticPaths of a collection's detail pages: one page per entry, at its clean URL. */
export async function pathsFor<C extends CollectionName>(collection: C) {
  const site = await loadSite();
  return [...(site[collection] as Map<string, Entry<C>>).values()].map((entry) => ({ params: { id: urlSlug(entry.id) }, props: { entry } }));
}

/** A path inside the site, with the configured base. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

export function urlFor(collection: CollectionName, id: string): string {
  return href(documentPath(collection, id));
}

/** Title of an entry, whatever its collection. */
export function titleOf(entry: Entry<CollectionName>): string {
  const data = entry.data as { title?: string; name?: string };
  return data.title ?? data.name ?? entry.id;
}

/** Finds a referenced entry in the first collection that has the id. */
export function resolve(site: Site, targets: readonly CollectionName[], id: string): { collection: CollectionName; entry: Entry<CollectionName> } | undefined {
  for (const collection of targets) {
    const entry = site[collection].get(id);
    if (entry) return { collection, entry: entry as Entry<CollectionName> };
  }
  return undefined;
}


const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** "14 Jan 2026" for a YYYY-MM-DD date, in UTC. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** "14 Jan 2026, 21:05 UTC" for an ISO timestamp. */
export function formatTimestamp(timestamp: string): string {
  return timeFormat.format(new Date(timestamp));
}
