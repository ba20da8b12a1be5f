/**
 * A PDF of each service's incident kit, printed by Chromium from the built
 * page with print styles, beside it at /services/<id>/kit.pdf. Made when the
 * build draws diagrams with a browser (the same choice: `diagrams` in the
 * config or OPSBOOK_DIAGRAMS), so a build without one stays browser-free.
 * One browser, one page, kits printed in sequence; the pages are served from
 * dist/ through request interception, and nothing else is fetched.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { chooseMode, findChromium } from './diagram-render.ts';

/** The PDF beside a kit page, relative to the service's folder. */
export const KIT_PDF = 'kit.pdf';

/** Whether kits get a PDF in this build, and why (for the log line). */
export function kitPdfChoice(setting: string | undefined): { enabled: boolean; reason: string } {
  try {
    const { mode, reason } = chooseMode(setting, findChromium());
    return { enabled: mode === 'build', reason };
  } catch (error) {
    return { enabled: false, reason: (error as Error).message };
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const ORIGIN = 'http://opsbook.invalid';

/** Prints the kit of each service page path (`/services/<id>/`, without the base) to `<path>kit.pdf` under `dist`. */
export async function writeKitPdfs(dist: string, base: string, servicePaths: readonly string[]): Promise<{ written: number; errors: string[] }> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: findChromium()!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors: string[] = [];
  let written = 0;
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN || !url.pathname.startsWith(prefix)) return route.abort();
      let path = decodeURIComponent(url.pathname.slice(prefix.length));
      if (path === '' || path.endsWith('/')) path += 'index.html';
      if (path.split('/').includes('..')) return route.abort();
      try {
        const body = await readFile(join(dist, path));
        return route.fulfill({ status: 200, body, contentType: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' });
      } catch {
        return route.fulfill({ status: 404, body: '' });
      }
    });
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    for (const path of servicePaths) {
      const folder = path.replace(/^\/+/, '');
      try {
        await page.goto(`${ORIGIN}${prefix}${folder}kit/`, { waitUntil: 'load' });
        await page.pdf({
          path: join(dist, decodeURIComponent(folder), KIT_PDF),
          format: 'A4',
          printBackground: true,
          margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
        });
        written++;
      } catch (error) {
        errors.push(`${folder}kit/: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
  }
  return { written, errors };
}
