/**
 * The offline copy's first-visit cost: the URLs the service worker fetches
 * before anything is read (its PRECACHE list in sw.js) and their size as
 * stored and gzip-compressed, beside what saving every runbook and alert
 * page up front would cost. `npm run bench` calls it with its own build and
 * also builds the corpus at 1,000 and 10,000 documents (diagrams left to the
 * browser, which does not change what is saved up front; set
 * OPSBOOK_BENCH_OFFLINE_SIZES to another comma list, or to nothing to skip).
 * Alone: `node scripts/bench-offline.ts [--docs 1000,10000]`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { filesUnder } from '../src/lib/dist-files.ts';
import { distFile, upfrontSet } from '../src/lib/offline/upfront.ts';
import { writeCorpus } from './bench/corpus.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface FirstVisit {
  documents: number;
  runbooks: number;
  urls: number;
  bytes: number;
  gzipped: number;
  /** Runbook pages in the up-front set. */
  runbooksKept: number;
  /** The shell alone (no document bundle), gzipped. */
  shell: number;
  /** What every runbook and alert page, the home page and the site's CSS/JS would cost up front. */
  everything: { urls: number; gzipped: number };
}

function sizes(dist: string, paths: readonly string[]): { bytes: number; gzipped: number } {
  let bytes = 0;
  let gzipped = 0;
  for (const path of paths) {
    const content = readFileSync(join(dist, path));
    bytes += content.length;
    gzipped += gzipSync(content).length;
  }
  return { bytes, gzipped };
}

/** Measures a built site (base `/`) from its sw.js. */
export function firstVisit(dist: string, documents: number): FirstVisit {
  const urls = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(readFileSync(join(dist, 'sw.js'), 'utf8'))![1]!) as string[];
  const own = sizes(dist, urls.map((u) => distFile(u)));
  const all = filesUnder(dist).map((f) => relative(dist, f).split(sep).join('/'));
  const runbookPages = all.filter((p) => /^runbooks\/.+\/index\.html$/.test(p));
  const everything = all.filter((p) => p === 'index.html' || p === 'theme-init.js' || /^(runbooks|alerts)\/.*index\.html$/.test(p) || /^_astro\/.*\.(css|js)$/.test(p));
  return {
    documents,
    runbooks: runbookPages.length,
    urls: urls.length,
    ...own,
    runbooksKept: urls.filter((u) => /^\/runbooks\/.+\/$/.test(u)).length,
    shell: upfrontSet(dist, '/', [], 0, ['runbooks']).gzipped,
    everything: { urls: everything.length, gzipped: sizes(dist, everything).gzipped },
  };
}

/** Generates the benchmark corpus at `documents` and builds it in `work`; undefined when the build fails. */
function buildAt(work: string, documents: number, services: number, zones: number): string | undefined {
  const site = join(work, `offline-${documents}`);
  mkdirSync(site, { recursive: true });
  writeCorpus(site, { documents, services, zones });
  symlinkSync(join(ROOT, 'node_modules'), join(site, 'node_modules'), 'dir');
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(site, file));
  for (const folder of ['src', 'public']) cpSync(join(ROOT, folder), join(site, folder), { recursive: true });
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', site], {
    cwd: site,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OPSBOOK_NOW: '2026-11-23', OPSBOOK_DIAGRAMS: 'client' },
  });
  if (result.status !== 0) {
    console.log(`Build at ${documents} documents failed:\n${`${result.stdout}${result.stderr}`.split('\n').slice(-20).join('\n')}`);
    return undefined;
  }
  return join(site, 'dist');
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

/** Prints the first-visit table: the given build, then the corpus at each extra size. */
export function benchOffline(options: { dist?: string; documents: number; services: number; zones: number; work: string; sizes?: number[] }): FirstVisit[] {
  const env = process.env.OPSBOOK_BENCH_OFFLINE_SIZES;
  const extra = options.sizes ?? (env === undefined ? [1000, 10000] : env.split(',').filter(Boolean).map(Number));
  const rows: FirstVisit[] = [];
  if (options.dist && existsSync(join(options.dist, 'sw.js'))) rows.push(firstVisit(options.dist, options.documents));
  for (const documents of extra) {
    if (documents === options.documents && rows.length) continue;
    process.stdout.write(`offline: building ${documents} documents… `);
    const started = performance.now();
    const dist = buildAt(options.work, documents, options.services, options.zones);
    console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (dist) rows.push(firstVisit(dist, documents));
    rmSync(join(options.work, `offline-${documents}`), { recursive: true, force: true });
  }
  rows.sort((a, b) => a.documents - b.documents);
  console.log('\nOffline copy, first visit (what the service worker fetches before anything is read; gzip as a host sends it)');
  console.log('| documents | runbooks | up-front URLs | stored | gzipped | of which the shell | runbooks kept up front | every runbook and alert page instead |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.documents} | ${r.runbooks} | ${r.urls} | ${kb(r.bytes)} | ${kb(r.gzipped)} | ${kb(r.shell)} | ${r.runbooksKept} | ${r.everything.urls} URLs, ${kb(r.everything.gzipped)} |`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseOptions } = await import('./args.ts');
  const { values } = parseOptions(
    { docs: { type: 'string', default: '1000,10000' }, services: { type: 'string', default: '300' }, zones: { type: 'string', default: '10' } },
    'Usage: node scripts/bench-offline.ts [--docs 1000,10000] [--services N] [--zones N]',
  );
  const work = mkdtempSync(join(tmpdir(), 'opsbook-bench-offline-'));
  try {
    benchOffline({ documents: 0, services: Number(values.services), zones: Number(values.zones), work, sizes: values.docs.split(',').map(Number) });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
