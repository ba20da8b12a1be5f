/**
 * The operations log's filters: their names in the URL, their labels, the one
 * predicate that decides whether an operation is shown, and the file name of
 * an export of what is shown. The page, its browser script and the filtered
 * export all use these, so the rows listed and the rows exported agree.
 */
import type { OperationRecord } from './operation-columns.ts';

/** A filter with a list of known values (a select). */
export interface ChoiceFilter {
  name: 'service' | 'risk' | 'status' | 'category' | 'person';
  label: string;
  /** Singular and plural of what it lists, for messages: "No service ‘x’ … Known services: …". */
  noun: string;
  plural: string;
}

export const CHOICE_FILTERS: readonly ChoiceFilter[] = [
  { name: 'service', label: 'Service', noun: 'service', plural: 'services' },
  { name: 'risk', label: 'Risk', noun: 'risk level', plural: 'risk levels' },
  { name: 'status', label: 'Status', noun: 'status', plural: 'statuses' },
  { name: 'category', label: 'Category', noun: 'category', plural: 'categories' },
  { name: 'person', label: 'Person (operator or supervisor)', noun: 'operator or supervisor', plural: 'people' },
];

export const DATE_FILTERS = [
  { name: 'from', label: 'From' },
  { name: 'to', label: 'To' },
] as const;

export type FilterName = ChoiceFilter['name'] | (typeof DATE_FILTERS)[number]['name'];
export const FILTER_NAMES: readonly FilterName[] = [...CHOICE_FILTERS.map((f) => f.name), ...DATE_FILTERS.map((f) => f.name)];

/** Older names still read from shared URLs: `?operator=` was the person filter before it matched supervisors. */
export const FILTER_ALIASES: Readonly<Record<string, FilterName>> = { operator: 'person' };

export type FilterState = Partial<Record<FilterName, string>>;

/** What the filters look at in one operation, whether read from a row of the page or from the export. */
export interface OperationFacts {
  date: string;
  services: readonly string[];
  risk: string;
  status: string;
  category: string;
  operator: string;
  supervisor: string;
}

export function matches(op: OperationFacts, state: FilterState): boolean {
  if (state.service && !op.services.includes(state.service)) return false;
  if (state.risk && op.risk !== state.risk) return false;
  if (state.status && op.status !== state.status) return false;
  if (state.category && op.category !== state.category) return false;
  if (state.person && op.operator !== state.person && op.supervisor !== state.person) return false;
  if (state.from && op.date < state.from) return false;
  if (state.to && op.date > state.to) return false;
  return true;
}

const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(' ') : (value ?? ''));

/** The facts of an exported record (operations.json). */
export function recordFacts(record: OperationRecord): OperationFacts {
  const services = record.services;
  return {
    date: text(record.date),
    services: Array.isArray(services) ? services : services ? [services] : [],
    risk: text(record.riskLevel),
    status: text(record.status),
    category: text(record.category),
    operator: text(record.operator),
    supervisor: text(record.supervisor),
  };
}

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The date range as a name: a whole month is 2026-10, a whole year 2026, anything else from-…/to-…. */
function rangeName(from?: string, to?: string): string[] {
  if (from && to && from.endsWith('-01') && to === lastDayOfMonth(from.slice(0, 7))) return [from.slice(0, 7)];
  if (from && to && from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`) return [from.slice(0, 4)];
  return [...(from ? [`from-${from}`] : []), ...(to ? [`to-${to}`] : [])];
}

const slug = (value: string): string => value.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'x';

/** A file name that says the filter: operations-risk-high-2026-10.csv; the unfiltered log is operations.csv. */
export function exportFileName(state: FilterState, extension: 'csv' | 'json'): string {
  const parts = [...CHOICE_FILTERS.flatMap((f) => (state[f.name] ? [`${f.name}-${slug(state[f.name]!)}`] : [])), ...rangeName(state.from, state.to)];
  return `${['operations', ...parts].join('-')}.${extension}`;
}
