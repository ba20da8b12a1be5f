/**
 * A few worker threads working down one list of jobs: each worker is sent a
 * job, replies with its result, and is sent the next, so a slow job never
 * holds the others up. When the jobs run out (or `stop` says so) each worker
 * is sent `null` and closes its port (see `serveJobs`). A job whose worker
 * failed has no result: the caller does it some other way or reports it.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

export interface PoolOptions<R> {
  /** Workers at most; never more than the jobs, nor than the cores. */
  workers: number;
  workerData?: unknown;
  /** No job is started once a result makes this true (a failure, say). */
  stop?: (result: R) => boolean;
  /** Hears each result as it comes, before the others are done. */
  onResult?: (index: number, result: R) => void;
}

/** Runs `jobs` on workers started from `script`; results by job index, undefined where a worker failed. */
export async function runOnWorkers<J, R>(script: URL, jobs: readonly J[], options: PoolOptions<R>): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(jobs.length);
  if (!jobs.length) return results;
  let next = 0;
  let stopped = false;
  const run = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(script, { workerData: options.workerData });
      let current = -1;
      const send = () => {
        current = stopped || next >= jobs.length ? -1 : next++;
        worker.postMessage(current < 0 ? null : jobs[current]);
      };
      worker.on('message', (result: R) => {
        results[current] = result;
        options.onResult?.(current, result);
        if (options.stop?.(result)) stopped = true;
        send();
      });
      worker.on('error', () => void worker.terminate());
      worker.on('exit', () => resolve());
      send();
    });
  const count = Math.max(1, Math.min(options.workers, availableParallelism(), jobs.length));
  await Promise.all(Array.from({ length: count }, run));
  return results;
}

/** The worker's side: answers each job with `handle`, and on `null` runs `close` and lets the thread end. */
export function serveJobs<J, R>(handle: (job: J) => R | Promise<R>, close?: () => Promise<void>): void {
  parentPort!.on('message', async (job: J | null) => {
    if (job === null) {
      await close?.().catch(() => undefined);
      parentPort!.close();
      return;
    }
    parentPort!.postMessage(await handle(job));
  });
}
