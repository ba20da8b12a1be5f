/**
 * Writes the service worker that keeps runbooks readable when the site
 * cannot be reached (src/lib/offline/ holds what it saves up front, what a
 * page needs, and the worker itself). Its version is a hash of every file
 * of the build, so each deploy that changes anything gets a cache of its own.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { filesUnder } from './dist-files.ts';
import type { OutputDigest } from './output-digest.ts';
import { upfrontBudget, upfrontSet, type UpfrontSet } from './offline/upfront.ts';
import { serviceWorkerSource } from './offline/worker.ts';

/**
 * A hash of every file of the build (the worker itself aside), in a stable
 * order: of each path and a hash of its bytes, which `digest` keeps for
 * files unchanged since an earlier build.
 */
export function offlineVersion(dist: string, digest?: OutputDigest): string {
  const hash = createHash('sha256');
  const paths = filesUnder(dist)
    .map((f) => relative(dist, f).split(sep).join('/'))
    .filter((p) => p !== 'sw.js')
    .sort();
  for (const path of paths) hash.update(path).update('\0').update(fileSha(join(dist, path), digest)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function fileSha(file: string, digest?: OutputDigest): string {
  const facts = digest?.facts(file) ?? {};
  facts.sha ??= createHash('sha256').update(readFileSync(file)).digest('hex');
  return facts.sha;
}

/**
 * Hashes into `digest` every file of the build but the search index's, for
 * offlineVersion: the build calls it while the index is still being written
 * (its own work is on other threads), so only the index is left to hash
 * after (at 10,000 documents, 311 MB: about 1.5 s off the end of a cold
 * build). A file written after this is hashed again, its identity having
 * changed (output-digest.ts).
 */
export function hashOutputAhead(dist: string, digest: OutputDigest): void {
  for (const file of filesUnder(dist)) {
    const path = relative(dist, file).split(sep).join('/');
    if (path !== 'sw.js' && !path.startsWith('pagefind/')) fileSha(file, digest);
  }
}

export interface WrittenWorker extends UpfrontSet {
  version: string;
  budget: number;
}

/**
 * `candidates`: site paths (without base) of the documents that may be kept
 * up front, most urgent first; `kinds`: their kinds, whose listings are part
 * of the shell.
 */
export async function writeServiceWorker(dist: string, base: string, builtAt: string, candidates: readonly string[], kinds: readonly string[], budget = upfrontBudget(), digest?: OutputDigest): Promise<WrittenWorker> {
  const set = upfrontSet(dist, base, candidates, budget, kinds);
  const version = offlineVersion(dist, digest);
  await writeFile(join(dist, 'sw.js'), serviceWorkerSource(set.urls, version, builtAt, base));
  return { ...set, version, budget };
}

/** The build log's line about the offline copy. */
export function offlineSummary(w: WrittenWorker): string {
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  const documents = w.kept === w.of ? `all ${w.of} up-front documents` : `the ${w.kept} most urgent of ${w.of} up-front documents`;
  const over = w.shellOverBudget ? ` The site's shell alone is over the ${kb(w.budget)} budget.` : '';
  return `Offline copy: a first visit saves ${w.urls.length} files (${kb(w.gzipped)} compressed, budget ${kb(w.budget)}): the shell and ${documents} with their files, team and service pages; other pages are saved as they are read (version ${w.version}).${over}`;
}
