/**
 * The service worker that keeps runbooks readable when the site cannot be
 * reached. Written at build time with the list of pages to keep (every
 * runbook and alert page, the home page and the site's own CSS and JS) and a
 * version derived from their contents, so each deploy replaces the copies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { filesUnder } from './dist-files.ts';

/** Site paths (with base) of what the service worker keeps, and a version of their contents. */
export function offlineManifest(dist: string, base: string, upfront: readonly string[]): { urls: string[]; version: string } {
  const prefix = base.replace(/\/?$/, '/');
  // Pages of the kinds that keep every page up front (their `offline` setting), and alert pages.
  const folders = new RegExp(`^(${[...upfront, 'alerts'].join('|')})/.*index\\.html$`);
  const keep = (path: string) => path === 'index.html' || path === 'theme-init.js' || folders.test(path) || /^_astro\/.*\.(css|js)$/.test(path);
  const paths = filesUnder(dist)
    .map((f) => relative(dist, f).split(sep).join('/'))
    .filter(keep)
    .sort();
  const hash = createHash('sha256');
  for (const path of paths) hash.update(path).update(readFileSync(join(dist, path)));
  const urls = paths.map((p) => `${prefix}${p.replace(/(^|\/)index\.html$/, '$1')}`);
  return { urls, version: hash.digest('hex').slice(0, 16) };
}

/** The worker's source: network first for pages (so on-call always gets the latest), the kept copy when offline. */
export function serviceWorkerSource(urls: readonly string[], version: string, builtAt: string): string {
  return `// Opsbook offline copy ${version}. Generated at build time; do not edit.
const CACHE = 'opsbook-${version}';
const PRECACHE = ${JSON.stringify(urls)};
const BUILT_AT = ${JSON.stringify(builtAt)};
const SAVED = 'x-opsbook-saved-at';

async function keep(cache, url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(url + ': ' + response.status);
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  await cache.put(url, new Response(await response.blob(), { status: response.status, headers }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(PRECACHE.map((url) => keep(cache, url)))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('opsbook-') && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

function age(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
  if (minutes < 60) return minutes + ' minute' + (minutes === 1 ? '' : 's');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours + ' hour' + (hours === 1 ? '' : 's');
  const days = Math.round(hours / 24);
  return days + ' day' + (days === 1 ? '' : 's');
}

async function offlineCopy(cached) {
  const saved = cached.headers.get(SAVED) || BUILT_AT;
  const html = await cached.text();
  const banner =
    '<div class="offline-banner" role="status"><strong>Offline copy.</strong> The site cannot be reached; this page was saved ' +
    age(saved) + ' ago (' + saved.slice(0, 16).replace('T', ' ') + ' UTC) from the build of ' + BUILT_AT.slice(0, 10) +
    '. Commands and contacts may have changed since.</div>';
  const body = html.replace(/(<main[^>]*>)/, '$1' + banner);
  const headers = new Headers(cached.headers);
  headers.delete('content-length');
  return new Response(body, { status: 200, headers });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok && PRECACHE.includes(url.pathname)) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => copy.blob().then((blob) => {
              const headers = new Headers(copy.headers);
              headers.set(SAVED, new Date().toISOString());
              return cache.put(url.pathname, new Response(blob, { status: copy.status, headers }));
            }));
          }
          return response;
        },
        async () => {
          const cached = await caches.match(url.pathname, { cacheName: CACHE });
          if (cached) return offlineCopy(cached);
          return new Response('<!doctype html><meta charset="utf-8"><title>Offline</title><p>The site cannot be reached and this page was not saved for offline reading. Runbooks and alert pages are.</p>', { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
        },
      ),
    );
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
  }
});
`;
}

export async function writeServiceWorker(dist: string, base: string, builtAt: string, upfront: readonly string[]): Promise<{ urls: number; version: string }> {
  const { urls, version } = offlineManifest(dist, base, upfront);
  await writeFile(join(dist, 'sw.js'), serviceWorkerSource(urls, version, builtAt));
  return { urls: urls.length, version };
}

