/** Every file under a built site's folder, for the steps that post-process it. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function filesUnder(dir: string, ending = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path, ending) : entry.name.endsWith(ending) ? [path] : [];
  });
}
