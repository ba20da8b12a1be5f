/**
 * Crawls a built site: every href and src that points into the site must
 * lead to a file in dist/, and every #fragment to an element id on that page.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

export interface BrokenLink {
  page: string;
  url: string;
  reason: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? htmlFiles(path) : e.name.endsWith('.html') ? [path] : [];
  });
}

function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1]!)));
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The file a site path is served from, or undefined. */
function fileFor(dist: string, path: string): string | undefined {
  const local = join(dist, ...decodeURIComponent(path).split('/'));
  try {
    const stat = statSync(local);
    if (stat.isFile()) return local;
    if (stat.isDirectory()) {
      const index = join(local, 'index.html');
      return statSync(index).isFile() ? index : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function crawl(dist: string, base = '/'): { pages: number; links: number; broken: BrokenLink[] } {
  const broken: BrokenLink[] = [];
  const cache = new Map<string, Set<string>>();
  const ids = (file: string) => {
    let set = cache.get(file);
    if (!set) cache.set(file, (set = idsOf(readFileSync(file, 'utf8'))));
    return set;
  };
  let links = 0;
  const pages = htmlFiles(dist);
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const page = `${base}${relative(dist, file).split(sep).join('/')}`;
    const pageDir = posix.dirname(page);
    for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const url = decodeEntities(match[1]!);
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
      links++;
      const [pathPart = '', fragment] = url.split('#');
      let path = pathPart === '' ? page : pathPart.startsWith('/') ? pathPart : posix.join(pageDir, pathPart);
      if (!path.startsWith(base)) {
        broken.push({ page, url, reason: `outside the base ${base}` });
        continue;
      }
      path = `/${path.slice(base.length)}`;
      const target = fileFor(dist, path);
      if (!target) {
        broken.push({ page, url, reason: 'no such file' });
        continue;
      }
      if (fragment && target.endsWith('.html') && !ids(target).has(decodeURIComponent(fragment))) {
        broken.push({ page, url, reason: `no element with id "${fragment}"` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}
