/**
 * Filters the operations log in the browser: service, risk, status,
 * category, person (operator or supervisor) and a date range. The filter
 * state is the page's query string, so a filtered view can be shared and
 * restored. A value the log does not know is said out loud and shows
 * nothing, rather than being dropped and showing everything. The rows shown
 * can be downloaded as CSV or JSON, written from operations.json with the
 * same predicate and the same columns as the full exports.
 */
import { operationsCsv, operationsJson, type OperationRecord } from '../core/views/operation-columns.ts';
import {
  CHOICE_FILTERS,
  DATE_FILTERS,
  exportFileName,
  FILTER_ALIASES,
  FILTER_NAMES,
  isIsoDate,
  matches,
  recordFacts,
  type FilterName,
  type FilterState,
  type OperationFacts,
} from '../core/views/operations-filter.ts';

const form = document.querySelector<HTMLFormElement>('#ops-filters');
const rows = [...document.querySelectorAll<HTMLElement>('.ops-row')];
const months = [...document.querySelectorAll<HTMLElement>('.ops-month')];
const count = document.querySelector<HTMLElement>('#ops-count');
const unknown = document.querySelector<HTMLElement>('#ops-unknown');
const exportLinks = document.querySelector<HTMLElement>('#ops-export');

/** Date filters whose value in the address is not a date; they show nothing until edited. */
const badDates = new Map<string, string>();
/** Parameters of the address that are not filters, said once and then dropped. */
let ignored: string[] = [];

const select = (name: string) => form!.elements.namedItem(name) as HTMLSelectElement | null;

function rowFacts(row: HTMLElement): OperationFacts {
  const d = row.dataset;
  return {
    date: d.date ?? '',
    services: (d.service ?? '').split(' ').filter(Boolean),
    risk: d.risk ?? '',
    status: d.status ?? '',
    category: d.category ?? '',
    operator: d.operator ?? '',
    supervisor: d.supervisor ?? '',
  };
}

function readForm(): FilterState {
  const data = new FormData(form!);
  const state: FilterState = {};
  for (const name of FILTER_NAMES) {
    const value = badDates.get(name) ?? String(data.get(name) ?? '');
    if (value) state[name] = value;
  }
  return state;
}

/** Why the state can match nothing: values the log does not have, dates that are not dates. */
function problems(): string[] {
  const found: string[] = [];
  for (const f of CHOICE_FILTERS) {
    const control = select(f.name);
    const chosen = control?.selectedOptions[0];
    if (!control || !chosen?.dataset.unknown) continue;
    const known = [...control.options].filter((o) => o.value && !o.dataset.unknown).map((o) => o.value);
    found.push(`No ${f.noun} ‘${chosen.value}’ in the log; showing nothing. Known ${f.plural}: ${known.join(', ')}.`);
  }
  for (const f of DATE_FILTERS) {
    const value = badDates.get(f.name);
    if (value !== undefined) found.push(`‘${value}’ is not a date for “${f.label}” (write YYYY-MM-DD); showing nothing.`);
  }
  return found;
}

let records: OperationRecord[] | undefined;
const blobUrls = new Map<string, string>();

/** Points the export links at files of exactly the records the filters let through. */
function refreshExports(state: FilterState, blocked: boolean): void {
  if (!exportLinks || !records) return;
  const shown = blocked ? [] : records.filter((r) => matches(recordFacts(r), state));
  for (const link of exportLinks.querySelectorAll<HTMLAnchorElement>('a[data-format]')) {
    const format = link.dataset.format === 'json' ? 'json' : 'csv';
    const blob = format === 'csv' ? new Blob([operationsCsv(shown)], { type: 'text/csv;charset=utf-8' }) : new Blob([operationsJson(shown)], { type: 'application/json' });
    const previous = blobUrls.get(format);
    if (previous) URL.revokeObjectURL(previous);
    const url = URL.createObjectURL(blob);
    blobUrls.set(format, url);
    link.href = url;
    link.download = exportFileName(state, format);
  }
}

let current: { state: FilterState; blocked: boolean } = { state: {}, blocked: false };

function apply(state: FilterState): void {
  const found = problems();
  const blocked = found.length > 0;
  let shown = 0;
  for (const row of rows) {
    row.hidden = blocked || !matches(rowFacts(row), state);
    if (!row.hidden) shown++;
  }
  for (const month of months) month.hidden = ![...month.querySelectorAll<HTMLElement>('.ops-row')].some((r) => !r.hidden);
  const filtered = Object.keys(state).length > 0;
  count!.textContent = filtered ? `${shown} of ${rows.length} operations match the filters.` : `${rows.length} operations.`;
  const notes = [...found, ...ignored];
  if (unknown) {
    unknown.hidden = notes.length === 0;
    unknown.firstElementChild!.textContent = notes.join(' ');
  }
  current = { state, blocked };
  refreshExports(state, blocked);
  const params = new URLSearchParams(state as Record<string, string>).toString();
  history.replaceState(null, '', `${window.location.pathname}${params ? `?${params}` : ''}`);
}

/** Sets the form from the address, keeping values the form cannot hold so they can be reported. */
function restore(params: URLSearchParams): void {
  for (const [alias, name] of Object.entries(FILTER_ALIASES)) {
    const value = params.get(alias);
    if (value !== null && !params.has(name)) params.set(name, value);
    params.delete(alias);
  }
  ignored = [...new Set(params.keys())]
    .filter((key) => !(FILTER_NAMES as readonly string[]).includes(key))
    .map((key) => `‘${key}’ is not a filter of this log and is ignored (filters: ${FILTER_NAMES.join(', ')}).`);
  for (const f of CHOICE_FILTERS) {
    const control = select(f.name);
    const value = params.get(f.name);
    if (!control || !value) continue;
    if (![...control.options].some((o) => o.value === value)) {
      const option = new Option(`${value} (not in the log)`, value);
      option.dataset.unknown = 'true';
      control.add(option);
    }
    control.value = value;
  }
  for (const f of DATE_FILTERS) {
    const control = form!.elements.namedItem(f.name) as HTMLInputElement | null;
    const value = params.get(f.name);
    if (!control || !value) continue;
    if (isIsoDate(value)) control.value = value;
    else badDates.set(f.name, value);
  }
}

/** Drops what the address brought that the form no longer shows once a filter is changed. */
function forget(target: EventTarget | null): void {
  ignored = [];
  const name = (target as HTMLInputElement | null)?.name as FilterName | undefined;
  if (name) badDates.delete(name);
}

async function loadRecords(): Promise<void> {
  if (!exportLinks?.dataset.json) return;
  try {
    const response = await fetch(exportLinks.dataset.json);
    if (!response.ok) throw new Error(`${exportLinks.dataset.json} answered ${response.status}`);
    records = (await response.json()) as OperationRecord[];
    exportLinks.hidden = false;
    refreshExports(current.state, current.blocked);
  } catch (error) {
    exportLinks.hidden = false;
    exportLinks.textContent = `The rows shown cannot be exported here (${error instanceof Error ? error.message : String(error)}); the full exports above still work.`;
  }
}

if (form && count) {
  form.hidden = false;
  restore(new URLSearchParams(window.location.search));
  apply(readForm());
  const update = (event: Event) => {
    forget(event.target);
    apply(readForm());
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('reset', () => {
    badDates.clear();
    ignored = [];
    for (const option of form.querySelectorAll<HTMLOptionElement>('option[data-unknown]')) option.remove();
    setTimeout(() => apply(readForm()));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(readForm());
  });
  void loadRecords();
}
