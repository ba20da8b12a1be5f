/**
 * The project as it was at the merge base: the content tree of today with
 * every changed file put back as git has it there (added files removed,
 * deleted and renamed ones restored), loaded with the same configuration.
 * Only the changed files are read from git.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ResolvedConfig } from '../config.ts';
import { buildProject, type Project } from '../project.ts';
import { fileAt, type FileChange } from './git.ts';

const inContent = (path: string) => path.startsWith('content/');

export function projectBefore(root: string, config: ResolvedConfig, mergeBase: string, files: readonly FileChange[], now: Project): Project {
  const changes = files.filter((f) => inContent(f.path) || (f.from !== undefined && inContent(f.from)));
  if (!changes.length) return now;
  const dir = mkdtempSync(join(tmpdir(), 'opsbook-impact-'));
  try {
    if (existsSync(join(root, 'content'))) cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true, verbatimSymlinks: true });
    else mkdirSync(join(dir, 'content'));
    for (const change of changes) {
      if (change.status !== 'deleted' && inContent(change.path)) rmSync(join(dir, change.path), { force: true });
      const old = change.status === 'renamed' ? change.from! : change.status === 'added' ? undefined : change.path;
      if (!old || !inContent(old)) continue;
      const bytes = fileAt(root, mergeBase, old);
      if (!bytes) continue;
      mkdirSync(dirname(join(dir, old)), { recursive: true });
      writeFileSync(join(dir, old), bytes);
    }
    return buildProject(dir, config);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
