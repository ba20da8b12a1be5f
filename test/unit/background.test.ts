/** Work beside the pages runs at low priority, and so do the processes it starts (Linux: nice is per thread). */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { expect, test } from 'vitest';

const nice = (stat: string) => Number(readFileSync(stat, 'utf8').split(') ')[1]!.split(' ')[16]);

test.runIf(process.platform === 'linux')('a worker that yields to the pages runs below them, its child process too, and the page thread keeps its priority', async () => {
  const code = `
    const { yieldToPages } = await import(${JSON.stringify(new URL('../../src/lib/background.ts', import.meta.url).href)});
    const { parentPort, workerData } = await import('node:worker_threads');
    const { spawn } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    yieldToPages(workerData.urgent);
    const child = spawn('sleep', ['5']);
    const tid = readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0];
    parentPort.postMessage({ tid, child: child.pid });
    parentPort.once('message', () => { child.kill(); process.exit(0); });`;
  for (const [urgent, expected] of [[false, 19], [true, 10]] as const) {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { workerData: { urgent } });
    const { tid, child } = await new Promise<{ tid: string; child: number }>((resolve) => worker.once('message', resolve));
    expect(nice(`/proc/${process.pid}/task/${tid}/stat`)).toBe(expected);
    expect(nice(`/proc/${child}/stat`)).toBe(expected);
    expect(nice(`/proc/thread-self/stat`)).toBe(0);
    worker.postMessage('done');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
});
