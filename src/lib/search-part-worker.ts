/**
 * Worker thread: indexes the search parts it is sent, one message per part
 * (a PartJob), with a Pagefind service of its own, and posts back the
 * errors (none when the part was written). See search-part.ts.
 */
import { parentPort } from 'node:worker_threads';
import { closePagefind, indexPart, type PartJob } from './search-part.ts';

parentPort!.on('message', async (job: PartJob | 'close') => {
  if (job === 'close') {
    await closePagefind().catch(() => undefined);
    parentPort!.close();
    return;
  }
  let errors: string[];
  try {
    errors = await indexPart(job);
  } catch (error) {
    errors = [`Pagefind failed on part ${job.part + 1}: ${(error as Error).message}`];
  }
  parentPort!.postMessage(errors);
});
