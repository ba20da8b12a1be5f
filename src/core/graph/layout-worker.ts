/**
 * Worker thread: lays out the maps it is sent, in order, and posts each
 * layout back (see layout-store.ts). A message is a batch of [key, spec].
 */
import { parentPort } from 'node:worker_threads';
import type { MapSpec } from './diagrams.ts';
import { layoutMap } from './layout.ts';
import { storeLayout } from './layout-store.ts';
import { yieldToPages } from '../../lib/background.ts';

yieldToPages(true);

parentPort!.on('message', async (batch: [string, MapSpec][]) => {
  const done: [string, ReturnType<typeof storeLayout> | null][] = [];
  for (const [key, spec] of batch) {
    try {
      done.push([key, storeLayout(await layoutMap(spec))]);
    } catch {
      done.push([key, null]); // the page lays it out itself and reports the error
    }
  }
  parentPort!.postMessage(done);
});
