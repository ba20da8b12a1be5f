/**
 * What the search index knows about each document beyond its text: the
 * facets auditors and on-call filter by, and the metadata a result shows.
 * Computed from the validated data, so search, pages and exports agree.
 */
import type { CollectionName } from '../../model/index.ts';
import type { ContentDocument } from '../load/load.ts';

/** Facet names, in the order the search page shows them. */
export const FACETS = ['kind', 'service', 'team', 'severity', 'status', 'risk', 'category', 'year'] as const;
export type Facet = (typeof FACETS)[number];

/** Facet labels for people. */
export const FACET_LABELS: Record<Facet, string> = {
  kind: 'Kind',
  service: 'Service',
  team: 'Team',
  severity: 'Severity',
  status: 'Status',
  risk: 'Risk level',
  category: 'Category',
  year: 'Year',
};

export const KIND_LABELS: Record<CollectionName, string> = {
  runbooks: 'runbook',
  procedures: 'procedure',
  operations: 'operation',
  services: 'service',
  teams: 'team',
};

export interface SearchRecord {
  filters: Partial<Record<Facet, string[]>>;
  /** Shown with each result: kind, title, summary, services, severity, risk, status, date… */
  meta: Record<string, string>;
  /** Words that must find this document first when typed exactly (alert names, operation ids). */
  exact: string[];
  /** Searchable words from the frontmatter: ids of services and teams, people, tickets. */
  keywords: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

export function searchRecord(doc: ContentDocument): SearchRecord {
  const data = doc.data ?? {};
  const filters: SearchRecord['filters'] = { kind: [KIND_LABELS[doc.collection]] };
  const meta: Record<string, string> = { kind: KIND_LABELS[doc.collection] };
  const exact: string[] = [];
  const keywords: string[] = [];
  const set = (facet: Facet, values: string[]) => {
    if (values.length) filters[facet] = [...new Set(values)].sort();
  };
  const summary = typeof data.summary === 'string' ? data.summary : typeof data.description === 'string' ? data.description : undefined;
  if (summary) meta.summary = summary;

  switch (doc.collection) {
    case 'runbooks':
      set('service', strings(data.services));
      set('team', strings(data.owner));
      set('severity', strings(data.severity));
      exact.push(...strings(data.alerts));
      break;
    case 'procedures':
      set('service', strings(data.services));
      set('team', strings(data.owner));
      set('status', strings(data.status));
      break;
    case 'operations':
      set('service', strings(data.services));
      set('status', strings(data.status));
      set('risk', strings(data.riskLevel));
      set('category', strings(data.category));
      set('year', strings(data.date).map((d) => d.slice(0, 4)));
      exact.push(...strings(data.operationId));
      keywords.push(...strings(data.operator), ...strings(data.supervisor), ...strings(data.changeTicket), ...strings(data.procedure), ...strings(data.runbooks));
      if (data.date) meta.date = String(data.date);
      if (data.operator) meta.operator = String(data.operator);
      break;
    case 'services':
      set('service', [doc.id]);
      set('team', strings(data.owner));
      if (data.tier !== undefined) meta.tier = String(data.tier);
      break;
    case 'teams':
      set('team', [doc.id]);
      break;
  }
  keywords.push(...(filters.service ?? []), ...(filters.team ?? []), ...(filters.category ?? []));
  if (filters.service) meta.services = filters.service.join(', ');
  for (const facet of ['severity', 'status', 'risk'] as const) if (filters[facet]) meta[facet] = filters[facet].join(', ');
  if (exact.length) meta.exact = exact.join(' ');
  return { filters, meta, exact, keywords: [...new Set(keywords)] };
}

export interface ExactEntry {
  url: string;
  title: string;
  kind: string;
  summary?: string;
}

/** Lower-cased alert names and operation ids → the document they name (search-exact.json). */
export function exactSearchTerms(documents: readonly ContentDocument[], urlOf: (doc: ContentDocument) => string): Record<string, ExactEntry> {
  const terms: Record<string, ExactEntry> = {};
  for (const doc of documents) {
    if (!doc.data) continue;
    const record = searchRecord(doc);
    for (const term of record.exact) {
      terms[term.toLowerCase()] = { url: urlOf(doc), title: String(doc.data.title ?? doc.data.name ?? doc.id), kind: record.meta.kind!, ...(record.meta.summary ? { summary: record.meta.summary } : {}) };
    }
  }
  return terms;
}
