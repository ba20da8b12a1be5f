/**
 * A built site served as static hosts (GitHub Pages, Netlify, Cloudflare
 * Pages) serve it, on a free localhost port: files as they are, a folder by
 * its index.html, and the site's 404.html, with status 404, for any address
 * that has no file. Paths are case-sensitive, as on those hosts.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  server: Server;
}

function fileAt(dist: string, pathname: string): string | undefined {
  const file = normalize(join(dist, pathname));
  if (!file.startsWith(dist)) return undefined;
  try {
    const stat = statSync(file);
    if (stat.isFile()) return file;
    if (stat.isDirectory() && statSync(join(file, 'index.html')).isFile()) return join(file, 'index.html');
  } catch {
    return undefined;
  }
  return undefined;
}

export async function serveStatic(dist: string, base = '/'): Promise<StaticServer> {
  const notFound = join(dist, '404.html');
  const server = createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      pathname = '/';
    }
    const file = pathname.startsWith(base) ? fileAt(dist, pathname.slice(base.length)) : undefined;
    if (!file && !existsSync(notFound)) {
      res.writeHead(404).end('Not found');
      return;
    }
    const served = file ?? notFound;
    res.writeHead(file ? 200 : 404, { 'Content-Type': TYPES[extname(served)] ?? 'application/octet-stream' });
    createReadStream(served).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
