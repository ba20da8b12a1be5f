/**
 * Markdown trees kept between runs in .cache/opsbook/markdown/ (in packs, see
 * tree-packs.ts), one per distinct body (named by a hash of the body, its
 * first line and a version of the parser code and the lockfile), so `check`,
 * `audit` and a rebuild parse only the bodies that changed.
 * OPSBOOK_PARSE_CACHE=0 turns it off. A file that cannot be read or written
 * only costs a parse.
 *
 * Bodies it does not hold are parsed ahead on worker threads, one per core
 * (`warm`), when there are enough of them to pay for starting the workers:
 * a cold check of 10,000 documents spent 15 of its 26 s parsing, on one core.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Root } from 'mdast';
import type { MarkdownBody, ParseCache } from '../core/load/markdown.ts';
import type { KeptYaml } from '../core/load/yaml.ts';
import { openProject, type Project } from '../core/project.ts';
import { cachePath, sourceVersion } from './cache-dir.ts';
import { runOnWorkers } from './worker-pool.ts';
import { openTreePacks, type TreePacks } from './tree-packs.ts';
import type { ParsedBatch } from '../core/load/parse-worker.ts';

const CODE = ['../core/load/markdown.ts', '../markdown/pipeline.ts', '../../package-lock.json'];
/** What decides Mermaid's verdict on a diagram: its version (in the lockfile) and how the check calls it. */
const VERDICT_CODE = ['../core/validate/mermaid-check.ts', '../../package-lock.json'];
/** What decides a frontmatter parse: the YAML reading code and the YAML library's version. */
const YAML_CODE = ['../core/load/yaml.ts', '../../package-lock.json'];

/** Fewer new bodies than this are parsed on the main thread: starting a worker costs about 0.3 s. */
const PARALLEL_FROM = 200;
const BATCH = 50;

export interface StoredParseCache extends ParseCache {
  /** Trees read from the cache, parsed this run, and of those how many on worker threads. */
  readonly stats: { reused: number; parsed: number; ahead: number };
  /** Writes the new trees and removes those no document used this run. */
  save(): Promise<void>;
}

export function parseCache(root: string, options: { parallelFrom?: number } = {}): StoredParseCache | undefined {
  if (process.env.OPSBOOK_PARSE_CACHE === '0') return undefined;
  const dir = cachePath(root, 'markdown');
  const version = sourceVersion(CODE.map((file) => new URL(file, import.meta.url)));
  const packs = openTreePacks(dir);
  /** Trees the workers parsed, as JSON, until a document asks for them. */
  const ahead = new Map<string, string>();
  /** Bodies on a worker now, by file name: the promise resolves when their batch is back. */
  const coming = new Map<string, Promise<void>>();
  const stats = { reused: 0, parsed: 0, ahead: 0 };
  const name = (text: string, firstLine: number) => `${createHash('sha1').update(version).update(`\0${firstLine}\0`).update(text).digest('hex')}.json`;
  const hashOf = (...parts: (string | number)[]) => createHash('sha1').update(parts.join('\0')).digest('hex');
  const verdicts = keptRecords<string | null>(cachePath(root, 'mermaid-verdicts.json'), sourceVersion(VERDICT_CODE.map((path) => new URL(path, import.meta.url))));
  const frontmatter = keptRecords<KeptYaml>(cachePath(root, 'frontmatter.json'), sourceVersion(YAML_CODE.map((path) => new URL(path, import.meta.url))));
  return {
    stats,
    verdict: (source) => verdicts.get(hashOf(source)),
    setVerdict: (source, error) => verdicts.set(hashOf(source), error),
    getYaml: (text, firstLine) => frontmatter.get(hashOf(firstLine, text)),
    setYaml: (text, firstLine, kept) => frontmatter.set(hashOf(firstLine, text), kept),
    parsing: (text, firstLine) => coming.get(name(text, firstLine)),
    get(text, firstLine) {
      const file = name(text, firstLine);
      const parsed = ahead.get(file);
      if (parsed !== undefined) {
        ahead.delete(file); // the worker has written it to the cache
        stats.parsed++;
        stats.ahead++;
        return JSON.parse(parsed) as Root;
      }
      const json = packs.take(file);
      if (json === undefined) return undefined;
      try {
        const tree = JSON.parse(json) as Root;
        stats.reused++;
        return tree;
      } catch {
        return undefined; // cut short: parsed again and written anew
      }
    },
    set(text, firstLine, tree) {
      stats.parsed++;
      // Serialised now: later steps change the tree (heading ids, a title heading dropped).
      packs.add(name(text, firstLine), JSON.stringify(tree));
    },
    async warm(bodies) {
      const todo = new Map<string, MarkdownBody>();
      for (const body of bodies) {
        const file = name(body.text, body.firstLine);
        if (!packs.has(file) && !ahead.has(file)) todo.set(file, body);
      }
      if (todo.size < (options.parallelFrom ?? PARALLEL_FROM)) return;
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return; // no cache folder: the main thread parses, as without a cache
      }
      await parseOnWorkers(dir, [...todo], coming, packs, (file, json) => ahead.set(file, json));
    },
    async save() {
      packs.save();
      verdicts.save();
      frontmatter.save();
    },
  };
}

/**
 * Parses bodies on one worker per core (up to four), in batches handed out
 * in order as workers finish; each worker writes the trees it parses to the
 * cache folder itself, a pack per batch (on the main thread, 10,000 writes
 * held up every other file call of the build for seconds). Each tree is
 * handed to `take` as its batch comes back, and the batch's entries in
 * `coming` are then removed and resolved, so the main thread validates the first documents while the last
 * are parsed. A body a worker could not parse, or every body of a worker
 * that failed, is simply not taken: the main thread parses it.
 */
async function parseOnWorkers(dir: string, bodies: [string, MarkdownBody][], coming: Map<string, Promise<void>>, packs: TreePacks, take: (file: string, json: string) => void): Promise<void> {
  const batches: { files: string[]; done: () => void; back: boolean }[] = [];
  const jobs: (readonly [string, string, number])[][] = [];
  for (let i = 0; i < bodies.length; i += BATCH) {
    const batch = bodies.slice(i, i + BATCH);
    let done!: () => void;
    const back = new Promise<void>((resolve) => (done = resolve));
    for (const [file] of batch) coming.set(file, back);
    batches.push({ files: batch.map(([file]) => file), done, back: false });
    jobs.push(batch.map(([file, body]) => [file, body.text, body.firstLine] as const));
  }
  const arrived = (b: number, result: ParsedBatch | undefined) => {
    const { files, done } = batches[b]!;
    batches[b]!.back = true;
    const parsed = (result?.trees ?? []).flatMap((json, i) => (json === null ? [] : [[files[i]!, json] as const]));
    for (const [file, json] of parsed) take(file, json);
    // In the worker's pack; or, where it could not write one, kept by this thread at save.
    if (result?.pack) packs.placed(parsed.map(([file]) => file), result.pack);
    else for (const [file, json] of parsed) packs.add(file, json);
    for (const file of files) coming.delete(file);
    done();
  };
  try {
    await runOnWorkers<(typeof jobs)[number], ParsedBatch>(new URL('../core/load/parse-worker.ts', import.meta.url), jobs, { workers: 4, workerData: { dir }, onResult: arrived });
  } finally {
    // A batch whose worker failed never came back: its bodies are parsed on the main thread.
    for (const [b, batch] of batches.entries()) if (!batch.back) arrived(b, undefined);
  }
}

/** openProject with the trees of earlier runs, leaving this run's for the next. */
export async function openCachedProject(root: string): Promise<Project> {
  const cache = parseCache(root);
  const project = await openProject(root, cache);
  await cache?.save();
  return project;
}

/**
 * Small results kept in one file, by a hash of what they were worked out
 * from, for the version of the code that did it: Mermaid's verdicts on
 * diagram sources (loading Mermaid and parsing 152 distinct diagrams took
 * about 2 s of a 7 s check at 10,000 documents), and clean frontmatter
 * parses (2 s). Only those asked for in a run are kept for the next.
 */
function keptRecords<T>(file: string, version: string): { get(key: string): T | undefined; set(key: string, value: T): void; save(): void } {
  let known: Record<string, T> | undefined;
  const used: Record<string, T> = {};
  let changed = false;
  return {
    get(key) {
      if (!known) {
        try {
          const saved = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; records?: Record<string, T> } | null;
          known = saved?.version === version && typeof saved.records === 'object' && saved.records !== null ? saved.records : {};
        } catch {
          known = {};
        }
      }
      const value = known[key];
      if (value !== undefined) used[key] = value;
      return value;
    },
    set(key, value) {
      used[key] = value;
      changed = true;
    },
    save() {
      // Rewritten when a record is new or one is no longer used; a run that changed nothing writes nothing.
      if (!changed && Object.keys(used).length === Object.keys(known ?? {}).length) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp`, JSON.stringify({ version, records: used }));
        renameSync(`${file}.tmp`, file);
        changed = false;
      } catch {
        // not kept: the next run works them out again
      }
    },
  };
}
