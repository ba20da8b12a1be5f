/**
 * What a service's incident kit holds: its runbooks (most severe first), who
 * to call in order, the dashboards, and what it depends on with those
 * services' runbooks and on-call. The kit page renders this; it computes
 * nothing. `scopeHtml` keeps several runbook bodies apart on one page.
 */
import { normaliseDependency } from '../../model/index.ts';
import type { ServiceGraph } from '../graph/graph.ts';
import { referencing, type Project, type Valid } from '../project.ts';
import type { DocumentOf } from '../load/load.ts';

type Runbook = Valid<DocumentOf<'runbooks'>>;

const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/** Most severe first (critical, warning, info, unset), then by title. */
export function bySeverity(a: Runbook, b: Runbook): number {
  return (SEVERITY_ORDER[a.data.severity ?? ''] ?? 3) - (SEVERITY_ORDER[b.data.severity ?? ''] ?? 3) || a.data.title.localeCompare(b.data.title);
}

export interface KitDependency {
  service: string;
  /** Dependency steps away: 1 for a direct dependency. */
  hops: number;
  /** How the service it hangs off uses it (sync, async, data), for a direct dependency. */
  kind?: string | undefined;
  note?: string | undefined;
  /** Its runbooks, most severe first; `inKit` when the kit holds it in full. */
  runbooks: { runbook: Runbook; inKit: boolean }[];
}

export interface ServiceKit {
  runbooks: Runbook[];
  dependencies: KitDependency[];
  /** Dashboards of the service, then of its runbooks, each URL once. */
  dashboards: { title: string; url: string; from?: string }[];
}

/** A service's runbooks, most severe first (a kit reads many services' lists). */
function runbooksOf(project: Project, serviceId: string): Runbook[] {
  return referencing(project, project.byId.services.get(serviceId), 'runbooks', ['services']).sort(bySeverity);
}

export function serviceKit(project: Project, graph: ServiceGraph, serviceId: string): ServiceKit {
  const service = project.byId.services.get(serviceId);
  const runbooks = runbooksOf(project, serviceId);
  const inFull = new Set(runbooks);

  // Everything it depends on, breadth first (so `hops` is the shortest way there).
  const direct = new Map((service?.data?.dependsOn ?? []).map(normaliseDependency).map((d) => [d.service, d]));
  const hops = new Map<string, number>([[serviceId, 0]]);
  let frontier = [serviceId];
  for (let hop = 1; frontier.length; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.out.get(id) ?? []) {
        if (hops.has(edge.to)) continue;
        hops.set(edge.to, hop);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  hops.delete(serviceId);
  const dependencies = [...hops]
    .sort(([a, ha], [b, hb]) => ha - hb || a.localeCompare(b))
    .map(([id, n]) => ({ service: id, hops: n, kind: direct.get(id)?.kind, note: direct.get(id)?.note, runbooks: runbooksOf(project, id).map((r) => ({ runbook: r, inKit: inFull.has(r) })) }));

  const seen = new Set<string>();
  const dashboards: ServiceKit['dashboards'] = [];
  for (const d of service?.data?.dashboards ?? []) if (!seen.has(d.url)) seen.add(d.url) && dashboards.push(d);
  for (const r of runbooks) for (const d of r.data.dashboards ?? []) if (!seen.has(d.url)) seen.add(d.url) && dashboards.push({ ...d, from: r.data.title });
  return { runbooks, dependencies, dashboards };
}

/** The id of a runbook's section in a kit, and the prefix of the ids in its body. */
/** Markdown a kit may hold and still be printed to PDF: a browser's print of a page of many megabytes fails or takes minutes. */
export const KIT_PDF_TEXT_LIMIT = 1_000_000;

/** Whether a service's kit is small enough to print: the kit page links its PDF only then, and the build prints only those. */
export function kitPrintable(project: Project, serviceId: string): boolean {
  const text = runbooksOf(project, serviceId).reduce((sum, r) => sum + (r.bodyText?.length ?? 0), 0);
  return text <= KIT_PDF_TEXT_LIMIT;
}

export function kitAnchor(runbookId: string): string {
  return `kit-${runbookId.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}

/**
 * One document's rendered body made safe to sit beside others on a page:
 * every id (and each in-page link and ARIA reference to one) gets `prefix`,
 * so two runbooks' "Diagnosis" headings stay distinct and their links lead
 * to their own; headings go one level down, under the runbook's title.
 */
export function scopeHtml(html: string, prefix: string): string {
  const scoped = (id: string) => `${prefix}-${id}`;
  return html
    .replace(/(\s)id="([^"]*)"/g, (_m, space: string, id: string) => `${space}id="${scoped(id)}"`)
    .replace(/(\s)href="#([^"]+)"/g, (_m, space: string, id: string) => `${space}href="#${scoped(id)}"`)
    .replace(/(\s)(aria-labelledby|aria-describedby|for)="([^"]*)"/g, (_m, space: string, attr: string, ids: string) => `${space}${attr}="${ids.split(/\s+/).filter(Boolean).map(scoped).join(' ')}"`)
    .replace(/<(\/?)h([1-5])(?=[\s>])/g, (_m, close: string, level: string) => `<${close}h${Number(level) + 1}`);
}
