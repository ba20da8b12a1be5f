/**
 * Cache keys for Astro's incremental build: a page is copied from the last
 * build instead of rendered when its key (and its route's code) is unchanged,
 * so a key must change whenever anything the page shows changes. Each key
 * hashes the page's inputs from the one model, declared once per route:
 *
 * - the site: config (and opsbook.config.ts as written), kinds, base, site,
 *   the build day (freshness, drift, "recent"), the diagram/PDF choice, the
 *   published assets, and the whole catalogue of services and teams (cards,
 *   maps, tiers and zones are drawn from it everywhere; it is small and
 *   changes seldom, so a catalogue edit re-renders every page);
 * - the page's document in full (its file as written and its git commits);
 * - every document it references or is referenced by, in full (backlinks,
 *   hub lists, last use, kits print runbooks whole);
 * - for each service the page touches, the frontmatter of every document
 *   naming that service (drift, alerts, dependencies' runbooks in a kit).
 *
 * A body-only edit to one runbook therefore re-renders the runbook, its
 * services, their kits, its team, and the documents linking to or from it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { today } from '../core/clock.ts';
import { CONFIG_FILE } from '../core/config.ts';
import { historyOf } from '../core/history/index.ts';
import type { ProcedureVersion } from '../core/history/as-of.ts';
import type { ContentDocument } from '../core/load/load.ts';
import type { Project } from '../core/project.ts';
import type { SiteAlert } from './alerts.ts';
import { findChromium } from './diagram-render.ts';
import { kitPdfChoice } from './kit-pdf.ts';
import { currentGraph, currentProject } from './site.ts';

interface Keys {
  site: string;
  full: Map<ContentDocument, string>;
  data: Map<ContentDocument, string>;
  /** Documents a document references or is referenced by. */
  near: Map<ContentDocument, Set<ContentDocument>>;
  /** Per service id: the frontmatter hashes of the documents naming it. */
  facet: Map<string, string>;
}

const computed = new WeakMap<Project, Keys>();

const sha = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
};

/** JSON of values that may hold functions (custom kinds) or cycles; functions by their source. */
function stableJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'function') return `fn:${v.toString()}`;
      if (v instanceof Map) return [...v.entries()];
      if (v instanceof Set) return [...v];
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[seen]';
        seen.add(v);
      }
      return v;
    }) ?? '';
  } catch {
    return '';
  }
}

function serviceIds(project: Project, doc: ContentDocument, near: Set<ContentDocument>): string[] {
  const ids = new Set<string>();
  if (doc.collection === 'services') ids.add(doc.id);
  for (const other of near) if (other.collection === 'services') ids.add(other.id);
  const listed = doc.data?.services;
  if (Array.isArray(listed)) for (const id of listed) if (typeof id === 'string' && project.byId.services.has(id)) ids.add(id);
  return [...ids].sort();
}

function keysOf(project: Project): Keys {
  const known = computed.get(project);
  if (known) return known;
  const history = historyOf(project);
  const commits = (doc: ContentDocument) => (history.git.files.get(doc.file) ?? []).map((c) => c.hash).join(',');
  const full = new Map<ContentDocument, string>();
  const data = new Map<ContentDocument, string>();
  const near = new Map<ContentDocument, Set<ContentDocument>>();
  for (const doc of project.documents) {
    full.set(doc, sha(doc.collection, doc.id, doc.file, doc.source, commits(doc)));
    near.set(doc, new Set());
  }
  for (const ref of project.references) {
    near.get(ref.from)?.add(ref.to);
    near.get(ref.to)?.add(ref.from);
  }
  for (const doc of project.documents) {
    const refs = [...(near.get(doc) ?? [])].map((d) => `${d.collection}/${d.id}`).sort();
    data.set(doc, sha(doc.collection, doc.id, doc.file, stableJson(doc.data), refs.join(',')));
  }
  const byService = new Map<string, string[]>();
  for (const ref of project.references) {
    if (ref.to.collection !== 'services') continue;
    const list = byService.get(ref.to.id) ?? [];
    list.push(`${ref.via}:${data.get(ref.from)}`);
    byService.set(ref.to.id, list);
  }
  const facet = new Map([...byService].map(([id, list]) => [id, sha(...list.sort())]));
  const catalogue = [...project.byId.services.values(), ...project.byId.teams.values()].map((d) => full.get(d) ?? '').sort();
  const configFile = join(project.root, CONFIG_FILE);
  const site = sha(
    stableJson(project.config),
    existsSync(configFile) ? readFileSync(configFile, 'utf8') : '',
    stableJson(project.kinds.all.map((k) => [k.name, k.label, k.noun, k.nav, k.offline, k.ownPages])),
    import.meta.env.BASE_URL ?? '',
    String(import.meta.env.SITE ?? ''),
    today(),
    // How diagrams are left on pages follows the browser found; whether kits link a PDF, that and kitPdf/OPSBOOK_KIT_PDF.
    `${process.env.OPSBOOK_DIAGRAMS ?? ''}|${findChromium() ?? ''}|${kitPdfChoice(project.config).enabled}`,
    project.assets.filter((a) => a.publish).map((a) => a.file).sort().join(','),
    ...catalogue,
  );
  const keys = { site, full, data, near, facet };
  computed.set(project, keys);
  return keys;
}

/** The page of one document (its own route, a kind's shared route). */
export function documentKey(project: Project, route: string, doc: ContentDocument): string {
  const keys = keysOf(project);
  const near = keys.near.get(doc) ?? new Set();
  return sha(
    route,
    keys.site,
    keys.full.get(doc) ?? '',
    ...[...near].map((d) => keys.full.get(d) ?? '').sort(),
    ...serviceIds(project, doc, near).map((id) => `${id}:${keys.facet.get(id) ?? ''}`),
  );
}

/** A service's incident kit: its page's inputs and those of every service it depends on, however far. */
export function kitKey(project: Project, route: string, service: ContentDocument, dependencies: readonly string[]): string {
  const keys = keysOf(project);
  return sha(documentKey(project, route, service), ...[...dependencies].sort().map((id) => `${id}:${keys.facet.get(id) ?? ''}`));
}

/** An alert's page: what it shows of the runbook. */
export function alertKey(project: Project, route: string, alert: SiteAlert): string {
  return sha(route, keysOf(project).site, stableJson(alert));
}

/** A procedure as it read on a day: the procedure in full (with its commits) and the operations that followed it. */
export function asOfKey(project: Project, route: string, page: ProcedureVersion): string {
  const keys = keysOf(project);
  return sha(route, keys.site, page.date, page.commit.hash, keys.full.get(page.procedure) ?? '', ...page.operations.map((o) => keys.full.get(o) ?? '').sort());
}

/** getStaticPaths entries of a collection's detail pages (`props.entry`), each with its document's key. */
export async function keyedPaths<P extends { props: { entry: ContentDocument } }>(route: string, paths: P[]): Promise<(P & { cacheKey: string })[]> {
  const project = await currentProject();
  return paths.map((path) => ({ ...path, cacheKey: documentKey(project, route, project.byId[path.props.entry.collection]?.get(path.props.entry.id) ?? path.props.entry) }));
}

/** getStaticPaths entries of the kit pages, keyed with every service each kit depends on. */
export async function kitPaths<P extends { props: { entry: ContentDocument } }>(paths: P[]): Promise<(P & { cacheKey: string })[]> {
  const project = await currentProject();
  const graph = await currentGraph();
  return paths.map((path) => {
    const reached = new Set<string>([path.props.entry.id]);
    let frontier = [path.props.entry.id];
    while (frontier.length) {
      const next: string[] = [];
      for (const id of frontier) for (const edge of graph.out.get(id) ?? []) if (!reached.has(edge.to)) reached.add(edge.to) && next.push(edge.to);
      frontier = next;
    }
    reached.delete(path.props.entry.id);
    const service = project.byId.services.get(path.props.entry.id) ?? path.props.entry;
    return { ...path, cacheKey: kitKey(project, 'kit', service, [...reached]) };
  });
}
