/**
 * The service worker's source. Pages come from the network first (on-call
 * always gets the latest) and each page read is saved with what it needs
 * (its files, and the team, service and kit pages its on-call card links);
 * when the site cannot be reached a saved copy is shown with a note of when
 * it was saved, an unsaved alert address goes through the saved not-found
 * page (which finds the alert's runbook in alerts.json), and any other
 * unsaved page gets the site's offline page. One cache per deploy: a new
 * version saves its up-front set, re-fetches the pages read under the old
 * one (the most recent, a bounded number) and deletes the old caches.
 */
import { offlineLinks } from './links.ts';
import { ATTACHMENT_LIMIT } from './upfront.ts';

/** Pages read under an older deploy that a new one fetches again (the most recently saved first). */
const CARRY_OVER = 150;

export function serviceWorkerSource(urls: readonly string[], version: string, builtAt: string, base: string): string {
  const root = base.replace(/\/?$/, '/');
  return `// Opsbook offline copy ${version}. Generated at build time; do not edit.
const CACHE = 'opsbook-${version}';
const PRECACHE = ${JSON.stringify(urls)};
const BUILT_AT = ${JSON.stringify(builtAt)};
const BASE = ${JSON.stringify(root)};
const CARRY_OVER = ${CARRY_OVER};
const ATTACHMENT_LIMIT = ${ATTACHMENT_LIMIT};
const SAVED = 'x-opsbook-saved-at';
const BUILD = 'x-opsbook-build';
const READ = 'x-opsbook-read';
const offlineLinks = ${offlineLinks.toString()};

/** A response as kept: its body, with when it was saved and from which build. */
async function stamp(response, read) {
  const headers = new Headers(response.headers);
  headers.set(SAVED, new Date().toISOString());
  headers.set(BUILD, BUILT_AT);
  if (read) headers.set(READ, '1');
  headers.delete('content-length');
  return new Response(await response.blob(), { status: response.status, headers });
}

async function keep(cache, url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(url + ': ' + response.status);
  await cache.put(url, await stamp(response, false));
}

/** Saves what a page needs that is not saved yet: its files, and the pages on-call opens from it with their files (two levels, for kit pages). */
async function saveBundle(cache, pageUrl, html, depth) {
  const links = offlineLinks(html, pageUrl, BASE);
  // The page's own attachments too, unless large (those are saved when opened).
  for (const path of depth === 0 ? [...links.files, ...links.attachments] : links.files) {
    if (await cache.match(path)) continue;
    try {
      const response = await fetch(path);
      if (!response.ok) continue;
      const copy = await stamp(response, false);
      if (links.files.includes(path) || (await copy.clone().blob()).size <= ATTACHMENT_LIMIT) await cache.put(path, copy);
    } catch {}
  }
  if (depth >= 2) return;
  for (const path of links.pages) {
    let cached = await cache.match(path);
    if (!cached) {
      try {
        const response = await fetch(path);
        if (!response.ok || !(response.headers.get('content-type') || '').includes('html')) continue;
        await cache.put(path, await stamp(response.clone(), false));
        cached = response;
      } catch {
        continue;
      }
    }
    await saveBundle(cache, new URL(path, pageUrl).href, await cached.text(), depth + 1);
  }
}

async function savePage(path, response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put(path, await stamp(response, true));
  await saveBundle(cache, self.location.origin + path, html, 0);
}

self.addEventListener('install', (event) => {
  // One file the host cannot send (a partial deploy) must not leave the reader with no offline copy at all.
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.allSettled(PRECACHE.map((url) => keep(cache, url)))).then(() => self.skipWaiting()));
});

/** The pages read under older deploys, fetched again for this one; the old copy is kept when the network fails. */
async function carryOver(old) {
  const cache = await caches.open(CACHE);
  const read = [];
  for (const name of old) {
    const previous = await caches.open(name);
    for (const request of await previous.keys()) {
      const response = await previous.match(request);
      if (response && response.headers.get(READ)) read.push({ path: new URL(request.url).pathname, response, previous });
    }
  }
  read.sort((a, b) => (b.response.headers.get(SAVED) || '').localeCompare(a.response.headers.get(SAVED) || ''));
  for (const { path, response, previous } of read.slice(0, CARRY_OVER)) {
    if (await cache.match(path)) continue;
    try {
      const fresh = await fetch(path, { cache: 'no-cache' });
      if (fresh.ok) await savePage(path, fresh);
      continue;
    } catch {}
    // Offline while updating: keep the old copy, with the files it used.
    const html = await response.clone().text();
    await cache.put(path, response);
    const links = offlineLinks(html, self.location.origin + path, BASE);
    for (const file of [...links.files, ...links.attachments, ...links.pages]) {
      if (await cache.match(file)) continue;
      const kept = await previous.match(file);
      if (kept) await cache.put(file, kept);
    }
  }
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then(async (keys) => {
      const old = keys.filter((k) => k.startsWith('opsbook-') && k !== CACHE);
      await self.clients.claim();
      try {
        await carryOver(old);
      } finally {
        await Promise.all(old.map((k) => caches.delete(k)));
      }
    }),
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

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');
}

async function offlineCopy(cached) {
  const saved = cached.headers.get(SAVED) || BUILT_AT;
  const build = cached.headers.get(BUILD) || BUILT_AT;
  const html = await cached.text();
  const banner =
    '<div class="offline-banner" role="status"><strong>Offline copy.</strong> The site cannot be reached; this page was saved ' +
    age(saved) + ' ago (' + saved.slice(0, 16).replace('T', ' ') + ' UTC) from the build of ' + build.slice(0, 10) +
    '. Commands and contacts may have changed since.</div>';
  const body = html.replace(/(<main[^>]*>)/, '$1' + banner);
  const headers = new Headers(cached.headers);
  headers.delete('content-length');
  return new Response(body, { status: 200, headers });
}

/** The saved page for an address: /x/index.html and /x are /x/. */
function pageKey(pathname) {
  if (pathname.endsWith('/index.html')) return pathname.slice(0, -10);
  if (!pathname.endsWith('/') && !/\\.[A-Za-z0-9]+$/.test(pathname)) return pathname + '/';
  return pathname;
}

async function offlinePage(pathname) {
  const cache = await caches.open(CACHE);
  const cached = (await cache.match(pathname)) || (await cache.match(pageKey(pathname)));
  if (cached) return (cached.headers.get('content-type') || '').includes('html') ? offlineCopy(cached) : cached;
  // An alert address not saved: the not-found page's script finds its runbook in the saved alerts.json.
  if (pathname.startsWith(BASE + 'alerts/')) {
    const notFound = await cache.match(BASE + '404.html');
    if (notFound) return new Response(notFound.body, { status: 200, headers: notFound.headers });
  }
  const fallback = await cache.match(BASE + 'offline/');
  if (fallback) {
    const html = (await fallback.text()).replace('<code class="offline-address"></code>', '<code class="offline-address">' + escapeHtml(decodeURI(pathname)) + '</code>');
    const headers = new Headers(fallback.headers);
    headers.delete('content-length');
    return new Response(html, { status: 503, headers });
  }
  return new Response('The site cannot be reached and this page was not saved on this device.', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (url.pathname === BASE + 'sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).then(
        (response) => {
          const type = response.headers.get('content-type') || '';
          // Every page read is saved, with what it needs, while the reader goes on.
          if (response.ok && !response.redirected && type.includes('html')) event.waitUntil(savePage(pageKey(url.pathname), response.clone()).catch(() => {}));
          // An attachment opened (a printed kit, a config file): saved as it is.
          else if (response.ok && !response.redirected) event.waitUntil(stamp(response.clone(), false).then((copy) => caches.open(CACHE).then((cache) => cache.put(url.pathname, copy))).catch(() => {}));
          return response;
        },
        () => offlinePage(url.pathname),
      ),
    );
    return;
  }
  // Files: the saved copy (this deploy's), else the network, saved for next time.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(url.pathname);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok && response.type === 'basic' && !url.search) event.waitUntil(stamp(response.clone(), false).then((copy) => cache.put(url.pathname, copy)).catch(() => {}));
      return response;
    }),
  );
});
`;
}
