/**
 * A rebuild keeps the last build's output folder instead of emptying it.
 * Astro leaves a page it can reuse (its cache key and code unchanged) where
 * it is when the file is there, and otherwise copies it back from its cache:
 * at 10,000 documents emptying dist/ took 4 s and copying 14,660 pages back
 * 12 s of a 46 s one-file rebuild.
 *
 * Only a finished build's output is kept, and only by a build whose own
 * steps after Astro's (diagrams drawn into pages, maps, search, offline
 * copy) would write what the kept pages hold: the last build leaves a mark
 * in .cache/opsbook/ with a key of the code and settings of those steps,
 * and every build removes that mark when it starts. Once Astro is done and
 * before Opsbook's steps read the folder, whatever in it this build neither
 * wrote nor reused is removed (`pruneOutput`): a page whose document went
 * does not stay behind, nor do last build's files that Opsbook's steps
 * write again.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath, sourceVersion } from './cache-dir.ts';

const MARK = 'output.json';

/** Folders a step of Opsbook's keeps itself: the search index (moved in and out whole, its files' times are old), the map files. */
const MANAGED = ['pagefind', '_opsbook/maps'];

interface Mark {
  outDir: string;
  key: string;
}

/** The code and settings that decide what Opsbook's own steps write into built pages. */
export function outputKey(settings: { base: string; diagrams: string; kitPdf: boolean }): string {
  const here = (path: string) => new URL(path, import.meta.url);
  let mermaid = 'unknown';
  try {
    mermaid = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;
  } catch {
    // counted as unknown
  }
  return sourceVersion(
    [here('./'), here('./offline/'), here('../scripts/'), here('../core/graph/'), here('../integration.ts')],
    settings.base,
    settings.diagrams,
    String(settings.kitPdf),
    mermaid,
  );
}

/**
 * Whether this build may keep the output folder, decided as it starts: the
 * last build finished, into the same folder, with the same key. The mark is
 * removed either way, so a build that stops half-way leaves none. `startedMs`
 * is the file system's own time at this moment (a file is written and its
 * status-change time read), what files this build writes are compared with.
 */
export function takeOutputMark(root: string, outDir: string, key: string): { kept: boolean; startedMs: number } {
  const file = cachePath(root, MARK);
  let mark: Mark | undefined;
  try {
    mark = JSON.parse(readFileSync(file, 'utf8')) as Mark;
  } catch {
    // no build finished here, or its mark is unreadable
  }
  rmSync(file, { force: true });
  const stamp = cachePath(root, 'output-started');
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  const startedMs = statSync(stamp).ctimeMs;
  return { kept: mark?.outDir === outDir && mark.key === key && existsSync(outDir), startedMs };
}

/** Left by a build that finished, for the next to keep its output. */
export function leaveOutputMark(root: string, outDir: string, key: string): void {
  const file = cachePath(root, MARK);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ outDir, key } satisfies Mark));
}

export interface Pruned {
  /** Files of the last build kept as they were (the pages Astro reused). */
  kept: number;
  /** Files no step of this build wrote or kept, removed. */
  removed: string[];
}

/**
 * Removes from a kept output folder every file older than this build that is
 * not one of the pages Astro reused (`reused`: paths under dist). Files this
 * build wrote are no older than `startedMs` (their status-change time: a
 * copy or rename made now counts as now, whatever times it carries); folders
 * in MANAGED are left to the step that keeps them. Folders left empty go too.
 */
export function pruneOutput(dist: string, startedMs: number, reused: ReadonlySet<string>): Pruned {
  const result: Pruned = { kept: 0, removed: [] };
  const walk = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(dist, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (MANAGED.includes(rel) || !walk(path)) empty = false;
        else rmdirSync(path);
        continue;
      }
      if (statSync(path).ctimeMs >= startedMs) {
        empty = false;
      } else if (reused.has(rel)) {
        result.kept++;
        empty = false;
      } else {
        rmSync(path, { force: true });
        result.removed.push(rel);
      }
    }
    return empty;
  };
  if (existsSync(dist)) walk(dist);
  return result;
}

/** The files of Astro's pages in this build, as paths under dist (from astro:build:done's `assets`). */
export function pageFiles(dist: string, assets: Map<string, URL[]>): Set<string> {
  const files = new Set<string>();
  for (const urls of assets.values()) for (const url of urls) files.add(relative(dist, fileURLToPath(url)).split(sep).join('/'));
  return files;
}

/** The build log's line: pages left in place, and the files of the last build that no step wrote again. */
export function keptSummary(dist: string, pruned: Pruned): string {
  const gone = pruned.removed.filter((path) => !existsSync(join(dist, path)));
  const list = gone.length ? `; removed ${gone.length} file${gone.length === 1 ? '' : 's'} not built this time (${gone.slice(0, 3).join(', ')}${gone.length > 3 ? ', …' : ''})` : '';
  return `Output folder: kept from the last build, ${pruned.kept} unchanged pages left in place${list}.`;
}
