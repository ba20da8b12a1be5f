/**
 * What pages need to know about the whole site, from the one model: the
 * validated project (documents typed by kind, links, backlinks, alerts),
 * URLs that respect the configured base, and labels for references. Astro's
 * content collections are used only to render a document's body.
 */
import { getEntry, render } from 'astro:content';
import { createComponent, render as renderTemplate, unescapeHTML, type AstroComponentFactory } from 'astro/runtime/server/index.js';
import { root } from 'virtual:opsbook/config';
import { projectGraph, type ServiceGraph } from '../core/graph/graph.ts';
import { documentPath, urlSlug } from '../core/links/urls.ts';
import type { ContentDocument, DocumentOf } from '../core/load/load.ts';
import { validDocuments, type Project, type Valid } from '../core/project.ts';
import type { BuiltinKindName, CollectionName } from '../model/index.ts';
import { bodyHeadings, bodyHtml } from './body-html.ts';
import { getProject } from './project-cache.ts';

/** A valid document of a built-in kind (data typed by its schema), or of any kind. */
export type Entry<C extends string> = C extends BuiltinKindName ? Valid<DocumentOf<C>> : Valid<ContentDocument>;

/** The validated project (link graph, alerts, backlinks) the whole site is drawn from. */
export function currentProject(): Promise<Project> {
  return getProject(root);
}

export type Site = { [K in BuiltinKindName]: Map<string, Entry<K>> } & Record<string, Map<string, Valid<ContentDocument>>>;

const sites = new WeakMap<Project, Site>();

/** The valid documents of every collection, by id, sorted by id. */
export async function loadSite(): Promise<Site> {
  const project = await currentProject();
  let site = sites.get(project);
  if (!site) {
    site = Object.fromEntries(project.kinds.names.map((name) => [name, new Map(validDocuments(project, name).sort((a, b) => a.id.localeCompare(b.id)).map((d) => [d.id, d]))])) as Site;
    sites.set(project, site);
  }
  return site;
}

const graphs = new WeakMap<Project, ServiceGraph>();

/** The service dependency graph of the current project (built once per project). */
export async function currentGraph(): Promise<ServiceGraph> {
  const project = await currentProject();
  let graph = graphs.get(project);
  if (!graph) graphs.set(project, (graph = projectGraph(project)));
  return graph;
}

/** getStaticPaths of a collection's detail pages: one page per valid document, at its clean URL. */
export async function pathsFor<C extends CollectionName>(collection: C) {
  const site = await loadSite();
  return [...(site[collection]?.values() ?? [])].map((entry) => ({ params: { id: urlSlug(entry.id) }, props: { entry: entry as Entry<C> } }));
}

/** The body of a Markdown or MDX document, rendered (MDX compiled by Astro's MDX integration; Markdown from its tree, see body-html.ts). */
export async function renderBody(doc: ContentDocument): Promise<{ Content: AstroComponentFactory; headings: { depth: number; slug: string; text: string }[] }> {
  const html = bodyHtml(doc, import.meta.env.BASE_URL);
  if (html !== undefined) return { Content: createComponent(() => renderTemplate`${unescapeHTML(html)}`), headings: bodyHeadings(doc) };
  const entry = await getEntry(doc.collection as never, doc.id);
  if (!entry) throw new Error(`${doc.file} was validated but is missing from Astro's content store.`);
  return render(entry);
}

/** A path inside the site, with the configured base. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

export function urlFor(collection: CollectionName, id: string): string {
  return href(documentPath(collection, id));
}

/** Title of a document, whatever its kind. */
export function titleOf(project: Project, doc: ContentDocument): string {
  return project.kinds.get(doc.collection)?.titleOf(doc.data, doc.id) ?? doc.id;
}

/** Finds a referenced document: `collection/id` names its collection, a bare id is looked up in each target. */
export function resolve(site: Site, targets: readonly CollectionName[], id: string, project?: Project): { collection: CollectionName; entry: Valid<ContentDocument> } | undefined {
  const prefixed = /^([a-z-]+)\/(.+)$/.exec(id);
  if (prefixed && targets.includes(prefixed[1]!)) {
    const entry = site[prefixed[1]!]?.get(prefixed[2]!);
    if (entry) return { collection: prefixed[1]!, entry };
  }
  for (const collection of targets) {
    const entry = site[collection]?.get(id) ?? (project?.refIndex[collection]?.get(id) as Valid<ContentDocument> | undefined);
    if (entry?.data) return { collection, entry };
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
