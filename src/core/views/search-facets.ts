/**
 * What the search index knows about each document beyond its text: the
 * facets auditors and on-call filter by, and the metadata a result shows.
 * Each kind declares its facets (src/model/<kind>.ts); this module turns a
 * document into its record, so search, pages and exports agree.
 */
import { strings, type KindRegistry } from '../../model/index.ts';
import type { ContentDocument } from '../load/load.ts';

export interface FacetInfo {
  name: string;
  label: string;
}

/** Every facet of a site, in the order the search page shows them: kind first, then as the kinds declare them. */
export function facetCatalogue(kinds: KindRegistry): FacetInfo[] {
  const seen = new Map<string, FacetInfo>([['kind', { name: 'kind', label: 'Kind' }]]);
  for (const kind of kinds.all) for (const f of kind.search.facets ?? []) if (!seen.has(f.name)) seen.set(f.name, { name: f.name, label: f.label });
  // Year reads best last.
  const year = seen.get('year');
  seen.delete('year');
  return [...seen.values(), ...(year ? [year] : [])];
}

export interface SearchRecord {
  filters: Record<string, string[]>;
  /** Shown with each result: kind, title, summary, services, severity, risk, status, date… */
  meta: Record<string, string>;
  /** Words that must find this document first when typed exactly (alert names, operation ids). */
  exact: string[];
  /** Searchable words from the frontmatter: ids of services and teams, people, tickets. */
  keywords: string[];
}

/** Facets whose values a result shows next to its title. */
const SHOWN_FACETS = ['severity', 'status', 'risk'];

export function searchRecord(doc: ContentDocument, kinds: KindRegistry): SearchRecord {
  const kind = kinds.get(doc.collection)!;
  const data = doc.data ?? {};
  const filters: Record<string, string[]> = { kind: [kind.noun] };
  const meta: Record<string, string> = { kind: kind.noun };
  for (const facet of kind.search.facets ?? []) {
    const raw = facet.values(data, doc.id);
    const values = [...new Set(typeof raw === 'number' ? [String(raw)] : strings(raw))].sort();
    if (values.length) filters[facet.name] = values;
  }
  const summary = kind.summaryOf(data);
  if (summary) meta.summary = summary;
  for (const [key, value] of Object.entries(kind.search.meta?.(data) ?? {})) if (value !== undefined) meta[key] = value;
  if (filters.service) meta.services = filters.service.join(', ');
  for (const facet of SHOWN_FACETS) if (filters[facet]) meta[facet] = filters[facet].join(', ');
  const exact = [...(kind.search.exact?.(data) ?? [])];
  if (exact.length) meta.exact = exact.join(' ');
  const keywords = [...(kind.search.keywords?.(data) ?? []), ...(filters.service ?? []), ...(filters.team ?? []), ...(filters.category ?? [])];
  return { filters, meta, exact, keywords: [...new Set(keywords)] };
}

export interface ExactEntry {
  url: string;
  title: string;
  kind: string;
  summary?: string;
}

/** Lower-cased alert names and operation ids → the document they name (search-exact.json). */
export function exactSearchTerms(documents: readonly ContentDocument[], kinds: KindRegistry, urlOf: (doc: ContentDocument) => string): Record<string, ExactEntry> {
  const terms: Record<string, ExactEntry> = {};
  for (const doc of documents) {
    if (!doc.data) continue;
    const kind = kinds.get(doc.collection)!;
    const record = searchRecord(doc, kinds);
    for (const term of record.exact) {
      terms[term.toLowerCase()] = { url: urlOf(doc), title: kind.titleOf(doc.data, doc.id), kind: kind.noun, ...(record.meta.summary ? { summary: record.meta.summary } : {}) };
    }
  }
  return terms;
}
