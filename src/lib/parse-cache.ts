/**
 * Markdown trees kept between runs in .cache/opsbook/markdown/, one file per
 * distinct body (named by a hash of the body, its first line and a version of
 * the parser code and the lockfile), so `check`, `audit` and a rebuild parse
 * only the bodies that changed. OPSBOOK_PARSE_CACHE=0 turns it off. A file
 * that cannot be read or written only costs a parse.
 *
 * Bodies it does not hold are parsed ahead on worker threads, one per core
 * (`warm`), when there are enough of them to pay for starting the workers:
 * a cold check of 10,000 documents spent 15 of its 26 s parsing, on one core.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Root } from 'mdast';
import type { MarkdownBody, ParseCache } from '../core/load/markdown.ts';
import type { KeptYaml } from '../core/load/yaml.ts';
import { openProject, type Project } from '../core/project.ts';
import { cachePath, sourceVersion } from './cache-dir.ts';
import { runOnWorkers } from './worker-pool.ts';

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
  let stored: Set<string>;
  try {
    stored = new Set(readdirSync(dir));
  } catch {
    stored = new Set();
  }
  const used = new Set<string>();
  const fresh = new Map<string, string>();
  /** Trees the workers parsed, as JSON, until a document asks for them. */
  const ahead = new Map<string, string>();
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
    get(text, firstLine) {
      const file = name(text, firstLine);
      used.add(file);
      const parsed = ahead.get(file);
      if (parsed !== undefined) {
        ahead.delete(file); // the worker has written it to the cache
        stats.parsed++;
        stats.ahead++;
        return JSON.parse(parsed) as Root;
      }
      if (!stored.has(file)) return undefined;
      try {
        const tree = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Root;
        stats.reused++;
        return tree;
      } catch {
        return undefined; // unreadable or cut short: parsed again and written anew
      }
    },
    set(text, firstLine, tree) {
      const file = name(text, firstLine);
      used.add(file);
      stats.parsed++;
      // Serialised now: later steps change the tree (heading ids, a title heading dropped).
      fresh.set(file, JSON.stringify(tree));
    },
    async warm(bodies) {
      const todo = new Map<string, MarkdownBody>();
      for (const body of bodies) {
        const file = name(body.text, body.firstLine);
        if (!stored.has(file) && !ahead.has(file)) todo.set(file, body);
      }
      if (todo.size < (options.parallelFrom ?? PARALLEL_FROM)) return;
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return; // no cache folder: the main thread parses, as without a cache
      }
      for (const [file, json] of await parseOnWorkers(dir, [...todo])) ahead.set(file, json);
    },
    async save() {
      try {
        mkdirSync(dir, { recursive: true });
        // Written under a temporary name first: a run stopped half-way leaves no half file.
        const writes = [...fresh].map(([file, json]) => async () => {
          await writeFile(join(dir, `${file}.tmp`), json);
          await rename(join(dir, `${file}.tmp`), join(dir, file));
        });
        const removals = [...stored].filter((file) => !used.has(file)).map((file) => () => rm(join(dir, file), { force: true }));
        const jobs = [...writes, ...removals];
        for (let i = 0; i < jobs.length; i += 64) await Promise.all(jobs.slice(i, i + 64).map((job) => job()));
      } catch {
        // A cache that cannot be written only costs the next run its parse.
      }
      fresh.clear();
      verdicts.save();
      frontmatter.save();
    },
  };
}

/**
 * Parses bodies on one worker per core (up to four), in batches handed out
 * as workers finish; each worker writes the trees it parses to the cache
 * folder itself (on the main thread, 10,000 writes held up every other file
 * call of the build for seconds). A body a worker could not parse, or every
 * body of a worker that failed, is simply missing from the result: the main
 * thread parses it.
 */
async function parseOnWorkers(dir: string, bodies: [string, MarkdownBody][]): Promise<Map<string, string>> {
  const batches: [string, MarkdownBody][][] = [];
  for (let i = 0; i < bodies.length; i += BATCH) batches.push(bodies.slice(i, i + BATCH));
  const jobs = batches.map((batch) => batch.map(([file, body]) => [file, body.text, body.firstLine] as const));
  const results = await runOnWorkers<(typeof jobs)[number], (string | null)[]>(new URL('../core/load/parse-worker.ts', import.meta.url), jobs, { workers: 4, workerData: { dir } });
  const trees = new Map<string, string>();
  results.forEach((jsons, b) => jsons?.forEach((json, i) => json !== null && trees.set(batches[b]![i]![0], json)));
  return trees;
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
