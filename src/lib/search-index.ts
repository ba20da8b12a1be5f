/**
 * Builds the Pagefind index of a built site through Pagefind's Node API. The
 * documents' pages are indexed (the model names them, so no other page is
 * read), each by the part of it marked data-pagefind-body and its metadata.
 * Errors are returned for the build to fail on: a document's page missing or
 * without that mark, or an index that misses documents.
 *
 * A large site's index is written in parts (PART_PAGES pages each, a page's
 * part fixed by its path), which the reader's browser merges with Pagefind's
 * `mergeIndex`: the first part at pagefind/, the others at
 * pagefind/parts/<n>/, listed in pagefind/opsbook-parts.json. Each part is
 * known by a hash of its pages; before a build empties the output folder, the
 * last build's parts are moved to .cache/opsbook/search/, and a part whose
 * pages are unchanged is moved back instead of indexed again
 * (OPSBOOK_SEARCH_CACHE=0 turns this off). Parts are cut by a hash of the
 * path, not by kind, so each holds a like mix of pages and their ranking
 * statistics stay comparable when results are merged. New parts are indexed
 * on worker threads, two at a time (see search-part.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cachePath } from './cache-dir.ts';
import { runOnWorkers } from './worker-pool.ts';
import type { OutputDigest } from './output-digest.ts';
import { indexableHtml, INDEX_OPTIONS, searchHash, type PartJob, type PartResult } from './search-part.ts';
import { PARTS_FILE } from '../scripts/search-parts.ts';

export { indexableHtml } from './search-part.ts';

export interface IndexResult {
  /** Documents in the written index. */
  indexed: number;
  errors: string[];
  /** Parts the index was written in, and how many of them came from an earlier build. */
  parts: number;
  reused: number;
}

export interface IndexOptions {
  /** Where parts are kept between builds; null keeps none. Default: .cache/opsbook/search/ beside dist. */
  cacheDir?: string | null;
  /** Pages per part (OPSBOOK_SEARCH_PART_PAGES, default PART_PAGES). */
  partPages?: number;
  /** What earlier builds learnt of each page: a page it knows is not read to be hashed. */
  digest?: OutputDigest;
}

/**
 * Pages per part: the rebuild against the first search on a phone. At 10,000
 * documents (bench corpus, 2026-12-02), re-indexing the part an edit touches
 * took 4.4 s with parts of 1,000 pages and 6.8 s with parts of 2,500, and a
 * first search fetched 570 KB in 52 requests with ten parts, 351 KB in 28
 * with four, 306 KB in 16 with one index: each part adds its own metadata,
 * filters and a chunk per query word.
 */
export const PART_PAGES = 2500;
/** Never more parts than this, so a first search on a phone stays a handful of requests. */
export const MAX_PARTS = 16;

/** OPSBOOK_SEARCH_PART_PAGES, a whole number of pages; anything else is refused with what to do. */
export function searchPartPages(env: Record<string, string | undefined> = process.env): number {
  const raw = env.OPSBOOK_SEARCH_PART_PAGES;
  if (raw === undefined || raw === '') return PART_PAGES;
  const pages = Number(raw);
  if (!Number.isInteger(pages) || pages < 1) throw new Error(`OPSBOOK_SEARCH_PART_PAGES must be a whole number of pages (1 or more), not "${raw}". Unset it for the default of ${PART_PAGES}.`);
  return pages;
}

export function partCount(pages: number, partPages = PART_PAGES): number {
  return Math.min(MAX_PARTS, Math.max(1, Math.ceil(pages / Math.max(1, partPages))));
}

/** The part a page's path falls in: a hash, so adding pages never moves the others. */
export function partOf(path: string, parts: number): number {
  return createHash('sha1').update(path).digest().readUInt32BE(0) % parts;
}

/** A part's folder under the site: the first is Pagefind's usual place. */
export function partFolder(part: number): string {
  return part === 0 ? 'pagefind' : `pagefind/parts/${part + 1}`;
}

function indexedCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Parts indexed at once, each by a Pagefind of its own on a worker thread (Pagefind keeps about one core busy). */
const PARTS_AT_ONCE = 2;

interface Page {
  /** Path under dist, with forward slashes. */
  path: string;
  /** searchHash of what Pagefind is handed for it; undefined until a step has read the page. */
  hash: string | undefined;
}

function cacheSetting(dist: string, options: IndexOptions): string | null {
  if (options.cacheDir !== undefined) return options.cacheDir;
  return process.env.OPSBOOK_SEARCH_CACHE === '0' ? null : cachePath(dirname(dist), 'search');
}

/** The installed Pagefind's version (its package exports no package.json, so it is found on the module paths). */
function findPagefindVersion(): string {
  for (const dir of createRequire(import.meta.url).resolve.paths('pagefind') ?? []) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'pagefind', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this folder
    }
  }
  return 'unknown';
}

let pagefindVersion: string | undefined;

/** What decides a part's files: Pagefind's version and options, and each page's path and text. */
function partKey(pages: readonly Page[], first: boolean): string {
  pagefindVersion ??= findPagefindVersion();
  const hash = createHash('sha256').update(`${pagefindVersion}\0${JSON.stringify(INDEX_OPTIONS)}\0${first}\0`);
  for (const page of pages) hash.update(`${page.path}\0${page.hash}\0`);
  return hash.digest('hex').slice(0, 32);
}

/** Where the last build put each part, so the next can take them back before its output folder is emptied. */
const MANIFEST = 'parts.json';

interface Placed {
  folder: string;
  key: string;
}

/** Moves a folder; across file systems, copies it. */
async function move(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Takes the last build's parts out of the output folder into the cache, by
 * their keys, before the build empties it (called by the integration once
 * content is valid, and again when the index is written). Moved, not copied:
 * at 10,000 documents a copy of the index's 10,000 small files took 9 s.
 */
export async function keepLastIndex(dist: string, options: IndexOptions = {}): Promise<void> {
  const cacheDir = cacheSetting(dist, options);
  if (!cacheDir) return;
  const manifest = join(cacheDir, MANIFEST);
  let placed: Placed[];
  try {
    placed = JSON.parse(readFileSync(manifest, 'utf8')) as Placed[];
  } catch {
    return; // no earlier build kept an index
  }
  // The parts nested in the first come out before it; what the build added to the first goes.
  for (const { folder, key } of [...placed].reverse()) {
    const from = join(dist, folder);
    if (!existsSync(join(from, 'pagefind-entry.json'))) continue;
    if (folder === partFolder(0)) {
      await rm(join(dist, PARTS_FILE), { force: true });
      await rm(join(from, 'parts'), { recursive: true, force: true });
    }
    await move(from, join(cacheDir, key)).catch(() => undefined); // a part not kept is only indexed again
  }
  await rm(manifest, { force: true });
}

/** Whether the last build kept any part in the cache (keepLastIndex moved them there, by key). */
function hasKeptParts(cacheDir: string): boolean {
  return readdirSync(cacheDir, { withFileTypes: true }).some((e) => e.isDirectory() && /^[0-9a-f]{32}$/.test(e.name));
}

/**
 * Indexes the site's document pages (`documentPages`: their files' paths
 * under dist, forward slashes, as the model names them), reusing the parts
 * of the last build whose pages are unchanged.
 */
export async function writeSearchIndex(dist: string, documentPages: readonly string[], options: IndexOptions = {}): Promise<IndexResult> {
  const partPages = options.partPages ?? searchPartPages();
  const cacheDir = cacheSetting(dist, options);
  await keepLastIndex(dist, options);
  const missing = documentPages.filter((path) => !existsSync(join(dist, path)));
  if (missing.length) return { indexed: 0, errors: missing.map((path) => `${path}: the page of a document is missing from the site.`), parts: 0, reused: 0 };
  // A part is reused when its pages are unchanged, which its pages' hashes tell; the digest knows those of pages
  // unchanged since the last build. The others are hashed now only when there is a kept part to compare with:
  // otherwise (a cold build) each is hashed by the worker that indexes it, in the same read.
  const reusable = cacheDir !== null && existsSync(cacheDir) && hasKeptParts(cacheDir);
  const pages: Page[] = [...documentPages].sort().map((path) => {
    const facts = options.digest?.facts(join(dist, path)) ?? {};
    if (typeof facts.search !== 'string' && reusable) facts.search = searchHash(indexableHtml(readFileSync(join(dist, path), 'utf8')));
    return { path, hash: typeof facts.search === 'string' ? facts.search : undefined };
  });
  const buckets: Page[][] = Array.from({ length: partCount(pages.length, partPages) }, () => []);
  for (const page of pages) buckets[partOf(page.path, buckets.length)]!.push(page);
  // A small site can leave a bucket empty; Pagefind writes no index for none, so parts are the buckets that hold pages.
  const parts = buckets.length === 1 ? buckets : buckets.filter((b) => b.length);
  const count = parts.length;

  const plan = parts.map((members, part) => {
    const key = members.every((m) => m.hash !== undefined) ? partKey(members, part === 0) : undefined;
    const kept = cacheDir && key ? join(cacheDir, key) : undefined;
    return { part, members, kept, folder: partFolder(part), reuse: kept !== undefined && existsSync(join(kept, 'pagefind-entry.json')) };
  });
  const reused = plan.filter((p) => p.reuse).length;
  // New parts are written apart, under a temporary name, and moved whole: a half-written part is never
  // taken for one, and the first part's folder (which holds the others) is not written while they are.
  const staging = cacheDir ? undefined : await mkdtemp(join(tmpdir(), 'opsbook-search-'));
  const fresh = plan.filter((p) => !p.reuse).map((p) => ({ ...p, out: cacheDir ? join(cacheDir, `new-${p.part}.partial`) : join(staging!, String(p.part)) }));
  for (const { out } of fresh) await rm(out, { recursive: true, force: true });
  const jobs: PartJob[] = fresh.map(({ part, members, out }) => ({ dist, paths: members.map((m) => m.path), outputPath: out, part }));
  // After a part fails no other is started (those have no result); otherwise a part without one lost its worker.
  const results = await runOnWorkers<PartJob, PartResult>(new URL('./search-part-worker.ts', import.meta.url), jobs, { workers: PARTS_AT_ONCE, stop: (result) => result.errors.length > 0 });
  const failed = results.flatMap((r) => r?.errors ?? []);
  const lost = results.findIndex((r) => r === undefined);
  const errors = failed.length ? failed : lost >= 0 ? [`Indexing part ${jobs[lost]!.part + 1} stopped before it was written.`] : [];
  const placed: Placed[] = [];
  let indexed = 0;
  if (!errors.length) {
    // Each new part is kept by the hashes of its pages, which its worker made when it read them.
    for (const [i, item] of fresh.entries()) {
      const { hashes } = results[i]!;
      item.members.forEach((member, m) => {
        member.hash = hashes[m]!;
        // Asked again: a page whose diagrams were drawn meanwhile is a new file, with the same search hash.
        if (options.digest) options.digest.facts(join(dist, member.path)).search = member.hash;
      });
      if (!cacheDir) continue;
      item.kept = join(cacheDir, partKey(item.members, item.part === 0));
      await move(item.out, item.kept);
    }
    // In part order: the first part's folder is emptied when it is moved in, the others go inside it.
    for (const { part, members, folder } of plan) {
      const target = join(dist, folder);
      const from = fresh.find((f) => f.part === part)?.kept ?? plan[part]!.kept ?? join(staging!, String(part));
      await move(from, target);
      placed.push({ folder, key: partKey(members, part === 0) });
      indexed += indexedCount(target);
    }
  }
  if (staging) await rm(staging, { recursive: true, force: true });
  if (errors.length) return { indexed: 0, errors, parts: count, reused };
  const rest = placed.slice(1).map((p) => `${p.folder}/`);
  await writeFile(join(dist, PARTS_FILE), `${JSON.stringify(rest)}\n`);
  if (cacheDir) {
    // Every part in use is now in the output folder: what is left, no build uses.
    for (const name of await readdir(cacheDir).catch(() => [] as string[])) await rm(join(cacheDir, name), { recursive: true, force: true });
    await mkdir(cacheDir, { recursive: true });
    await writeFile(join(cacheDir, MANIFEST), JSON.stringify(placed));
  }
  if (indexed !== documentPages.length) errors.push(`The search index holds ${indexed} pages but the site has ${documentPages.length} documents.`);
  return { indexed, errors, parts: count, reused };
}
