/**
 * Builds the Pagefind index of a built site through Pagefind's Node API. Only
 * pages marked data-pagefind-body (the documents) are indexed, and only
 * their body and metadata. Any indexing error is returned, for the build to fail on.
 */
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface IndexResult {
  pages: number;
  errors: string[];
}

export async function writeSearchIndex(dist: string): Promise<IndexResult> {
  try {
    const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false, writePlayground: false });
    if (!index) return { pages: 0, errors: errors.length ? errors : ['Pagefind could not create an index.'] };
    const added = await index.addDirectory({ path: dist });
    if (added.errors.length) return { pages: added.page_count, errors: added.errors };
    const written = await index.writeFiles({ outputPath: join(dist, 'pagefind') });
    return { pages: added.page_count, errors: [...errors, ...written.errors] };
  } finally {
    await pagefind.close();
  }
}
