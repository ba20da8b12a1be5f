/**
 * What git knows about the imported folder: the day each file was last
 * committed (its lastReviewed guess), and where a file outside the folder
 * can be read on the web.
 */
import { spawnSync } from 'node:child_process';

function git(cwd: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** Whether the folder is inside a git work tree. */
export function isGitCheckout(folder: string): boolean {
  return git(folder, ['rev-parse', '--is-inside-work-tree'])?.trim() === 'true';
}

/**
 * The day (YYYY-MM-DD, committer date) each file under the folder was last
 * committed, keyed by its path inside the folder: one `git log` for the
 * whole tree, the newest commit first, so the first date seen for a path is
 * its last change (the same as `git log -1 --format=%cs -- <file>`).
 */
export function lastCommitDates(folder: string): Map<string, string> {
  const dates = new Map<string, string>();
  const out = git(folder, ['-c', 'core.quotePath=false', 'log', '--format=%x00%cs', '--name-only', '--no-renames', '--relative', '--', '.']);
  if (!out) return dates;
  let current: string | undefined;
  for (const row of out.split('\n')) {
    if (row.startsWith('\u0000')) current = row.slice(1).trim();
    else if (row && current && !dates.has(row)) dates.set(row, current);
  }
  return dates;
}

/** `https://github.com/<owner>/<repo>` when the folder's origin is on GitHub (or another https forge), else undefined. */
export function webRepository(folder: string): { url: string; prefix: string } | undefined {
  const remote = git(folder, ['remote', 'get-url', 'origin'])?.trim();
  const top = git(folder, ['rev-parse', '--show-prefix'])?.trim() ?? '';
  if (!remote) return undefined;
  const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(remote);
  const https = /^https:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(\.git)?$/.exec(remote);
  const match = ssh ?? https;
  if (!match) return undefined;
  return { url: `https://${match[1]}/${match[2]}`, prefix: top };
}
