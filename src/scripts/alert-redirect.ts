/**
 * Alert addresses that have no page of their own still lead to the runbook.
 * Static pages exist only at each alert's slug (`/alerts/paymentsdbprimarydown/`);
 * any other form is served the site's 404 page, whose script this is:
 * `/alerts/PaymentsDbPrimaryDown/` (the exact name a templated runbook_url
 * gives), `/alerts/Payments%20Db%20Primary%20Down/`, or
 * `/alerts/alertname="PaymentsDbPrimaryDown"/` (a label pasted from
 * Alertmanager). The name is looked up in /alerts.json with the site's own
 * slug, and the page is replaced by the runbook. The alert list does the same
 * for `/alerts/?alertname=X`. An alert that no runbook lists gets a page that
 * says so, links a search for it, and lists alerts with similar names above
 * the default escalation.
 */
import { alertNameFrom, loadAlerts, lookupAlert, similarAlerts, type KnownAlert } from './alert-match.ts';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

/** The alert part of a path under `<base>alerts/`, still encoded; undefined for any other path. */
export function alertInPath(pathname: string, siteBase = base): string | undefined {
  const prefix = `${siteBase.replace(/\/?$/, '/')}alerts/`;
  if (!pathname.toLowerCase().startsWith(prefix.toLowerCase())) return undefined;
  const rest = pathname
    .slice(prefix.length)
    .replace(/\/index\.html?$/i, '')
    .replace(/\/+$/, '');
  return rest || undefined;
}

/** The alert named in a query string (`?alertname=X`, `?alert=X`, `?name=X`), as typed. */
export function alertInQuery(search: string): string | undefined {
  const params = new URLSearchParams(search);
  return params.get('alertname') ?? params.get('alert') ?? params.get('name') ?? undefined;
}

function setNames(root: ParentNode, name: string): void {
  for (const slot of root.querySelectorAll('.unknown-alert-name')) slot.textContent = name;
}

function alertLinks(alerts: readonly KnownAlert[]): HTMLElement[] {
  return alerts.map((alert) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = alert.runbookUrl;
    const code = document.createElement('code');
    code.textContent = alert.name;
    link.append(code);
    item.append(link, ` — ${alert.title}`);
    return item;
  });
}

/** On the 404 page: an address under /alerts/ is an alert, known or not. */
async function notFound(root: HTMLElement, raw: string): Promise<void> {
  const general = root.querySelector<HTMLElement>('#not-found-page')!;
  const section = root.querySelector<HTMLElement>('#unknown-alert')!;
  const status = root.querySelector<HTMLElement>('#unknown-alert-status')!;
  const title = root.querySelector<HTMLElement>('#unknown-alert-title')!;
  const searchLine = root.querySelector<HTMLElement>('#unknown-alert-search')!;
  const similar = root.querySelector<HTMLElement>('#unknown-alert-similar')!;
  const siteTitle = document.title.replace(/^Page not found( · )?/, '');
  const name = alertNameFrom(raw) || raw;
  general.hidden = true;
  section.hidden = false;
  setNames(root, name);
  const alerts = await loadAlerts();
  const lookup = lookupAlert(raw, alerts ?? []);
  if (lookup.match) {
    status.textContent = `Opening its runbook: ${lookup.match.title}…`;
    window.location.replace(lookup.match.runbookUrl);
    return;
  }
  title.replaceChildren('No runbook for ', Object.assign(document.createElement('code'), { className: 'unknown-alert-name', textContent: name }));
  document.title = `No runbook for ${name}${siteTitle ? ` · ${siteTitle}` : ''}`;
  status.textContent = alerts
    ? 'No runbook lists this alert. Call the team below, and search for the name in case a document mentions it.'
    : 'The list of alerts could not be loaded (is the site reachable?), so it is not known whether this alert has a runbook. Call the team below, or search for it.';
  const link = searchLine.querySelector('a')!;
  link.href = `${base}search/?q=${encodeURIComponent(name)}`;
  searchLine.hidden = false;
  const like = lookup.ambiguous.length ? lookup.ambiguous : similarAlerts(name, alerts ?? []);
  if (like.length) {
    similar.querySelector('ul')!.replaceChildren(...alertLinks(like));
    similar.hidden = false;
  }
}

/** On the alert list: `?alertname=X` opens X's runbook, or says that none lists it. */
async function alertList(note: HTMLElement, raw: string): Promise<void> {
  const alerts = await loadAlerts();
  const lookup = lookupAlert(raw, alerts ?? []);
  if (lookup.match) {
    window.location.replace(lookup.match.runbookUrl);
    return;
  }
  const code = document.createElement('code');
  code.textContent = lookup.name || raw;
  const search = document.createElement('a');
  search.href = `${base}search/?q=${encodeURIComponent(lookup.name || raw)}`;
  search.textContent = 'search for it';
  note.replaceChildren('No runbook lists the alert ', code, ': ', search, ', or see who to call below the list.');
  note.hidden = false;
}

if (typeof document !== 'undefined') {
  const root = document.querySelector<HTMLElement>('#not-found');
  const listNote = document.querySelector<HTMLElement>('#alert-query-note');
  const inPath = alertInPath(window.location.pathname);
  const inQuery = alertInQuery(window.location.search);
  if (root && inPath) void notFound(root, inPath);
  else if (listNote && inQuery) void alertList(listNote, inQuery);
}
