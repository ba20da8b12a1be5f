/**
 * The search box in every page's header: `/` focuses it; results appear as
 * you type in a listbox navigable with the arrow keys; Enter opens the
 * highlighted result, or the full search page when none is highlighted.
 *
 * An alert name (any case, with spaces, or `alertname="X"` as copied from
 * Alertmanager) puts the runbook of that alert first, then the runbooks of
 * the alerts whose names it starts. A query that reads as an alert name no
 * runbook lists highlights nothing, so Enter searches everything instead of
 * opening a guess; the box says there is no runbook and links to who to call.
 */
import { alertSlug } from '../core/links/urls.ts';
import { alertNameFrom, loadAlerts, looksLikeAlertName, lookupAlert, rankByAlert } from './alert-match.ts';
import { isOffline, offlineMessage, renderResult, searchSite, type SearchOutcome } from './pagefind.ts';

const input = document.querySelector<HTMLInputElement>('#site-search');
const popup = document.querySelector<HTMLElement>('#site-search-results');
const list = document.querySelector<HTMLElement>('#site-search-listbox');
const note = document.querySelector<HTMLElement>('#site-search-note');
const more = document.querySelector<HTMLElement>('#site-search-more');
const form = input?.form;
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

if (input && popup && list && note && more && form) {
  let active = -1;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The box is saying search cannot run: Enter stays here rather than open a search page that cannot load. */
  let offline = false;

  const options = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')];

  function close(): void {
    popup!.hidden = true;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index: number): void {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    input!.setAttribute('aria-activedescendant', all[active]!.id);
    all[active]!.scrollIntoView({ block: 'nearest' });
  }

  function open(): void {
    popup!.hidden = false;
    input!.setAttribute('aria-expanded', 'true');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function showOffline(): void {
    offline = true;
    list!.replaceChildren();
    note!.replaceChildren(...offlineMessage());
    note!.hidden = false;
    more!.replaceChildren();
    open();
  }

  async function update(): Promise<void> {
    const raw = input!.value;
    const mine = ++generation;
    if (!raw.trim()) return close();
    const query = alertNameFrom(raw) || raw.trim();
    let alerts: Awaited<ReturnType<typeof loadAlerts>>;
    let found: SearchOutcome;
    try {
      [alerts, found] = await Promise.all([loadAlerts(), searchSite(query, {}, 8)]);
    } catch {
      if (mine === generation) showOffline(); // the index could not be loaded
      return;
    }
    if (mine !== generation) return; // a newer query has started
    offline = false;
    const lookup = lookupAlert(raw, alerts ?? []);
    const results = rankByAlert(found.results, lookup, true).slice(0, 8);
    // An alert name no runbook lists: say so, and let Enter search rather than open an unrelated page.
    const unknownAlert = alerts !== undefined && looksLikeAlertName(raw) && !lookup.match && lookup.prefix.length === 0;
    list!.replaceChildren(
      ...results.map((result, i) => {
        const item = renderResult(result, { id: `site-search-option-${i}`, asLink: false, query });
        item.setAttribute('role', 'option');
        item.dataset.url = result.url;
        item.setAttribute('aria-selected', 'false');
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          window.location.href = result.url;
        });
        return item;
      }),
    );
    note!.hidden = !unknownAlert;
    if (unknownAlert) {
      const name = document.createElement('code');
      name.textContent = query;
      const who = document.createElement('a');
      who.href = `${base}alerts/${encodeURIComponent(alertSlug(query))}/`;
      who.textContent = 'who to call';
      note!.replaceChildren('No runbook lists the alert ', name, '. See ', who, '.');
    }
    const link = document.createElement('a');
    link.href = `${form!.action}?q=${encodeURIComponent(query)}`;
    link.textContent = 'filter all results';
    more!.replaceChildren(unknownAlert ? 'Enter searches every document; ' : results.length ? 'Enter opens the highlighted result; ' : `Nothing found for “${query}”. `, link);
    // Offline with the index saved on this device: results, and a word that the pages may not be.
    if (isOffline()) more!.prepend('You are offline: these results come from the index saved on this device. ');
    open();
    if (results.length && !unknownAlert) highlight(0);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 120);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter' && offline && !popup.hidden) {
      event.preventDefault();
    } else if (event.key === 'Enter' && active >= 0 && !popup.hidden) {
      event.preventDefault();
      const url = options()[active]?.dataset.url;
      if (url) window.location.href = url;
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  // A link in the box (who to call, filter all results) must not close it before the click lands.
  popup.addEventListener('mousedown', (event) => {
    if ((event.target as Element).closest('a')) event.preventDefault();
  });
  // Loaded ahead of the first keystroke; a failure here is reported when the reader searches.
  input.addEventListener('focus', () => void import('./pagefind.ts').then((m) => m.loadPagefind()).catch(() => undefined), { once: true });
  // Back online: a query already typed runs again.
  window.addEventListener('online', () => {
    if (!popup.hidden) void update();
  });

  // "Search again" at the foot of a page: back to the top, in the box, ready to type.
  document.addEventListener('click', (event) => {
    if (!(event.target as Element).closest?.('a[href="#site-search"]')) return;
    event.preventDefault();
    window.scrollTo({ top: 0 });
    input.focus({ preventScroll: true });
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}
