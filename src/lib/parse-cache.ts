/**
 * Markdown trees kept between runs in .cache/opsbook/markdown/, one file per
 * distinct body (named by a hash of the body, its first line and a version of
 * the parser code and the lockfile), so `check`, `audit` and a rebuild parse
 * only the bodies that changed. OPSBOOK_PARSE_CACHE=0 turns it off. A file
 * that cannot be read or written only costs a parse.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Root } from 'mdast';
import type { ParseCache } from '../core/load/markdown.ts';
import { openProject, type Project } from '../core/project.ts';
import { cachePath, sourceVersion } from './cache-dir.ts';

const CODE = ['../core/load/markdown.ts', '../markdown/pipeline.ts', '../../package-lock.json'];

export interface StoredParseCache extends ParseCache {
  readonly stats: { reused: number; parsed: number };
  /** Writes the new trees and removes those no document used this run. */
  save(): Promise<void>;
}

export function parseCache(root: string): StoredParseCache | undefined {
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
  const stats = { reused: 0, parsed: 0 };
  const name = (text: string, firstLine: number) => `${createHash('sha1').update(version).update(`\0${firstLine}\0`).update(text).digest('hex')}.json`;
  return {
    stats,
    get(text, firstLine) {
      const file = name(text, firstLine);
      used.add(file);
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
    },
  };
}

/** openProject with the trees of earlier runs, leaving this run's for the next. */
export async function openCachedProject(root: string): Promise<Project> {
  const cache = parseCache(root);
  const project = await openProject(root, cache);
  await cache?.save();
  return project;
}
