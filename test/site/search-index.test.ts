import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { writeSearchIndex } from '../../src/lib/search-index.ts';
import { builtSite } from '../helpers/site.ts';

test('the index holds exactly the document pages; one that misses documents is an error', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'opsbook-index-'));
  try {
    cpSync(builtSite('valid').dist, copy, { recursive: true });
    rmSync(join(copy, 'pagefind'), { recursive: true, force: true });
    expect(await writeSearchIndex(copy, 10)).toEqual({ indexed: 10, errors: [] });
    rmSync(join(copy, 'runbooks'), { recursive: true });
    expect(await writeSearchIndex(copy, 10)).toEqual({ indexed: 8, errors: ['The search index holds 8 pages but the site has 10 documents.'] });
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});
