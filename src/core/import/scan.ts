/**
 * Every file of the imported folder, so each one is accounted for. Folders
 * that hold no documents by nature (git metadata, dependencies, hidden
 * tooling folders) are listed once, with how many files they hold, rather
 * than file by file.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface InputFile {
  /** Path inside the imported folder, forward slashes. */
  rel: string;
  abs: string;
  /** Lower-case extension with its dot, '' for none. */
  ext: string;
  symlink: boolean;
}

export interface SkippedFolder {
  rel: string;
  files: number;
  reason: string;
}

const FOLDER_REASONS: Record<string, string> = {
  '.git': 'git metadata, not content',
  node_modules: 'installed dependencies, not content',
  public: 'Hugo build output (generated pages), not sources',
  site: 'MkDocs build output (generated pages), not sources',
  resources: 'Hugo generated resources, not sources',
};

function countFiles(dir: string): number {
  let n = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) n += entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1;
  return n;
}

/** Markdown extensions import reads as documents. */
export const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.mdx']);

/**
 * Lists the folder. `buildOutput` names folders that are build output only
 * when the layout says so (a Hugo site's public/, MkDocs' site/).
 */
export function scanFolder(root: string, buildOutput: ReadonlySet<string> = new Set()): { files: InputFile[]; folders: SkippedFolder[] } {
  const files: InputFile[] = [];
  const folders: SkippedFolder[] = [];
  const walk = (dir: string, rel: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = join(dir, entry.name);
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        const always = entry.name === '.git' || entry.name === 'node_modules';
        if (always || (rel === '' && buildOutput.has(entry.name))) {
          folders.push({ rel: `${path}/`, files: countFiles(abs), reason: FOLDER_REASONS[entry.name] ?? 'build output' });
          continue;
        }
        if (entry.name.startsWith('.')) {
          folders.push({ rel: `${path}/`, files: countFiles(abs), reason: 'hidden folder (repository tooling such as CI workflows or editor settings), not content' });
          continue;
        }
        walk(abs, path);
        continue;
      }
      const symlink = lstatSync(abs).isSymbolicLink();
      files.push({ rel: path, abs, ext: extname(entry.name).toLowerCase(), symlink });
    }
  };
  walk(root, '');
  return { files, folders };
}
