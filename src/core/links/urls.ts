/**
 * Where things live on the site, as paths without the configured base. Pages
 * and the renderer add the base; everything else speaks in these paths.
 */
import type { CollectionName } from '../../model/index.ts';

/** Encodes each path segment, keeping the slashes. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * The URL form of an id: each segment lower-case, accents dropped, and every
 * run of other characters (spaces, punctuation) turned into one hyphen.
 * `payments/DB Failover (EU)` → `payments/db-failover-eu`.
 */
export function urlSlug(id: string): string {
  return id
    .split('/')
    .map((segment) =>
      segment
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}._-]+/gu, '-')
        .replace(/^-+|-+$/g, '') || '-',
    )
    .join('/');
}

/** `/runbooks/payments/db-failover/` */
export function documentPath(collection: CollectionName, id: string): string {
  return `/${collection}/${encodePath(urlSlug(id))}/`;
}

/** A document's page as a file under the output folder (not URL-encoded): `runbooks/payments/provider-errors/index.html`. */
export function documentFile(collection: CollectionName, id: string): string {
  return `${collection}/${urlSlug(id)}/index.html`;
}

/** A file kept beside documents, published at its place under content/: `/runbooks/payments/img/topology.png`. */
export function assetPath(file: string): string {
  return `/${encodePath(file.replace(/^content\//, ''))}`;
}

/**
 * The URL-safe form of an alert name: lower-case, every run of characters
 * other than letters, digits, `.`, `_` and `-` turned into one `-`.
 */
export function alertSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `/alerts/paymentsdbprimarydown/` */
export function alertPath(name: string): string {
  return `/alerts/${encodeURIComponent(alertSlug(name))}/`;
}

/** Joins the configured base (`/`, `/docs/`) and a site path. */
export function withBase(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
