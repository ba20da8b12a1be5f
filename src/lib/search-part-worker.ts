/**
 * Worker thread: indexes the search parts it is sent, one job per part (a
 * PartJob), with a Pagefind service of its own, and answers with the errors
 * (none when the part was written) and each page's hash. See search-part.ts.
 */
import { closePagefind, indexPart, type PartJob, type PartResult } from './search-part.ts';
import { serveJobs } from './worker-pool.ts';

serveJobs(async (job: PartJob): Promise<PartResult> => {
  try {
    return await indexPart(job);
  } catch (error) {
    return { errors: [`Pagefind failed on part ${job.part + 1}: ${(error as Error).message}`], hashes: [] };
  }
}, closePagefind);
