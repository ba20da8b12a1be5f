/**
 * A PDF of each service's incident kit, printed by Chromium from the built
 * page with print styles, beside it at /services/<id>/kit.pdf. Made when the
 * site asks for it (`kitPdf` in the config, OPSBOOK_KIT_PDF) and the build
 * draws diagrams with a browser (`diagrams`, OPSBOOK_DIAGRAMS).
 * One browser, two pages printing at once with JavaScript off, a time limit
 * per kit; the pages are served from dist/ through request interception, and
 * nothing else is fetched.
 *
 * A rebuild reuses the PDF of a kit whose page and every file the page
 * loaded when printed (styles, scripts, images) are byte for byte those of
 * the last print; when every kit is reused no browser starts. The cache sits
 * beside the site's output folder in .cache/opsbook/kit-pdf/ (or
 * OPSBOOK_KIT_PDF_CACHE_DIR; `0` turns it off).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { cachePath } from './cache-dir.ts';
import { diagramMode, findChromium } from './diagram-render.ts';
import type { ResolvedConfig } from '../core/config.ts';

/** The PDF beside a kit page, relative to the service's folder. */
export const KIT_PDF = 'kit.pdf';

/** OPSBOOK_KIT_PDF: `on` or `off` overrides the config's `kitPdf`; unset follows it. Anything else is refused with what to write. */
export function kitPdfOverride(env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const value = env.OPSBOOK_KIT_PDF;
  if (value === undefined || value === '') return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new Error(`OPSBOOK_KIT_PDF must be "on" or "off", not ${JSON.stringify(value)}. Unset it to follow kitPdf in opsbook.config.ts (off by default).`);
}

/**
 * Whether kits get a PDF in this build, and why (for the log line): when the
 * site asks for it (`kitPdf`, OPSBOOK_KIT_PDF) and the build draws diagrams
 * with a browser (`diagrams`, OPSBOOK_DIAGRAMS), so a build without one
 * stays browser-free.
 */
export function kitPdfChoice(config: Pick<ResolvedConfig, 'diagrams' | 'kitPdf'>, env: NodeJS.ProcessEnv = process.env): { enabled: boolean; reason: string } {
  // A PDF per service costs a browser print each on a cold build (the largest stage with hundreds of services), and a
  // browser's own print of the kit page makes the same file: printed only when asked for.
  const override = kitPdfOverride(env);
  if (override === false) return { enabled: false, reason: 'OPSBOOK_KIT_PDF=off' };
  if (override === undefined && !config.kitPdf) return { enabled: false, reason: 'off by default; kitPdf: true in opsbook.config.ts or OPSBOOK_KIT_PDF=on prints them' };
  try {
    const { mode, reason } = diagramMode(config, env);
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

/** Kits printed at once. */
const PRINTERS = 2;
/** A kit that takes longer than this to load or print fails (the build says which) rather than holding the build. */
const PAGE_TIMEOUT_MS = 120_000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

const PDF_OPTIONS = { format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } } as const;

const sha = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What a printed kit loaded: site path → hash of its bytes ('' for a file that was missing). */
type Loaded = Record<string, string>;

/** The printed kits of earlier builds, by the hash of the kit page. */
function pdfCache(dist: string): { dir: string; salt: string } | undefined {
  const setting = process.env.OPSBOOK_KIT_PDF_CACHE_DIR;
  if (setting === '0') return undefined;
  const chromium = findChromium();
  let browser = chromium ?? '';
  try {
    const stat = statSync(chromium!);
    browser += `:${stat.size}:${stat.mtimeMs}`;
  } catch {
    // no browser: nothing will be printed or reused
  }
  const require = createRequire(import.meta.url);
  const playwright = (require('playwright-core/package.json') as { version: string }).version;
  return { dir: setting ?? cachePath(dirname(dist), 'kit-pdf'), salt: sha(`${browser}\0${playwright}\0${JSON.stringify(PDF_OPTIONS)}`).slice(0, 16) };
}

async function fileHash(dist: string, path: string, hashes: Map<string, string>): Promise<string> {
  let hash = hashes.get(path);
  if (hash === undefined) {
    hash = await readFile(join(dist, path)).then(sha, () => '');
    hashes.set(path, hash);
  }
  return hash;
}

/** Prints the kit of each service page path (`/services/<id>/`, without the base) to `<path>kit.pdf` under `dist`. */
export async function writeKitPdfs(dist: string, base: string, servicePaths: readonly string[]): Promise<{ written: number; reused: number; errors: string[] }> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const cache = pdfCache(dist);
  const hashes = new Map<string, string>();
  const keyOf = (html: Buffer) => sha(`${cache?.salt}\0${prefix}\0${html.toString('latin1')}`);
  // Kits whose last print still holds: copied, not printed.
  const toPrint: string[] = [];
  let reused = 0;
  for (const path of servicePaths) {
    const folder = decodeURIComponent(path.replace(/^\/+/, ''));
    const html = cache && (await readFile(join(dist, folder, 'kit/index.html')).catch(() => undefined));
    if (cache && html) {
      const key = keyOf(html);
      const loaded = await readFile(join(cache.dir, `${key}.json`), 'utf8').then((t) => JSON.parse(t) as Loaded, () => undefined);
      let same = loaded !== undefined;
      for (const [file, hash] of Object.entries(loaded ?? {})) if (same && (await fileHash(dist, file, hashes)) !== hash) same = false;
      if (same && (await copyFile(join(cache.dir, `${key}.pdf`), join(dist, folder, KIT_PDF)).then(() => true, () => false))) {
        reused++;
        continue;
      }
    }
    toPrint.push(path);
  }
  if (!toPrint.length) return { written: reused, reused, errors: [] };
  if (cache) await mkdir(cache.dir, { recursive: true }).catch(() => undefined);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: findChromium()!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors: string[] = [];
  let written = reused;
  try {
    // Print styles need no script: pages are printed with JavaScript off (faster, and nothing on them runs).
    const context = await browser.newContext({ serviceWorkers: 'block', javaScriptEnabled: false });
    const queue = [...toPrint];
    // Two pages at once: a print is mostly the browser's layout and PDF writing, which a second core halves.
    const printer = async () => {
      const page = await context.newPage();
      let loaded: Loaded = {};
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== ORIGIN || !url.pathname.startsWith(prefix)) return route.abort();
        let path = decodeURIComponent(url.pathname.slice(prefix.length));
        if (path === '' || path.endsWith('/')) path += 'index.html';
        if (path.split('/').includes('..')) return route.abort();
        try {
          const body = await readFile(join(dist, path));
          loaded[path] = sha(body);
          return route.fulfill({ status: 200, body, contentType: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream' });
        } catch {
          loaded[path] = '';
          return route.fulfill({ status: 404, body: '' });
        }
      });
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const folder = path.replace(/^\/+/, '');
        try {
          loaded = {};
          await page.goto(`${ORIGIN}${prefix}${folder}kit/`, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
          const pdf = join(dist, decodeURIComponent(folder), KIT_PDF);
          await withTimeout(page.pdf({ path: pdf, ...PDF_OPTIONS }), PAGE_TIMEOUT_MS, `printing took longer than ${PAGE_TIMEOUT_MS / 1000} s`);
          written++;
          if (cache) {
            const html = await readFile(join(dist, decodeURIComponent(folder), 'kit/index.html'));
            const key = keyOf(html);
            // The record last: a half-written entry is never taken for a whole one.
            await copyFile(pdf, join(cache.dir, `${key}.pdf`))
              .then(() => writeFile(join(cache.dir, `${key}.json`), JSON.stringify(loaded)))
              .catch(() => undefined); // a read-only cache only costs time
          }
        } catch (error) {
          errors.push(`${folder}kit/: ${(error as Error).message.split('\n')[0]}`);
          // A page that timed out may still be busy: the next kit gets a fresh one.
          if (/took longer|Timeout/i.test((error as Error).message)) {
            await page.close().catch(() => undefined);
            return printer();
          }
        }
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: Math.min(PRINTERS, toPrint.length) }, printer));
  } finally {
    await browser.close();
  }
  return { written, reused, errors };
}
