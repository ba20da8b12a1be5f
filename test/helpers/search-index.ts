/** What a built site's search index holds, read from its files across every part. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PARTS_FILE } from '../../src/scripts/search-parts.ts';

export interface Fragment {
  url: string;
  content: string;
  meta: { title: string; [name: string]: string };
  anchors: { id: string; location: number }[];
}

/** The folders of the index's parts under a built site: the first, then those its parts file lists. */
export function indexFolders(dist: string): string[] {
  return ['pagefind/', ...(JSON.parse(readFileSync(join(dist, PARTS_FILE), 'utf8')) as string[])];
}

/** Each indexed page as Pagefind stores it: its text, metadata and the elements with an id, at the word they start. */
export function indexedPages(dist: string, folders = indexFolders(dist)): Fragment[] {
  return folders.flatMap((part) => {
    const folder = join(dist, part, 'fragment');
    return readdirSync(folder).map((name) => JSON.parse(gunzipSync(readFileSync(join(folder, name))).subarray('pagefind_dcd'.length).toString('utf8')) as Fragment);
  });
}
