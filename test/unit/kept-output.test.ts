/**
 * Keeping the last build's output folder (src/lib/kept-output.ts): only a
 * finished build's folder is kept, by the same key, and afterwards nothing
 * this build neither wrote nor kept is left in it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { filesUnder } from '../../src/lib/dist-files.ts';
import { keptSummary, leaveOutputMark, outputKey, pageFiles, pruneOutput, takeOutputMark } from '../../src/lib/kept-output.ts';

let root: string;
let dist: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsbook-kept-'));
  dist = join(root, 'dist');
  mkdirSync(dist);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text = path): void {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

test('the mark of a finished build is taken once, and only for the same folder and key', () => {
  const key = outputKey({ base: '/', diagrams: 'build', kitPdf: false });
  const kept = (outDir: string, k: string) => takeOutputMark(root, outDir, k).kept;
  expect(kept(dist, key)).toBe(false); // no build finished yet
  leaveOutputMark(root, dist, key);
  expect(kept(dist, key)).toBe(true);
  // Taken: a build that stops before it leaves its own mark makes the next one start from an empty folder.
  expect(kept(dist, key)).toBe(false);
  leaveOutputMark(root, dist, key);
  expect(kept(dist, outputKey({ base: '/', diagrams: 'client', kitPdf: false }))).toBe(false);
  leaveOutputMark(root, dist, key);
  expect(kept(join(root, 'elsewhere'), key)).toBe(false);
});

test('the key follows every setting that shapes what the post-build steps write', () => {
  const keys = [
    outputKey({ base: '/', diagrams: 'build', kitPdf: false }),
    outputKey({ base: '/ops/', diagrams: 'build', kitPdf: false }),
    outputKey({ base: '/', diagrams: 'client', kitPdf: false }),
    outputKey({ base: '/', diagrams: 'build', kitPdf: true }),
  ];
  expect(new Set(keys).size).toBe(4);
  expect(outputKey({ base: '/', diagrams: 'build', kitPdf: false })).toBe(keys[0]);
});

test('pruning keeps what this build wrote and the pages Astro left in place, and removes the rest', () => {
  for (const path of ['runbooks/kept/index.html', 'runbooks/gone/index.html', '_astro/old.css', 'pagefind/pagefind-entry.json', 'only/stale/file.txt']) write(path);
  // All of that is from the last build; this one starts a little later (the file system's clock moves in ticks).
  const until = Date.now() + 50;
  while (Date.now() < until) {
    // let the clock move past the last build's files
  }
  const { startedMs } = takeOutputMark(root, dist, 'any');
  write('runbooks/changed/index.html');
  write('_astro/new.css');
  const reused = pageFiles(dist, new Map([['/runbooks/[...id]', [pathToFileURL(join(dist, 'runbooks/kept/index.html'))]]]));
  expect(reused).toEqual(new Set(['runbooks/kept/index.html']));
  const pruned = pruneOutput(dist, startedMs, reused);
  expect(pruned.kept).toBe(1);
  expect(pruned.removed.sort()).toEqual(['_astro/old.css', 'only/stale/file.txt', 'runbooks/gone/index.html']);
  const left = filesUnder(dist).map((f) => f.slice(dist.length + 1)).sort();
  expect(left).toEqual(['_astro/new.css', 'pagefind/pagefind-entry.json', 'runbooks/changed/index.html', 'runbooks/kept/index.html']);
  // Folders left empty go as well.
  expect(existsSync(join(dist, 'only'))).toBe(false);
  expect(existsSync(join(dist, 'runbooks/gone'))).toBe(false);
  expect(readFileSync(join(dist, 'runbooks/kept/index.html'), 'utf8')).toBe('runbooks/kept/index.html');
  // A file a later step writes again (a map, the offline worker) is not reported as removed.
  write('_astro/old.css');
  expect(keptSummary(dist, pruned)).toBe('Output folder: kept from the last build, 1 unchanged pages left in place; removed 2 files not built this time (only/stale/file.txt, runbooks/gone/index.html).');
});
