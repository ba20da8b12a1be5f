/**
 * Worker thread: parses the Markdown bodies it is sent (a batch of
 * [tree name, text, firstLine]), writes the trees as one pack in the parse
 * cache folder (`workerData.dir`, see src/lib/tree-packs.ts) and answers
 * with the pack's name and the trees as JSON, in order, or null for a body
 * the parser refuses (the main thread parses it again and reports why). See
 * src/lib/parse-cache.ts.
 */
import { workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { serveJobs } from '../../lib/worker-pool.ts';
import { writePack } from '../../lib/tree-packs.ts';
import { parseTree } from './markdown.ts';

/** A batch's answer: the pack its trees were written to (none when it could not be written), and the trees. */
export interface ParsedBatch {
  pack: string | undefined;
  trees: (string | null)[];
}

const { dir } = workerData as { dir: string };

serveJobs((batch: [string, string, number][]): ParsedBatch => {
  const out: Diagnostic[] = [];
  const trees = batch.map(([, text, firstLine]) => {
    try {
      const tree = parseTree(text, { file: '', mdx: false, firstLine }, out);
      return tree ? JSON.stringify(tree) : null;
    } catch {
      return null;
    }
  });
  const parsed = batch.flatMap(([name], i) => (trees[i] === null ? [] : [[name, trees[i]!] as const]));
  return { pack: writePack(dir, parsed), trees };
});
