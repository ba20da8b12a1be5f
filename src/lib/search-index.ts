/**
 * Builds the Pagefind index of a built site through Pagefind's Node API. Only
 * pages marked data-pagefind-body (the documents) are indexed, and only
 * their body and metadata. Errors are returned for the build to fail on; so is
 * an index that misses documents.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { filesUnder } from './dist-files.ts';

/**
 * The page as Pagefind should read it. Pagefind joins the text of adjacent
 * inline elements without a space, so a list of links written without white
 * space between them (alert names on a team page) would be indexed, and
 * quoted in excerpts, as one long word. The page served is unchanged.
 */
export function indexableHtml(html: string): string {
  return html.replace(/(<\/(?:a|code)>)(?=<(?:a|code)[\s>])/g, '$1 ');
}

export interface IndexResult {
  /** Documents in the written index. */
  indexed: number;
  errors: string[];
}

function indexedCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Pages handed to Pagefind before the first is indexed. */
const IN_FLIGHT = 16;

export async function writeSearchIndex(dist: string, expectedDocuments: number): Promise<IndexResult> {
  try {
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false, writePlayground: false });
    if (!index) return { indexed: 0, errors: errors.length ? errors : ['Pagefind could not create an index.'] };
    // Several pages in flight: Pagefind parses them on its own threads while the next are read (18 s → 13 s at 10,000 documents).
    const files = filesUnder(dist, '.html');
    const failed: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < files.length && !failed.length) {
          const file = files[next++]!;
          const html = readFileSync(file, 'utf8');
          if (!html.includes('data-pagefind-body')) continue;
          const added = await index.addHTMLFile({ sourcePath: relative(dist, file).split(sep).join('/'), content: indexableHtml(html) });
          failed.push(...added.errors.map((e) => `${relative(dist, file)}: ${e}`));
        }
      }),
    );
    if (failed.length) return { indexed: 0, errors: failed };
    const outputPath = join(dist, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    const all = [...errors, ...written.errors];
    if (all.length) return { indexed: 0, errors: all };
    const indexed = indexedCount(outputPath);
    if (indexed !== expectedDocuments) all.push(`The search index holds ${indexed} pages but the site has ${expectedDocuments} documents.`);
    return { indexed, errors: all };
  } finally {
    await pagefind.close();
  }
}
