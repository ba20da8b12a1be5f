/**
 * Worker thread: draws the authored diagrams it is sent (drawAhead in
 * diagram-render.ts) at low priority, with the Chromium it starts, and
 * answers with the drawings as [key, svg] entries.
 */
import { yieldToPages } from './background.ts';
import { drawAhead, type DiagramJob } from './diagram-render.ts';
import { serveJobs } from './worker-pool.ts';

yieldToPages();

serveJobs(async ({ jobs, root }: { jobs: Map<string, DiagramJob>; root: string | undefined }) => [...(await drawAhead(jobs, root))]);
