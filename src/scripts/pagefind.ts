/**
 * Search in the reader's browser: Pagefind's own JS (served by this site,
 * loaded on first use), plus exact matches for alert names and operation ids
 * so that typing one puts its document first.
 */
export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}

interface PagefindResult {
  data(): Promise<ResultData>;
}

interface PagefindSearch {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}

interface PagefindModule {
  options(options: { baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, { any: string[] }> }): Promise<PagefindSearch | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

interface ExactEntry {
  url: string;
  title: string;
  kind: string;
  summary?: string;
}

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let pagefind: Promise<PagefindModule> | undefined;
let exact: Promise<Record<string, ExactEntry>> | undefined;

export function loadPagefind(): Promise<PagefindModule> {
  pagefind ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as PagefindModule;
    await module.options({ baseUrl: base });
    await module.init();
    return module;
  })();
  return pagefind;
}

function loadExact(): Promise<Record<string, ExactEntry>> {
  exact ??= fetch(`${base}search-exact.json`).then((r) => (r.ok ? r.json() : {}), () => ({}));
  return exact;
}

export type Filters = Record<string, string[]>;

export interface SearchOutcome {
  results: ResultData[];
  /** Counts per facet value for the current query and filters. */
  counts: Record<string, Record<string, number>>;
}

/**
 * Searches the index. With no query, lists what the filters select. An exact
 * alert name or operation id puts its document first.
 */
export async function searchSite(query: string, filters: Filters = {}, limit = 30): Promise<SearchOutcome> {
  const [module, exactMap] = await Promise.all([loadPagefind(), loadExact()]);
  const term = query.trim();
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v.length).map(([k, v]) => [k, { any: v }]));
  if (!term && Object.keys(active).length === 0) return { results: [], counts: await module.filters() };
  const search = await module.search(term || null, { filters: active });
  if (!search) return { results: [], counts: {} };
  const results = await Promise.all(search.results.slice(0, limit).map((r) => r.data()));
  const pinned = term ? exactMap[term.toLowerCase()] : undefined;
  if (pinned) {
    const at = results.findIndex((r) => r.url === pinned.url);
    if (at > 0) results.unshift(...results.splice(at, 1));
    else if (at === -1 && Object.keys(active).length === 0) {
      results.unshift({ url: pinned.url, excerpt: '', meta: { title: pinned.title, kind: pinned.kind, ...(pinned.summary ? { summary: pinned.summary } : {}) } });
    }
  }
  return { results, counts: search.filters };
}

/** Copies Pagefind's excerpt into an element, keeping only text and <mark>. */
function appendExcerpt(target: HTMLElement, html: string): void {
  const template = document.createElement('template');
  template.innerHTML = html; // inert: nothing in a template runs or loads
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) target.append(node.textContent ?? '');
    else if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      target.append(mark);
    } else target.append(node.textContent ?? '');
  }
}

const DETAIL_KEYS = ['date', 'services', 'severity', 'risk', 'status', 'tier', 'operator'];

/** One result: kind, title (a link), summary or excerpt, and the metadata that matters for its kind. */
export function renderResult(data: ResultData, options: { id?: string; asLink?: boolean } = {}): HTMLElement {
  const { id, asLink = true } = options;
  const item = document.createElement('li');
  item.className = 'search-result';
  if (id) item.id = id;
  const kind = document.createElement('span');
  kind.className = `badge result-kind result-kind-${data.meta.kind ?? 'page'}`;
  kind.textContent = data.meta.kind ?? 'page';
  // In a listbox the option itself is the control: its title must not be a nested link.
  const link = document.createElement(asLink ? 'a' : 'span');
  if (link instanceof HTMLAnchorElement) link.href = data.url;
  link.className = 'result-link';
  link.textContent = data.meta.title ?? data.url;
  const heading = document.createElement('p');
  heading.className = 'result-title';
  heading.append(kind, ' ', link);
  item.append(heading);
  const text = document.createElement('p');
  text.className = 'result-text';
  if (data.meta.summary) text.textContent = data.meta.summary;
  else appendExcerpt(text, data.excerpt);
  item.append(text);
  const details = DETAIL_KEYS.filter((key) => data.meta[key]).map((key) => `${key === 'services' ? '' : `${key} `}${data.meta[key]}`);
  if (details.length) {
    const line = document.createElement('p');
    line.className = 'result-meta';
    line.textContent = details.join(' · ');
    item.append(line);
  }
  return item;
}
