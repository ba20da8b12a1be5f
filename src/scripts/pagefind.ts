/**
 * Search in the reader's browser: Pagefind's own JS (served by this site,
 * loaded on first use), plus exact matches for alert names and operation ids
 * so that typing one puts its document first. Results show the summary with
 * the query's words marked, and an excerpt of the body only (search-text.ts).
 */
import { PARTS_FILE } from './search-parts.ts';
import { bodyExcerpt, highlight, queryTerms, wordCount, type IndexedText, type Segment } from './search-text.ts';

export interface ResultData extends IndexedText {
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
  mergeIndex(path: string, options: { baseUrl: string }): Promise<void>;
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
/** Failed loads so far: a browser may keep a module import that failed as failed, so a retry asks for a URL of its own. */
let failures = 0;
let exact: Promise<Record<string, ExactEntry>> | undefined;

/** Pagefind, loaded once; a failed load (offline) is forgotten, so the next search tries again. */
export function loadPagefind(): Promise<PagefindModule> {
  pagefind ??= (async () => {
    // A large site's index comes in parts (src/lib/search-index.ts): the first is Pagefind's own, the rest are merged into it.
    const parts = fetch(`${base}${PARTS_FILE}`).then((r) => (r.ok ? (r.json() as Promise<string[]>) : []));
    const module = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js${failures ? `?retry=${failures}` : ''}`)) as PagefindModule;
    await module.options({ baseUrl: base });
    await module.init();
    await Promise.all((await parts).map((folder) => module.mergeIndex(`${base}${folder}`, { baseUrl: base })));
    return module;
  })();
  pagefind.catch(() => {
    pagefind = undefined;
    failures++;
  });
  return pagefind;
}

/** True when the browser says it has no network. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/**
 * What to tell a reader whose search cannot run: search needs the network,
 * and which pages this browser keeps (every runbook and alert page, by the
 * service worker; see src/lib/service-worker.ts).
 */
export function offlineMessage(): (Node | string)[] {
  const link = (path: string, text: string) => {
    const a = document.createElement('a');
    a.href = `${base}${path}`;
    a.textContent = text;
    return a;
  };
  const strong = document.createElement('strong');
  strong.textContent = 'You are offline: search needs the network.';
  return [strong, ' Saved pages: ', link('runbooks/', 'every runbook'), ', ', link('alerts/', 'the alert list'), ' and the pages you have opened.'];
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

/** Segments as text nodes and <mark> elements: text is never parsed as HTML. */
function appendSegments(target: HTMLElement, segments: readonly Segment[]): void {
  for (const { text, mark } of segments) {
    if (!mark) {
      target.append(text);
      continue;
    }
    const element = document.createElement('mark');
    element.textContent = text;
    target.append(element);
  }
}

/** The first words of a body with no match in it (a result found by its index-only words). */
function startOfBody(data: ResultData, lead: number): Segment[] {
  const segments = bodyExcerpt({ ...data, weighted_locations: [{ location: lead, balanced_score: 0 }] }, lead) ?? [];
  return segments.map((s) => ({ ...s, mark: false }));
}

const DETAIL_KEYS = ['date', 'services', 'severity', 'risk', 'status', 'tier', 'operator'];

/**
 * One result: kind, title (a link) and summary with the query's words
 * marked, and the metadata that matters for its kind. With `excerpt`, also
 * where the body matches, below the title and summary; a page with no
 * summary always shows that excerpt, or the start of its body.
 */
export function renderResult(data: ResultData, options: { id?: string; asLink?: boolean; query?: string; excerpt?: boolean } = {}): HTMLElement {
  const { id, asLink = true, query = '', excerpt = false } = options;
  const terms = queryTerms(query);
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
  appendSegments(link, highlight(data.meta.title ?? data.url, terms));
  const heading = document.createElement('p');
  heading.className = 'result-title';
  heading.append(kind, ' ', link);
  item.append(heading);
  const summary = data.meta.summary;
  // The body starts with the title and summary the result already shows.
  const lead = wordCount(`${data.meta.title ?? ''} ${summary ?? ''}`);
  const text = document.createElement('p');
  text.className = 'result-text';
  if (summary) appendSegments(text, highlight(summary, terms));
  else appendSegments(text, bodyExcerpt(data, lead) ?? startOfBody(data, lead));
  if (text.textContent) item.append(text);
  const inBody = summary && excerpt ? bodyExcerpt(data, lead) : undefined;
  if (inBody) {
    const quote = document.createElement('p');
    quote.className = 'result-excerpt';
    appendSegments(quote, inBody);
    item.append(quote);
  }
  const details = DETAIL_KEYS.filter((key) => data.meta[key]).map((key) => `${key === 'services' ? '' : `${key} `}${data.meta[key]}`);
  if (details.length) {
    const line = document.createElement('p');
    line.className = 'result-meta';
    line.textContent = details.join(' · ');
    item.append(line);
  }
  return item;
}
