/**
 * Where Opsbook keeps what one build leaves for the next (kit PDFs, map
 * layouts): `.cache/opsbook/<name>` in the project, beside Astro's own
 * `.cache/astro/`. Deleting `.cache/` makes the next build a cold one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function cachePath(root: string, name: string): string {
  return join(root, '.cache/opsbook', name);
}

/**
 * A version of the code that made a cached result: the text of each file, or
 * of every .ts file of each folder (paths, or URLs relative to a module's
 * `import.meta.url`), and any other parts (a library's version). A path that
 * cannot be read counts by its name, so the version still changes with
 * everything else.
 */
export function sourceVersion(paths: readonly (string | URL)[], ...extra: string[]): string {
  const hash = createHash('sha1');
  for (const where of paths) {
    const path = where instanceof URL ? fileURLToPath(where) : where;
    try {
      const files = statSync(path).isDirectory() ? readdirSync(path).filter((n) => n.endsWith('.ts')).sort().map((n) => join(path, n)) : [path];
      for (const file of files) hash.update(file.slice(path.length)).update('\0').update(readFileSync(file)).update('\0');
    } catch {
      hash.update(path).update('\0');
    }
  }
  for (const part of extra) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
}
