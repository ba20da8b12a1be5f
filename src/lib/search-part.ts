/**
 * Indexes one part of the search index with Pagefind (see search-index.ts).
 * Pagefind's Node API runs one service process per module instance and
 * handles its indexes one after the other, on about one core; parts are
 * therefore indexed on worker threads (search-part-worker.ts), each with a
 * Pagefind of its own, two at a time on two cores.
 */
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { diagramsAsSource } from './diagram-html.ts';

/**
 * The page as Pagefind should read it. Pagefind joins the text of adjacent
 * inline elements without a space, so a list of links written without white
 * space between them (alert names on a team page) would be indexed, and
 * quoted in excerpts, as one long word. Authored diagrams count as their
 * source, drawn or not (see diagram-html.ts): the index does not depend on
 * whether the drawing pass has reached a page. The page served is unchanged.
 */
export function indexableHtml(html: string): string {
  return diagramsAsSource(html).replace(/(<\/(?:a|code)>)(?=<(?:a|code)[\s>])/g, '$1 ');
}

export const INDEX_OPTIONS = { keepIndexUrl: false, writePlayground: false } as const;

/** What a merged part needs; its copy of Pagefind's scripts and WebAssembly is never loaded. */
const PART_FILES = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;

/** Pages handed to Pagefind before the first is indexed. */
const IN_FLIGHT = 16;

/** One part to index: its pages (paths under dist) and where its files go. */
export interface PartJob {
  dist: string;
  paths: readonly string[];
  outputPath: string;
  part: number;
}

/** Indexes one part's pages and writes it to `outputPath`; the errors, if any. */
export async function indexPart({ dist, paths, outputPath, part }: PartJob): Promise<string[]> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  if (!index) return errors.length ? errors : ['Pagefind could not create an index.'];
  // Several pages in flight: Pagefind parses them on its own threads while the next are read (18 s → 13 s at 10,000 documents).
  const failed: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < paths.length && !failed.length) {
        const path = paths[next++]!;
        const added = await index.addHTMLFile({ sourcePath: path, content: indexableHtml(readFileSync(join(dist, path), 'utf8')) });
        failed.push(...added.errors.map((e) => `${path}: ${e}`));
      }
    }),
  );
  if (failed.length) return failed;
  const written = await index.writeFiles({ outputPath });
  await index.deleteIndex().catch(() => undefined);
  if (!written.errors.length && part > 0) {
    for (const name of await readdir(outputPath)) if (!PART_FILES.test(name)) await rm(join(outputPath, name), { recursive: true, force: true });
  }
  return [...errors, ...written.errors];
}

/** Stops this thread's Pagefind service. */
export async function closePagefind(): Promise<void> {
  await pagefind.close();
}
