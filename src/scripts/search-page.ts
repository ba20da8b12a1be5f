/**
 * The search page: a query and facet filters (kind, service, team, severity,
 * status, risk, category, year). Filters work with no query at all, and every
 * state is in the URL (?q=…&service=…), so a view can be shared. Values that
 * match nothing for the current query are hidden; on a phone the filters
 * come after the results, folded. An alert name (any case, or
 * `alertname="X"`) puts its runbook first, as in the header box. Each
 * result marks the query's words in its summary and quotes where the body
 * matches. Offline, or when the index cannot be loaded, the page says so.
 */
import { alertNameFrom, loadAlerts, lookupAlert, rankByAlert } from './alert-match.ts';
import { isOffline, loadPagefind, offlineMessage, renderResult, searchSite, type Filters } from './pagefind.ts';

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-query');
const facetsBox = document.querySelector<HTMLElement>('#search-facets');
const list = document.querySelector<HTMLElement>('#search-results');
const status = document.querySelector<HTMLElement>('#search-status');
const filtersBox = document.querySelector<HTMLDetailsElement>('#search-filters');
const filterCount = document.querySelector<HTMLElement>('#search-filter-count');
/** Wide enough for the filters beside the results, unfolded. */
const wide = window.matchMedia('(min-width: 48rem)');
// The site's facets (each kind declares its own), written into the page at build time.
const CATALOGUE: { name: string; label: string }[] = JSON.parse(facetsBox?.dataset.facets ?? '[]');
const FACETS = CATALOGUE.map((f) => f.name);
const FACET_LABELS = Object.fromEntries(CATALOGUE.map((f) => [f.name, f.label]));

function readState(): { query: string; filters: Filters } {
  const params = new URLSearchParams(window.location.search);
  const filters: Filters = {};
  for (const facet of FACETS) {
    const values = params.getAll(facet);
    if (values.length) filters[facet] = values;
  }
  return { query: params.get('q') ?? '', filters };
}

function writeState(query: string, filters: Filters): void {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  for (const facet of FACETS) for (const value of filters[facet] ?? []) params.append(facet, value);
  const search = params.toString();
  history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

function selected(): Filters {
  const filters: Filters = {};
  for (const box of facetsBox!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')) {
    (filters[box.name] ??= []).push(box.value);
  }
  return filters;
}

function buildFacets(all: Record<string, Record<string, number>>, filters: Filters): void {
  const groups = FACETS.filter((facet) => all[facet] && Object.keys(all[facet]).length).map((facet) => {
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'facet';
    const legend = document.createElement('legend');
    legend.textContent = FACET_LABELS[facet] ?? facet;
    fieldset.append(legend);
    const values = Object.keys(all[facet]!).sort((a, b) => (facet === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
    for (const value of values) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = facet;
      box.value = value;
      box.checked = filters[facet]?.includes(value) ?? false;
      const count = document.createElement('span');
      count.className = 'facet-count';
      count.dataset.facet = facet;
      count.dataset.value = value;
      label.append(box, ` ${value} `, count);
      fieldset.append(label);
    }
    return fieldset;
  });
  facetsBox!.replaceChildren(...groups);
}

/** Counts beside each value; a value that would find nothing is hidden unless it is chosen, and so is a group left empty. */
function updateCounts(counts: Record<string, Record<string, number>>): void {
  for (const span of facetsBox!.querySelectorAll<HTMLElement>('.facet-count')) {
    const n = counts[span.dataset.facet!]?.[span.dataset.value!] ?? 0;
    span.textContent = `(${n})`;
    const label = span.closest('label')!;
    label.hidden = n === 0 && !label.querySelector('input')!.checked;
  }
  for (const group of facetsBox!.querySelectorAll<HTMLElement>('.facet')) group.hidden = !group.querySelector('label:not([hidden])');
  const chosen = facetsBox!.querySelectorAll('input:checked').length;
  filterCount!.textContent = chosen ? `(${chosen} chosen)` : '';
}

async function run(): Promise<void> {
  const query = alertNameFrom(input!.value);
  const filters = selected();
  writeState(query, filters);
  const hasFilters = Object.keys(filters).length > 0;
  if (!query.trim() && !hasFilters) {
    list!.replaceChildren();
    status!.textContent = 'Type a query, or choose filters to browse.';
    updateCounts(await (await loadPagefind()).filters());
    return;
  }
  status!.textContent = 'Searching…';
  const [found, alerts] = await Promise.all([searchSite(query, filters, 100), loadAlerts()]);
  const { counts } = found;
  // Runbooks of matching alerts first; one the filters leave out is not added back.
  const results = rankByAlert(found.results, lookupAlert(query, alerts ?? []), !hasFilters);
  list!.replaceChildren(...results.map((r) => renderResult(r, { query, excerpt: true })));
  updateCounts(counts);
  status!.textContent = `${results.length} result${results.length === 1 ? '' : 's'}${query.trim() ? ` for “${query.trim()}”` : ''}${hasFilters ? ' with the chosen filters' : ''}.`;
}

let facetsBuilt = false;

/** Builds the facets once the index loads, then searches; offline, or if the index fails to load, says so instead. */
async function search(filters?: Filters): Promise<void> {
  try {
    if (!facetsBuilt) {
      buildFacets(await (await loadPagefind()).filters(), filters ?? readState().filters);
      facetsBuilt = true;
    }
    await run();
    if (isOffline()) status!.append(' You are offline: these results come from the index saved on this device.');
  } catch {
    list!.replaceChildren();
    status!.replaceChildren(...offlineMessage());
  }
}

if (form && input && facetsBox && list && status && filtersBox && filterCount) {
  const state = readState();
  input.value = state.query;
  filtersBox.closest('aside')!.hidden = false;
  filtersBox.open = wide.matches;
  wide.addEventListener('change', () => (filtersBox.open = wide.matches));
  if (!state.query) input.focus();
  void search(state.filters);
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void search(), 150);
  });
  facetsBox.addEventListener('change', () => void search());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  window.addEventListener('online', () => void search());
}
