/**
 * Builds the Pagefind index of a built site through Pagefind's Node API. Only
 * pages marked data-pagefind-body (the documents) are indexed, and only
 * their body and metadata. Errors are returned for the build to fail on; so is
 * an index that misses documents.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface IndexResult {
  /** Documents in the written index. */
  indexed: number;
  errors: string[];
}

function indexedCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

export async function writeSearchIndex(dist: string, expectedDocuments: number): Promise<IndexResult> {
  try {
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false, writePlayground: false });
    if (!index) return { indexed: 0, errors: errors.length ? errors : ['Pagefind could not create an index.'] };
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length) return { indexed: 0, errors: added.errors };
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
