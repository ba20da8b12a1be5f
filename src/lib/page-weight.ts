/**
 * What a first visit to a page downloads, compressed: the HTML and every
 * stylesheet, script and image it loads from the site. Code loaded only on
 * demand (the search index and Pagefind, client-side Mermaid) is not counted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  path: string;
  /** Bytes after gzip, HTML and every resource it loads. */
  compressed: number;
  html: number;
  resources: { url: string; compressed: number }[];
  /** Resources from another host (there should be none). */
  external: string[];
}

function gz(file: string): number {
  return gzipSync(readFileSync(file)).length;
}

function fileFor(dist: string, base: string, url: string): string | undefined {
  if (!url.startsWith(base)) return undefined;
  const path = join(dist, decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!));
  return existsSync(path) ? path : undefined;
}

export function pageWeight(dist: string, path: string, base = '/'): PageWeight {
  const htmlFile = join(dist, path.replace(/^\//, ''), path.endsWith('/') ? 'index.html' : '');
  const html = readFileSync(htmlFile, 'utf8');
  const urls = new Set<string>();
  const external: string[] = [];
  for (const match of html.matchAll(/<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"/g)) {
    const url = match[1]!;
    if (/^([a-z]+:)?\/\//i.test(url)) external.push(url);
    else urls.add(url);
  }
  // Modules a script imports at load time (not dynamic imports) are downloaded too.
  const queue = [...urls].filter((u) => u.endsWith('.js'));
  while (queue.length) {
    const file = fileFor(dist, base, queue.pop()!);
    if (!file) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/\bimport\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+)["']/g)) {
      const url = `${base}_astro/${m[1]!.slice(2)}`;
      if (!urls.has(url)) {
        urls.add(url);
        queue.push(url);
      }
    }
  }
  const resources = [...urls].flatMap((url) => {
    const file = fileFor(dist, base, url);
    return file ? [{ url, compressed: gz(file) }] : [];
  });
  const htmlSize = gzipSync(html).length;
  return { path, html: htmlSize, resources, external, compressed: htmlSize + resources.reduce((s, r) => s + r.compressed, 0) };
}
