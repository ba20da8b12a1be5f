/**
 * Finishes the diagrams of a built site. Authored diagrams (the
 * `<pre class="mermaid-source">` blocks of documents) are drawn to inline SVG
 * at build time in one shared Chromium page (Mermaid measures text in a real
 * DOM); each is replaced by its SVG, nodes linked, with the source kept in a
 * <details>. When no browser is available the blocks stay, and the reader's
 * browser draws them from the site's own copy of Mermaid (client mode).
 * Generated maps are already inline SVG (drawn in Node as pages render); this
 * pass publishes each one as a file of its own, for "Open full size".
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { MAP_FILES_DIR, mapStats } from '../core/graph/maps.ts';
import { standaloneSvg } from '../core/graph/svg-map.ts';
import { linkDiagramNodes } from '../scripts/diagram-links.ts';
import { MIN_LABEL_PX, setReadableMinWidth } from '../scripts/diagram-width.ts';
import { filesUnder } from './dist-files.ts';
import { runOnWorkers } from './worker-pool.ts';
import { DRAWN_MARK, drawnDiagram, SOURCE_BLOCK } from './diagram-html.ts';
import type { FileFacts, OutputDigest } from './output-digest.ts';

export type DiagramMode = 'build' | 'client';

export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  flowchart: { htmlLabels: false, useMaxWidth: true },
  fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
} as const;

/** Where the site's own copy of Mermaid is published in client mode. */
export const CLIENT_MERMAID_DIR = '_opsbook/mermaid';

/** A generated map on a page: its key and inline SVG. */
const MAP = /<div class="diagram-svg diagram-map-frame" data-map="([0-9a-f]+)">(<svg[\s\S]*?<\/svg>)<\/div>/g;

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const candidate of [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** `auto` picks build-time rendering when a Chromium is found. */
export function chooseMode(setting: string | undefined, chromium: string | undefined): { mode: DiagramMode; reason: string } {
  if (setting === 'client') return { mode: 'client', reason: 'diagrams set to "client"' };
  if (setting === 'build') {
    if (!chromium) throw new Error('Diagrams are set to render at build time, but no Chromium was found. Install Debian\'s chromium or set CHROMIUM_PATH, or set diagrams to "client".');
    return { mode: 'build', reason: `diagrams set to "build" (${chromium})` };
  }
  return chromium ? { mode: 'build', reason: `found ${chromium}` } : { mode: 'client', reason: 'no Chromium found (set CHROMIUM_PATH to render at build time)' };
}

/** This build's choice: OPSBOOK_DIAGRAMS, else the config's `diagrams`, against the Chromium found. */
export function diagramMode(config: { diagrams: string }, env: NodeJS.ProcessEnv = process.env): { mode: DiagramMode; reason: string } {
  return chooseMode(env.OPSBOOK_DIAGRAMS ?? config.diagrams, findChromium(env));
}

function decodeHtml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
}

function linksOf(attributes: string): Record<string, string> {
  const match = /data-links="([^"]*)"/.exec(attributes);
  return match ? (JSON.parse(decodeHtml(match[1]!)) as Record<string, string>) : {};
}

/** A diagram's key: what shapes its drawing (the source and its node links). */
function diagramKey(source: string, links: Record<string, string>): string {
  return createHash('sha1').update(source).update(JSON.stringify(links)).digest('hex').slice(0, 12);
}

export interface DiagramJob {
  source: string;
  links: Record<string, string>;
  /** Where it was found, for an error. */
  where: string;
}

/** The authored diagrams of a page or body, as the renderer writes them. */
export function authoredDiagrams(html: string): { key: string; source: string; links: Record<string, string> }[] {
  if (!html.includes('mermaid-source')) return [];
  return [...html.matchAll(SOURCE_BLOCK)].map((match) => {
    const source = decodeHtml(match[2]!);
    const links = linksOf(match[1]!);
    return { key: diagramKey(source, links), source, links };
  });
}

/** Each distinct authored diagram of these pages or bodies, by key, with the first place it was found. */
export function diagramJobs(sources: Iterable<{ html: string; where: string }>): Map<string, DiagramJob> {
  const jobs = new Map<string, DiagramJob>();
  for (const { html, where } of sources) {
    for (const found of authoredDiagrams(html)) if (!jobs.has(found.key)) jobs.set(found.key, { source: found.source, links: found.links, where });
  }
  return jobs;
}

/**
 * Draws authored diagrams while the rest of the build goes on: started once
 * content is valid, from the same HTML the pages show, so the pass after the
 * pages finds them drawn instead of starting a browser then (at 10,000
 * documents, 152 diagrams took 13 s). One browser page, so the pages' own
 * rendering keeps a core. Never fails: a diagram not drawn here (an error, no
 * browser) is drawn, or its error reported, by the pass after the pages.
 */
export async function drawAhead(jobs: Map<string, DiagramJob>, root?: string): Promise<ReadonlyMap<string, string>> {
  const cache = diagramCache(root);
  for (const key of [...jobs.keys()]) if (cache.has(key)) jobs.delete(key);
  const svgs = new Map<string, string>();
  if (jobs.size) await drawInBrowser(jobs, svgs, cache, { rendered: 0, errors: [] }, 1).catch(() => undefined);
  return svgs;
}

/** drawAhead on a worker thread of low priority (background.ts), so the Chromium it starts gives way to the pages. */
export async function drawAheadInBackground(sources: Iterable<{ html: string; where: string }>, root?: string): Promise<ReadonlyMap<string, string>> {
  const jobs = diagramJobs(sources);
  if (!jobs.size) return new Map();
  const [drawn] = await runOnWorkers<{ jobs: Map<string, DiagramJob>; root: string | undefined }, [string, string][]>(new URL('./diagram-ahead-worker.ts', import.meta.url), [{ jobs, root }], { workers: 1 });
  return new Map(drawn ?? []);
}

export interface RenderReport {
  mode: DiagramMode;
  reason: string;
  /** Authored diagrams on pages still to draw (as source). */
  diagrams: number;
  /** Authored diagrams already drawn in pages kept from the last build. */
  drawnBefore: number;
  /** Generated maps on pages (drawn in Node, in either mode). */
  maps: number;
  /** Distinct generated maps, each published as a file. */
  mapFiles: number;
  /** Milliseconds this build spent laying out and drawing generated maps. */
  mapMs: number;
  /** Distinct sources drawn in this build (those drawn while pages rendered included). */
  rendered: number;
  /** Distinct sources drawn while pages rendered (drawAhead). */
  ahead: number;
  /** Distinct sources taken from the cache of earlier builds. */
  cached: number;
  errors: string[];
}

/** Publishes Mermaid's ESM build (without source maps) for client-side rendering. */
async function publishClientMermaid(dist: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mermaid/package.json'));
  const target = join(dist, CLIENT_MERMAID_DIR);
  await cp(join(root, 'dist/mermaid.esm.min.mjs'), join(target, 'mermaid.esm.min.mjs'));
  await cp(join(root, 'dist/chunks/mermaid.esm.min'), join(target, 'chunks/mermaid.esm.min'), { recursive: true, filter: (source) => !source.endsWith('.map') });
}

/**
 * Drawn SVGs are kept between builds, keyed by everything that shapes them
 * (the source, the node links, Mermaid's version and settings, the linking
 * code), so a rebuild draws only the diagrams that changed. They live in
 * node_modules/.cache/opsbook-diagrams (OPSBOOK_DIAGRAM_CACHE_DIR moves it,
 * OPSBOOK_DIAGRAM_CACHE=0 turns it off).
 */
function diagramCache(root: string | undefined): { has(key: string): boolean; get(key: string): string | undefined; set(key: string, svg: string): void } {
  const off = { has: () => false, get: () => undefined, set: () => undefined };
  if (!root || process.env.OPSBOOK_DIAGRAM_CACHE === '0') return off;
  const require = createRequire(import.meta.url);
  const version = (require('mermaid/package.json') as { version: string }).version;
  const salt = createHash('sha1').update(version).update(JSON.stringify(MERMAID_CONFIG)).update(linkDiagramNodes.toString()).update(`${setReadableMinWidth.toString()}${MIN_LABEL_PX}`).digest('hex').slice(0, 8);
  const dir = join(process.env.OPSBOOK_DIAGRAM_CACHE_DIR ?? join(root, 'node_modules/.cache/opsbook-diagrams'), salt);
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return off;
  }
  return {
    has: (key) => existsSync(join(dir, `${key}.svg`)),
    get: (key) => {
      try {
        return readFileSync(join(dir, `${key}.svg`), 'utf8');
      } catch {
        return undefined;
      }
    },
    set: (key, svg) => {
      try {
        writeFileSync(join(dir, `${key}.svg`), svg);
      } catch {
        // a read-only cache only costs time
      }
    },
  };
}

/**
 * `digest`: what earlier builds learnt of each page (lib/output-digest.ts). A
 * page it knows, with no diagram left to draw, is not read again; the map
 * files of pages not read are those already published. `ahead`: the
 * drawings of drawAhead, by key.
 */
/**
 * A match as a string of its own. V8 keeps a substring as a slice of the
 * whole page, so a map key kept in the digest held its page in memory until
 * the build ended: at 10,000 documents, 440 MB of pages after the pages were
 * written (the heap's live size after them 961 MB with slices, 518 MB without).
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

export async function renderSiteDiagrams(dist: string, mode: DiagramMode, reason: string, root?: string, digest?: OutputDigest, ahead?: Promise<ReadonlyMap<string, string>>): Promise<RenderReport> {
  const pages = filesUnder(dist, '.html');
  const report: RenderReport = { mode, reason, diagrams: 0, drawnBefore: 0, maps: 0, mapFiles: 0, mapMs: Math.round(mapStats().ms), rendered: 0, ahead: 0, cached: 0, errors: [] };
  const withDiagrams: { file: string; html: string; facts: FileFacts }[] = [];
  /** Every map shown, and the SVG of those on the pages read. */
  const shown = new Map<string, string[]>();
  const svgOf = new Map<string, string>();
  const read = (file: string, facts: FileFacts): string => {
    // Read synchronously: an awaited read per page costs 4 s at 14,674 pages, against 0.6 s.
    const html = readFileSync(file, 'utf8');
    facts.maps = [];
    if (html.includes('data-map="')) {
      for (const [, key, svg] of html.matchAll(MAP)) {
        const own = ownCopy(key!);
        facts.maps.push(own);
        if (!svgOf.has(own)) svgOf.set(own, ownCopy(svg!));
      }
    }
    facts.sources = html.includes('mermaid-source') ? [...html.matchAll(SOURCE_BLOCK)].length : 0;
    facts.drawn = html.split(DRAWN_MARK).length - 1;
    return html;
  };
  for (const file of pages) {
    const facts = digest?.facts(file) ?? {};
    if (facts.maps === undefined || facts.sources === undefined || facts.drawn === undefined || (mode === 'build' && facts.sources > 0)) {
      const html = read(file, facts);
      if (facts.sources) withDiagrams.push({ file, html, facts });
    }
    for (const key of facts.maps!) shown.set(key, [...(shown.get(key) ?? []), file]);
    report.maps += facts.maps!.length;
    report.diagrams += facts.sources!;
    report.drawnBefore += facts.drawn!;
  }
  await publishMaps(dist, shown, svgOf);
  report.mapFiles = shown.size;
  if (report.diagrams === 0) return report;
  if (mode === 'client') {
    await publishClientMermaid(dist);
    return report;
  }

  // Each distinct authored diagram is drawn once; those drawn while pages rendered, and earlier builds' drawings, are reused.
  const jobs = diagramJobs(withDiagrams.map((item) => ({ html: item.html, where: item.file.slice(dist.length) })));
  const svgs = new Map<string, string>();
  const early = ahead ? await ahead : new Map<string, string>();
  const cache = diagramCache(root);
  for (const [key] of jobs) {
    const svg = early.get(key) ?? cache.get(key);
    if (svg === undefined) continue;
    svgs.set(key, svg);
    if (early.has(key)) {
      report.rendered++;
      report.ahead++;
    } else report.cached++;
    jobs.delete(key);
  }
  if (jobs.size) await drawInBrowser(jobs, svgs, cache, report);
  for (const item of withDiagrams) {
    let drawn = 0;
    const html = item.html.replace(SOURCE_BLOCK, (whole, attributes: string, code: string) => {
      const svg = svgs.get(diagramKey(decodeHtml(code), linksOf(attributes)));
      if (!svg) return whole;
      drawn++;
      return drawnDiagram(svg, code);
    });
    // Replaced whole, never rewritten in place: the search index reads these pages meanwhile.
    writeFileSync(`${item.file}.tmp`, html);
    renameSync(`${item.file}.tmp`, item.file);
    // What search hashes does not change with drawing (lib/diagram-html.ts), so that carries over; the bytes' hash does not.
    const { search, maps, sources, drawn: before } = item.facts;
    digest?.replaced(item.file, { search, maps, sources: sources! - drawn, drawn: before! + drawn });
  }
  return report;
}

/**
 * Publishes each map shown as a file of its own, for "Open full size", and
 * removes those no page shows any more. A map's key is a hash of what it
 * shows, so a file already there is that map; one missing whose pages were
 * not read (a file removed by hand) is taken from one of its pages.
 */
async function publishMaps(dist: string, shown: ReadonlyMap<string, string[]>, svgOf: Map<string, string>): Promise<void> {
  const folder = join(dist, MAP_FILES_DIR);
  const present = new Set(existsSync(folder) ? readdirSync(folder) : []);
  if (shown.size) await mkdir(folder, { recursive: true });
  for (const [key, files] of shown) {
    if (present.delete(`${key}.svg`)) continue;
    let svg = svgOf.get(key);
    for (const file of files) {
      if (svg) break;
      for (const [, found, drawn] of readFileSync(file, 'utf8').matchAll(MAP)) if (found === key) svg = drawn;
    }
    if (svg) writeFileSync(join(folder, `${key}.svg`), standaloneSvg(svg));
  }
  for (const stale of present) rmSync(join(folder, stale), { force: true });
}

/** Draws the authored diagrams no cache holds, in a pool of pages (one per core) in one browser. */
async function drawInBrowser(jobs: Map<string, DiagramJob>, svgs: Map<string, string>, cache: ReturnType<typeof diagramCache>, report: Pick<RenderReport, 'rendered' | 'errors'>, pages = Math.min(4, availableParallelism())): Promise<void> {
  const { chromium } = await import('playwright-core');
  const require = createRequire(import.meta.url);
  const browser = await chromium.launch({
    executablePath: findChromium()!,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const queue = [...jobs];
    const worker = async () => {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
      await page.evaluate((config) => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize(config), MERMAID_CONFIG);
      await page.addScriptTag({ content: `window.linkDiagramNodes = ${linkDiagramNodes.toString()};\nwindow.setReadableMinWidth = ${setReadableMinWidth.toString()};` });
      for (let job = queue.shift(); job; job = queue.shift()) {
        const [key, { source, links, where }] = job;
        try {
          const svg = await page.evaluate(
            async ({ id, source, links, minLabel }) => {
              const w = window as unknown as {
                mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
                linkDiagramNodes: (c: Element, l: Record<string, string>) => number;
                setReadableMinWidth: (svg: SVGSVGElement, px: number) => number;
              };
              const { svg } = await w.mermaid.render(id, source);
              const holder = document.createElement('div');
              holder.innerHTML = svg;
              w.linkDiagramNodes(holder, links);
              // Measured in the document, where the diagram's styles give its text a size.
              document.body.append(holder);
              const root = holder.querySelector('svg');
              if (root) w.setReadableMinWidth(root, minLabel);
              holder.remove();
              return holder.innerHTML;
            },
            { id: `diagram-${key}`, source, links, minLabel: MIN_LABEL_PX },
          );
          svgs.set(key, svg);
          cache.set(key, svg);
          report.rendered++;
        } catch (error) {
          report.errors.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: Math.max(1, pages) }, worker));
  } finally {
    await browser.close();
  }
}
