/**
 * Gives a copy of the `history` fixture tree a git history made here, with
 * commits dated by GIT_AUTHOR_DATE and GIT_COMMITTER_DATE:
 *
 * 2026-01-05  everything as in the fixture (reviews are dated 2026-03-01)
 * 2026-03-05  services/cache.yaml: description and a comment only
 * 2026-03-10  services/db.yaml: zone data → data-eu
 * 2026-04-01  procedures/deploy.md: version 1.0 → 1.1, Step 2 rewritten
 *
 * The operation 2026-03-15-db-maintenance followed `deploy`, so its page
 * links to version 1.0 as it read that day.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './content.ts';

export const HISTORY_FIXTURE = fixturePath('history');

function git(root: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ops', GIT_AUTHOR_EMAIL: 'ops@example.test', GIT_COMMITTER_NAME: 'Ops', GIT_COMMITTER_EMAIL: 'ops@example.test', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  return execFileSync('git', ['-C', root, '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { encoding: 'utf8', env });
}

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

function commit(root: string, message: string, date: string): string {
  git(root, ['add', 'content'], date);
  git(root, ['commit', '-q', '-m', message], date);
  return git(root, ['rev-parse', 'HEAD']).trim();
}

/** Commits a site root's content/ (copied from the fixture) in four dated steps; returns the commit hashes. */
export function commitHistory(root: string): Record<'initial' | 'description' | 'zone' | 'procedure', string> {
  git(root, ['init', '-q']);
  const initial = commit(root, 'Initial content', '2026-01-05T09:00:00+00:00');
  edit(root, 'content/services/cache.yaml', 'description: Redis in front of the database.', '# Sized for the spring sale.\ndescription: Redis in front of the database, 16 GB.');
  const description = commit(root, 'Cache: describe its size', '2026-03-05T09:00:00+00:00');
  edit(root, 'content/services/db.yaml', 'zone: data', 'zone: data-eu');
  const zone = commit(root, 'Database moves to the data-eu zone', '2026-03-10T09:00:00+00:00');
  edit(root, 'content/procedures/deploy.md', 'version: "1.0"', 'version: "1.1"');
  edit(root, 'content/procedures/deploy.md', 'Roll it out to every region at once.', 'Roll it out to the secondary region first.\n\n### Step 3: Promote\n\nRoll it out to the primary region after an hour.');
  const procedure = commit(root, 'Deploy 1.1: secondary region first', '2026-04-01T09:00:00+00:00');
  return { initial, description, zone, procedure };
}

/** A temporary copy of the fixture with its history committed. */
export function historyTree(): { root: string; commits: ReturnType<typeof commitHistory> } {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-history-'));
  cpSync(join(HISTORY_FIXTURE, 'content'), join(root, 'content'), { recursive: true });
  return { root, commits: commitHistory(root) };
}

/** A temporary copy of the fixture with no git at all. */
export function plainTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-nogit-'));
  cpSync(join(HISTORY_FIXTURE, 'content'), join(root, 'content'), { recursive: true });
  return root;
}

/** A shallow clone (depth 1) of a tree with history. */
export function shallowClone(source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-shallow-'));
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${source}`, root]);
  return root;
}
