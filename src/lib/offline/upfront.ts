/**
 * What the service worker saves on a reader's first visit, before anything
 * is read: the shell (home, the offline page, the not-found page that sends
 * alert addresses to their runbook, search, the site's CSS/JS and icons, the
 * search index's entry files), then, within a compressed-byte budget,
 * alerts.json, whole runbook bundles (page, its images and small
 * attachments, its team and service pages; kits are saved when read) in order of
 * urgency, and the runbook list if it still fits. A site of a
 * hundred runbooks is kept whole; a larger one keeps its most urgent
 * runbooks, and every other page is saved with its bundle when it is read.
 * The first visit therefore costs at most the budget at any size.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ContentDocument } from '../../core/load/load.ts';
import { documentPath } from '../../core/links/urls.ts';
import { offlineLinks } from './links.ts';
import { PARTS_FILE } from '../../scripts/search-parts.ts';

/** Compressed bytes of the first visit's downloads: a few seconds on a slow phone link, about 40 runbooks with their team and service pages. */
export const UPFRONT_BUDGET = 1024 * 1024;

/** The budget for this build: OPSBOOK_OFFLINE_BUDGET (in KB) when set, for a site that wants more or less up front. */
export function upfrontBudget(env: Record<string, string | undefined> = process.env): number {
  const raw = env.OPSBOOK_OFFLINE_BUDGET;
  if (raw === undefined || raw === '') return UPFRONT_BUDGET;
  const kb = Number(raw);
  if (!Number.isFinite(kb) || kb < 0) throw new Error(`OPSBOOK_OFFLINE_BUDGET must be a number of kilobytes (0 or more), not "${raw}". Unset it for the default of ${UPFRONT_BUDGET / 1024} KB.`);
  return Math.round(kb * 1024);
}

/** A page's attachments above this size (a printed incident kit, say) are saved when opened, not with the page. */
export const ATTACHMENT_LIMIT = 100 * 1024;

/** The shell's own JS/CSS files above this size (a diagram library, say) are saved when a page first uses them. */
const SHELL_FILE_LIMIT = 256 * 1024;

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Site paths (without base) of the documents that may be kept up front, most
 * urgent first: severity (critical, warning, info, none), then those that
 * alerts lead to, then by path.
 */
export function upfrontCandidates(documents: readonly ContentDocument[], kinds: readonly string[]): string[] {
  const rank = (d: ContentDocument) => {
    const data = d.data as { severity?: unknown; alerts?: unknown } | undefined;
    return [SEVERITY_RANK[String(data?.severity)] ?? 3, Array.isArray(data?.alerts) && data.alerts.length ? 0 : 1] as const;
  };
  return documents
    .filter((d) => d.data && kinds.includes(d.collection))
    .map((d) => ({ path: documentPath(d.collection, d.id), rank: rank(d) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((c) => c.path);
}

export interface UpfrontSet {
  /** Site paths with base, as the worker requests them. */
  urls: string[];
  /** Bytes as stored, and gzip-compressed as a host sends them. */
  bytes: number;
  gzipped: number;
  /** Up-front documents kept whole, of how many. */
  kept: number;
  of: number;
  /** True when the shell alone is over the budget (no document could be kept). */
  shellOverBudget: boolean;
}

/** The dist file of a site path (without base): `/runbooks/x/` → `runbooks/x/index.html`. */
export function distFile(path: string): string {
  const decoded = decodeURI(path).replace(/^\//, '');
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}

/** The up-front set of a built site: the shell, then document bundles in the order given, within `budget` compressed bytes. */
export function upfrontSet(dist: string, base: string, candidates: readonly string[], budget = UPFRONT_BUDGET, kindFolders: readonly string[] = []): UpfrontSet {
  const root = base.replace(/\/?$/, '/');
  const kept = new Map<string, { bytes: number; gzipped: number }>();
  const size = (path: string) => {
    const file = join(dist, distFile(path));
    if (!existsSync(file) || !statSync(file).isFile()) return undefined;
    const content = readFileSync(file);
    return { bytes: content.length, gzipped: gzipSync(content).length, content };
  };
  let bytes = 0;
  let gzipped = 0;
  // A page with what it uses (and the pages on-call opens from it, one level on, and their files): paths without base.
  const bundle = (path: string): Map<string, { bytes: number; gzipped: number }> => {
    const found = new Map<string, { bytes: number; gzipped: number }>();
    const visit = (p: string, depth: number) => {
      if (found.has(p) || kept.has(p)) return;
      const s = size(p);
      if (!s) return;
      found.set(p, { bytes: s.bytes, gzipped: s.gzipped });
      if (!p.endsWith('/')) return;
      const links = offlineLinks(s.content.toString('utf8'), `http://site${root}${p.slice(1)}`, root);
      const strip = (u: string) => `/${u.slice(root.length)}`;
      for (const file of links.files) visit(strip(file), depth);
      // The page's own attachments (a config file, a small PDF), not those of the pages it leads to.
      if (depth === 0) for (const file of links.attachments) if ((size(strip(file))?.bytes ?? Infinity) <= ATTACHMENT_LIMIT) visit(strip(file), depth);
      // Incident kits hold every runbook of a service in full: up front they would crowd out whole runbooks, so they are saved when read (the worker fetches them with a page that links them).
      if (depth < 2) for (const page of links.pages) if (!/\/kit\/$/.test(page)) visit(strip(page), depth + 1);
    };
    visit(path, 0);
    return found;
  };
  const add = (entries: Map<string, { bytes: number; gzipped: number }>) => {
    for (const [p, s] of entries) {
      kept.set(p, s);
      bytes += s.bytes;
      gzipped += s.gzipped;
    }
  };
  const total = (entries: Map<string, { gzipped: number }>) => [...entries.values()].reduce((sum, s) => sum + s.gzipped, 0);

  // The shell, always kept: pages and files whose size does not grow with the documents.
  // The search index's entry files; its WebAssembly (60 KB that do not compress), metadata and chunks are saved on a first search.
  const shell = ['/', '/offline/', '/404.html', '/search/', '/theme-init.js', '/pagefind/pagefind.js', '/pagefind/pagefind-entry.json'];
  // A large index's other parts: the list, and each part's entry file (fetched with a query, so never saved when used).
  if (existsSync(join(dist, PARTS_FILE))) {
    shell.push(`/${PARTS_FILE}`);
    for (const folder of JSON.parse(readFileSync(join(dist, PARTS_FILE), 'utf8')) as string[]) shell.push(`/${folder}pagefind-entry.json`);
  }
  for (const name of listDir(join(dist, '_astro'))) if (/\.(css|js)$/.test(name) && statSync(join(dist, '_astro', name)).size <= SHELL_FILE_LIMIT) shell.push(`/_astro/${name}`);
  // Icons and the like from public/ (favicon.svg, apple-touch-icon.png, a web manifest).
  for (const name of listDir(dist)) if (/\.(ico|png|svg|webmanifest)$/.test(name)) shell.push(`/${name}`);
  for (const path of shell) add(bundle(path));
  const shellOverBudget = gzipped > budget;
  // Within the budget, what grows with the site: first alerts.json (alert addresses lead to their
  // runbook through it); the alert list and search-exact.json are saved when used.
  const fits = (path: string) => {
    const entries = bundle(path);
    if (gzipped + total(entries) <= budget) add(entries);
  };
  fits('/alerts.json');

  let count = 0;
  for (const path of candidates) {
    const entries = bundle(path);
    if (!entries.has(path) && !kept.has(path)) continue; // no page (a kind without pages of its own)
    if (gzipped + total(entries) > budget) break;
    add(entries);
    count += 1;
  }
  // Then the up-front kinds' listings, if they still fit: at 10,000 documents a list of 4,000 runbooks
  // costs as much as twenty runbooks kept whole, and those matter more offline.
  for (const kind of kindFolders) fits(`/${kind}/`);
  const urls = [...kept.keys()].sort().map((p) => `${root}${p.slice(1)}`);
  return { urls, bytes, gzipped, kept: count, of: candidates.length, shellOverBudget };
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
