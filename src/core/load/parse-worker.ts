/**
 * Worker thread: parses the Markdown bodies it is sent (a batch of
 * [cache file name, text, firstLine]), writes each tree to the parse cache
 * folder (`workerData.dir`) and answers with the trees as JSON, in order, or
 * null for a body the parser refuses (the main thread parses it again and
 * reports why). See src/lib/parse-cache.ts.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { serveJobs } from '../../lib/worker-pool.ts';
import { parseTree } from './markdown.ts';

const { dir } = workerData as { dir: string };

serveJobs((batch: [string, string, number][]) => {
  const out: Diagnostic[] = [];
  return batch.map(([file, text, firstLine]) => {
    let json: string;
    try {
      const tree = parseTree(text, { file: '', mdx: false, firstLine }, out);
      if (!tree) return null;
      json = JSON.stringify(tree);
    } catch {
      return null;
    }
    try {
      // Under a temporary name first, as the main thread writes them: a run stopped half-way leaves no half file.
      writeFileSync(join(dir, `${file}.tmp`), json);
      renameSync(join(dir, `${file}.tmp`), join(dir, file));
    } catch {
      // a tree not kept is only parsed again next time
    }
    return json;
  });
});
