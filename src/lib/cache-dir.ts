/**
 * Where Opsbook keeps what one build leaves for the next (kit PDFs, map
 * layouts): `.cache/opsbook/<name>` in the project, beside Astro's own
 * `.cache/astro/`. Deleting `.cache/` makes the next build a cold one.
 */
import { join } from 'node:path';

export function cachePath(root: string, name: string): string {
  return join(root, '.cache/opsbook', name);
}
