/**
 * Worker thread: draws the authored diagrams of the bodies it is sent
 * (drawAhead in diagram-render.ts) at low priority, with the Chromium it
 * starts, and answers with the drawings as [key, svg] entries.
 */
import { yieldToPages } from './background.ts';
import { drawAhead } from './diagram-render.ts';
import { serveJobs } from './worker-pool.ts';

yieldToPages();

serveJobs(async ({ bodies, root }: { bodies: { html: string; where: string }[]; root: string | undefined }) => [...(await drawAhead(bodies, root))]);
