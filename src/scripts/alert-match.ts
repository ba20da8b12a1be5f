/**
 * An alert name as a reader has it in hand, matched against the site's
 * alerts (`/alerts.json`): the exact name from the alert rule
 * (`PaymentsDbPrimaryDown`), the lower-case slug of its page, words with
 * spaces (`Payments Db Primary Down`), URL-encoded, or a label as copied from
 * Alertmanager (`alertname="PaymentsDbPrimaryDown"`). Used by the 404 page to
 * send unknown-case alert URLs to their runbook, and by search to put the
 * runbook of a matching alert first. The slug is the site's own
 * (`alertSlug`, src/core/links/urls.ts), so URLs and lookups cannot drift.
 */
import { alertSlug } from '../core/links/urls.ts';
import { editDistance } from '../core/diagnostics/suggest.ts';
import type { ResultData } from './pagefind.ts';

/** One entry of /alerts.json, with its name. */
export interface KnownAlert {
  name: string;
  /** The alert's page (with the base). */
  url: string;
  runbook: string;
  runbookUrl: string;
  title: string;
  severity: string | null;
}

export type AlertsJson = Record<string, Omit<KnownAlert, 'name'>>;

/** Decodes percent-escapes when they are well formed; leaves the text as it is otherwise. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const LABEL = /(?:^|[{,\s])alertname\s*=~?\s*(?:"([^"]*)"|'([^']*)'|([^,}\s]*))/i;

/**
 * The bare alert name in what was typed, pasted or put in a URL:
 * percent-escapes decoded, an Alertmanager label (`alertname="X"`, also inside
 * `{…, alertname="X", …}`) reduced to its value, quotes and outer spaces dropped.
 */
export function alertNameFrom(input: string): string {
  const text = decode(input).trim();
  const label = LABEL.exec(text);
  const name = label ? (label[1] ?? label[2] ?? label[3] ?? '') : text;
  return name.trim().replace(/^["'`]+|["'`]+$/g, '').trim();
}

/** Letters and digits only, lower-case: `Payments Db Primary Down`, `payments-db-primary-down` and `PaymentsDbPrimaryDown` share `paymentsdbprimarydown`. */
export function alertKey(name: string): string {
  return alertSlug(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Whether a query reads as an alert name rather than words: an Alertmanager
 * label, or one token written in CamelCase or snake_case
 * (`OrdersDbReplicaLagHigh`, `node_filesystem_full`).
 */
export function looksLikeAlertName(input: string): boolean {
  const text = decode(input).trim();
  if (LABEL.test(text)) return true;
  return /^[\p{L}\p{N}_:.-]+$/u.test(text) && (/\p{Ll}\p{Lu}/u.test(text) || /\p{L}_\p{L}/u.test(text));
}

/** The entries of /alerts.json as a list, sorted by name. */
export function alertList(json: AlertsJson): KnownAlert[] {
  return Object.entries(json)
    .map(([name, entry]) => ({ name, ...entry }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface AlertLookup {
  /** The bare name looked up. */
  name: string;
  /** The alert it names, whatever its case, spacing or encoding; undefined when none or more than one do. */
  match: KnownAlert | undefined;
  /** Alerts whose name starts with it (at least three letters or digits), the match excluded. */
  prefix: KnownAlert[];
  /** Two or more alerts that differ only in punctuation from it (none resolves). */
  ambiguous: KnownAlert[];
}

/** Looks a name up: the same slug first, then the same letters and digits, then by prefix. */
export function lookupAlert(input: string, alerts: readonly KnownAlert[]): AlertLookup {
  const name = alertNameFrom(input);
  const slug = alertSlug(name);
  const key = alertKey(name);
  if (!key) return { name, match: undefined, prefix: [], ambiguous: [] };
  const bySlug = alerts.find((a) => alertSlug(a.name) === slug);
  const byKey = bySlug ? [] : alerts.filter((a) => alertKey(a.name) === key);
  const match = bySlug ?? (byKey.length === 1 ? byKey[0] : undefined);
  const prefix = key.length >= 3 ? alerts.filter((a) => a !== match && !byKey.includes(a) && alertKey(a.name).startsWith(key)) : [];
  return { name, match, prefix, ambiguous: byKey.length > 1 ? byKey : [] };
}

/** The words of an alert name: `OrdersDbDiskUsageHigh` → orders, db, disk, usage, high. */
function words(name: string): string[] {
  return name
    .split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|[^\p{L}\p{N}]+/u)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/**
 * Up to `limit` alerts with names like this one, closest first: a
 * did-you-mean. Like means it starts, contains or is contained in the other,
 * is a few typos away, or shares at least half its words
 * (`OrdersDbReplicaLagHigh` and `OrdersDbDiskUsageHigh`).
 */
export function similarAlerts(input: string, alerts: readonly KnownAlert[], limit = 5): KnownAlert[] {
  const name = alertNameFrom(input);
  const key = alertKey(name);
  if (key.length < 3) return [];
  const mine = new Set(words(name));
  const scored = alerts.map((alert) => {
    const other = alertKey(alert.name);
    const distance = editDistance(key, other);
    const related = other.startsWith(key) || key.startsWith(other) || other.includes(key) || key.includes(other);
    const close = distance <= Math.max(2, Math.floor(Math.min(key.length, other.length) / 3));
    const theirs = words(alert.name);
    const shared = theirs.filter((w) => mine.has(w)).length / Math.max(mine.size, theirs.length);
    return { alert, near: related || close, distance, shared };
  });
  return scored
    .filter((s) => s.near || s.shared >= 0.5)
    .sort((a, b) => Number(b.near) - Number(a.near) || b.shared - a.shared || a.distance - b.distance || a.alert.name.localeCompare(b.alert.name))
    .slice(0, limit)
    .map((s) => s.alert);
}

/**
 * Search results with the runbooks of matching alerts first: the exact
 * match, then alerts the query starts (in name order), each runbook once,
 * above every team, service and operation. A runbook missing from the
 * results is added when `insert` is true (no filter excludes it).
 */
export function rankByAlert(results: readonly ResultData[], lookup: AlertLookup, insert: boolean): ResultData[] {
  const alerts = [...(lookup.match ? [lookup.match] : []), ...lookup.prefix];
  const first: ResultData[] = [];
  const rest = [...results];
  for (const alert of alerts) {
    if (first.some((r) => r.url === alert.runbookUrl)) continue;
    const at = rest.findIndex((r) => r.url === alert.runbookUrl);
    if (at >= 0) first.push(...rest.splice(at, 1));
    else if (insert) first.push({ url: alert.runbookUrl, excerpt: '', meta: { title: alert.title, kind: 'runbook', summary: `Runbook for the alert ${alert.name}.`, ...(alert.severity ? { severity: alert.severity } : {}) } });
  }
  return [...first, ...rest];
}

let loaded: Promise<KnownAlert[] | undefined> | undefined;

/** The site's alerts from /alerts.json, fetched once; undefined when it cannot be loaded (offline, say). */
export function loadAlerts(): Promise<KnownAlert[] | undefined> {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  loaded ??= fetch(`${base}alerts.json`).then(
    async (response) => (response.ok ? alertList((await response.json()) as AlertsJson) : undefined),
    () => undefined,
  );
  return loaded;
}
