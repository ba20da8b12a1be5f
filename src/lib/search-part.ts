/**
 * Indexes one part of the search index with Pagefind (see search-index.ts).
 * Pagefind's Node API runs one service process per module instance and
 * handles its indexes one after the other, on about one core; parts are
 * therefore indexed on worker threads (search-part-worker.ts), each with a
 * Pagefind of its own, two at a time on two cores.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { diagramsAsSource } from './diagram-html.ts';

/**
 * A catalogue map as Diagram.astro writes it: ignored by search, and most of
 * a document page's markup (its SVG is a third of a runbook's page), so it is
 * cut before Pagefind parses the page. The index is the same byte for byte;
 * indexing 2,500 runbook and operation pages of the 10,000-document bench
 * corpus took 3.1 to 3.3 s instead of 3.9 to 5.2 s (2026-12-05); without the
 * site's header and footer as well, Pagefind's share fell from 1.55 to 1.35 s
 * (2,431 pages, 2026-12-06).
 */
const MAP_FIGURE = /<figure class="diagram diagram-map" data-pagefind-ignore>[\s\S]*?<\/figure>/g;

/**
 * The page as Pagefind should read it, without the maps it ignores. Pagefind joins the text of adjacent
 * inline elements without a space, so a list of links written without white
 * space between them (alert names on a team page) would be indexed, and
 * quoted in excerpts, as one long word. Authored diagrams count as their
 * source, drawn or not (see diagram-html.ts): the index does not depend on
 * whether the drawing pass has reached a page. The page served is unchanged.
 */
export function indexableHtml(html: string): string {
  return diagramsAsSource(withoutChrome(html).replace(MAP_FIGURE, '')).replace(/(<\/(?:a|code)>)(?=<(?:a|code)[\s>])/g, '$1 ');
}

/**
 * The site's header and footer as Base.astro writes them (navigation, the
 * search box, the build date): outside every page's data-pagefind-body, and
 * a quarter of what Pagefind would otherwise parse of a runbook page. Each is
 * cut only when it holds nothing Pagefind reads outside the body (a filter,
 * metadata, a sort key) or takes a default from (a heading, an image).
 */
const CHROME = [/<header class="site-header" id="top">[\s\S]*?<\/header>/, /<footer class="site-footer">[\s\S]*?<\/footer>/];
const READ_OUTSIDE_BODY = /data-pagefind|<h1[\s>]|<img[\s>]/;

function withoutChrome(html: string): string {
  let out = html;
  for (const part of CHROME) {
    const found = part.exec(out);
    if (found && !READ_OUTSIDE_BODY.test(found[0])) out = out.slice(0, found.index) + out.slice(found.index + found[0].length);
  }
  return out;
}

export const INDEX_OPTIONS = { keepIndexUrl: false, writePlayground: false } as const;

/** What a merged part needs; its copy of Pagefind's scripts and WebAssembly is never loaded. */
const PART_FILES = /^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$/;

/** Pages handed to Pagefind before the first is indexed. */
const IN_FLIGHT = 16;

/** A hash of what Pagefind is handed for a page: what decides the page's share of its part. */
export function searchHash(indexable: string): string {
  return createHash('sha1').update(indexable).digest('hex');
}

/** One part to index: its pages (paths under dist) and where its files go. */
export interface PartJob {
  dist: string;
  paths: readonly string[];
  outputPath: string;
  part: number;
}

/** A part indexed: the errors, if any, and each page's searchHash, in the order of the job's paths. */
export interface PartResult {
  errors: string[];
  hashes: string[];
}

/** Indexes one part's pages and writes it to `outputPath`. */
export async function indexPart({ dist, paths, outputPath, part }: PartJob): Promise<PartResult> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  if (!index) return { errors: errors.length ? errors : ['Pagefind could not create an index.'], hashes: [] };
  // Several pages in flight: Pagefind parses them on its own threads while the next are read (18 s → 13 s at 10,000 documents).
  const failed: string[] = [];
  const hashes: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < paths.length && !failed.length) {
        const at = next++;
        const path = paths[at]!;
        const html = readFileSync(join(dist, path), 'utf8');
        // Every page handed here is a document's: one without its body marked would be indexed whole.
        if (!html.includes('data-pagefind-body')) {
          failed.push(`${path}: the page has no element marked data-pagefind-body, so its document cannot be indexed.`);
          break;
        }
        const content = indexableHtml(html);
        hashes[at] = searchHash(content);
        const added = await index.addHTMLFile({ sourcePath: path, content });
        failed.push(...added.errors.map((e) => `${path}: ${e}`));
      }
    }),
  );
  if (failed.length) return { errors: failed, hashes: [] };
  const written = await index.writeFiles({ outputPath });
  await index.deleteIndex().catch(() => undefined);
  if (!written.errors.length && part > 0) {
    for (const name of await readdir(outputPath)) if (!PART_FILES.test(name)) await rm(join(outputPath, name), { recursive: true, force: true });
  }
  return { errors: [...errors, ...written.errors], hashes };
}

/** Stops this thread's Pagefind service. */
export async function closePagefind(): Promise<void> {
  await pagefind.close();
}
