/**
 * Parsed Markdown trees kept on disk in packs: files of many trees, one per
 * line (`name<TAB>json`), and an index (`index.json`) of which pack holds
 * each tree and how many lines each pack has. At 10,000 documents a file per
 * tree cost a cold run about 8 s of system time on its 20,000 file calls;
 * a pack per batch of fifty costs a few hundred.
 *
 * A pack is written under a temporary name and renamed, so it is whole or
 * absent; a line that does not parse only costs that tree a parse. Packs no
 * tree of the run uses are removed, and a pack less than half used is
 * written again with only the trees in use, so the folder follows the site.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INDEX = 'index.json';
const PACK = /\.pack$/;

interface Index {
  /** Tree name → pack file. */
  trees: Record<string, string>;
  /** Pack file → lines it holds. */
  packs: Record<string, number>;
}

/**
 * Writes trees ([name, json]) as one pack in `dir`; its file name, or
 * undefined when it could not be written. Used by the parse workers for
 * each batch and by the main thread for what it parsed itself.
 */
export function writePack(dir: string, trees: readonly (readonly [string, string])[]): string | undefined {
  if (!trees.length) return undefined;
  const pack = `${createHash('sha1').update(trees.map(([name]) => name).join('\0')).digest('hex').slice(0, 20)}.pack`;
  try {
    writeFileSync(join(dir, `${pack}.tmp`), trees.map(([name, json]) => `${name}\t${json}\n`).join(''));
    renameSync(join(dir, `${pack}.tmp`), join(dir, pack));
    return pack;
  } catch {
    return undefined; // not kept: parsed again next time
  }
}

/** The lines of a pack by tree name; empty when the pack cannot be read. */
function readPack(dir: string, pack: string): Map<string, string> {
  const trees = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(dir, pack), 'utf8');
  } catch {
    return trees;
  }
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) trees.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return trees;
}

export interface TreePacks {
  /** Whether a tree of this name was kept by an earlier run. */
  has(name: string): boolean;
  /** The kept tree's JSON (each tree is read once a run); undefined when it is not there or its pack is damaged. */
  take(name: string): string | undefined;
  /** Trees a worker wrote into `pack` this run. */
  placed(names: readonly string[], pack: string): void;
  /** A tree parsed on this thread, written at `save`. */
  add(name: string, json: string): void;
  /** Writes the new trees and the index for the trees used this run (those taken, placed or added); removes the rest. */
  save(): void;
}

export function openTreePacks(dir: string): TreePacks {
  let index: Index;
  try {
    const saved = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as Partial<Index> | null;
    index = { trees: saved?.trees ?? {}, packs: saved?.packs ?? {} };
  } catch {
    index = { trees: {}, packs: {} };
  }
  const loaded = new Map<string, Map<string, string>>();
  /** Where each tree used this run is now. */
  const next = new Map<string, string>();
  const fresh = new Map<string, string>();
  let changed = false;
  return {
    has: (name) => Object.hasOwn(index.trees, name),
    take(name) {
      const pack = index.trees[name];
      if (pack === undefined) return undefined;
      let trees = loaded.get(pack);
      // Read once, and again only for a body two documents share (its line was taken by the first).
      if (!trees || (!trees.has(name) && next.has(name))) loaded.set(pack, (trees = readPack(dir, pack)));
      const json = trees.get(name);
      trees.delete(name); // read once: the tree is the caller's now
      if (json !== undefined) next.set(name, pack);
      return json;
    },
    placed(names, pack) {
      for (const name of names) next.set(name, pack);
      index.packs[pack] = names.length;
      changed = true;
    },
    add(name, json) {
      fresh.set(name, json);
      changed = true;
    },
    save() {
      // Trees of packs less than half used move into this run's pack, and those packs go.
      const inUse = new Map<string, number>();
      for (const pack of next.values()) inUse.set(pack, (inUse.get(pack) ?? 0) + 1);
      const sparse = [...inUse].filter(([pack, used]) => used * 2 < (index.packs[pack] ?? used)).map(([pack]) => pack);
      for (const pack of sparse) {
        const trees = readPack(dir, pack);
        for (const [name, where] of next) if (where === pack && trees.has(name)) fresh.set(name, trees.get(name)!);
      }
      if (!changed && !sparse.length && next.size === Object.keys(index.trees).length) return; // nothing new, nothing gone
      try {
        mkdirSync(dir, { recursive: true });
        const written = writePack(dir, [...fresh]);
        const kept: Index = { trees: Object.fromEntries(next), packs: {} };
        // Not written: what this thread parsed is parsed again next time, and the sparse packs stay.
        if (written) for (const name of fresh.keys()) kept.trees[name] = written;
        for (const pack of new Set(Object.values(kept.trees))) kept.packs[pack] = pack === written ? fresh.size : (index.packs[pack] ?? 0);
        writeFileSync(join(dir, `${INDEX}.tmp`), JSON.stringify(kept));
        renameSync(join(dir, `${INDEX}.tmp`), join(dir, INDEX));
        // Packs no tree is in, files cut short, and the single-tree files of earlier versions.
        for (const file of readdirSync(dir)) {
          if (file === INDEX || (PACK.test(file) && Object.hasOwn(kept.packs, file))) continue;
          if (PACK.test(file) || file.endsWith('.tmp') || file.endsWith('.json')) rmSync(join(dir, file), { force: true });
        }
        index = kept;
        fresh.clear();
        changed = false;
      } catch {
        // A cache that cannot be written only costs the next run its parse.
      }
    },
  };
}
