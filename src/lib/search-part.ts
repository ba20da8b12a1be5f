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
 * The page as Pagefind should read it, without what it ignores. Elements
 * marked data-pagefind-ignore (the catalogue maps, a third of a runbook
 * page's markup; the site's header and footer, which Base.astro marks; the
 * on-call card, breadcrumbs, backlinks, heading anchors) are cut before
 * Pagefind parses the page, each only when it holds nothing Pagefind reads
 * there all the same (a filter, metadata, a sort key, a body mark) or takes
 * a page's defaults from (a heading, an image). The index is the same byte
 * for byte. Pagefind joins the text of adjacent inline elements without a
 * space, so a list of links written without white space between them (alert
 * names on a team page) would be indexed, and quoted in excerpts, as one long
 * word. Authored diagrams count as their source, drawn or not (see
 * diagram-html.ts): the index does not depend on whether the drawing pass
 * has reached a page. The page served is unchanged.
 *
 * On the 10,000-document bench corpus, indexing 2,500 runbook and operation
 * pages took 3.1 to 3.3 s instead of 3.9 to 5.2 s once the maps were cut
 * (2026-12-05); Pagefind read one part of 2,598 pages (23.3 KB each whole,
 * 9.3 KB cut) in 2.1 to 2.3 s, against 2.5 s with only the maps, header and
 * footer cut and 3.0 to 3.2 s whole (2026-12-06).
 */
export function indexableHtml(html: string): string {
  return diagramsAsSource(withoutIgnored(html)).replace(/(<\/(?:a|code)>)(?=<(?:a|code)[\s>])/g, '$1 ');
}

/** An opening tag marked data-pagefind-ignore (any value), with its name. */
const IGNORED_OPEN = /<([a-z][a-z0-9-]*)(?=[\s/>])[^>]*?\sdata-pagefind-ignore(?=[\s=/>])[^>]*>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** What Pagefind reads inside an ignored element too, or takes a page's defaults from: such an element stays. */
const READ_WHEN_IGNORED = /data-pagefind-(?:filter|meta|sort|default-meta|body)|<h1[\s>]|<img[\s>]/;
/** The openings and closings of a tag name, one pattern per name. */
const tagPatterns = new Map<string, RegExp>();

/**
 * Cuts each element marked data-pagefind-ignore, found by counting the
 * openings and closings of its tag name after it (the site's HTML is
 * Astro's, well formed, and its text escapes "<"). One holding what
 * READ_WHEN_IGNORED names, or whose end is not found, is left for Pagefind.
 */
function withoutIgnored(html: string): string {
  let out = '';
  let from = 0;
  IGNORED_OPEN.lastIndex = 0;
  for (let open = IGNORED_OPEN.exec(html); open; open = IGNORED_OPEN.exec(html)) {
    const name = open[1]!;
    if (VOID.has(name) || open[0].endsWith('/>')) continue;
    let tags = tagPatterns.get(name);
    if (!tags) tagPatterns.set(name, (tags = new RegExp(`<(/?)${name}(?=[\\s/>])`, 'g')));
    tags.lastIndex = open.index + open[0].length;
    let depth = 1;
    let end = -1;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[1] ? -1 : 1;
      if (depth === 0) {
        end = html.indexOf('>', tag.index) + 1;
        break;
      }
    }
    if (end <= 0 || READ_WHEN_IGNORED.test(html.slice(open.index + open[0].length, end))) continue;
    out += html.slice(from, open.index);
    from = end;
    IGNORED_OPEN.lastIndex = end;
  }
  return from === 0 ? html : out + html.slice(from);
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
