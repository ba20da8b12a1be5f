/**
 * What git knows about a site's content: for each file under content/, the
 * commits that touched it, newest first, from ONE `git log --name-only` over
 * the folder (sites have thousands of documents: never a process per file),
 * and file texts at given commits from one `git cat-file --batch`. No git,
 * a folder outside a repository, a shallow clone or an uncommitted tree all
 * give a history that is `available: false` with the reason, said once.
 */
import { spawnSync } from 'node:child_process';

export interface Commit {
  hash: string;
  /** Committer date, ISO 8601 with offset. */
  at: string;
  /** The day of `at` in UTC, YYYY-MM-DD. */
  day: string;
  subject: string;
}

export interface GitHistory {
  available: boolean;
  /** Why there is no history (one sentence), when there is none. */
  reason?: string | undefined;
  /** Commits by file path relative to the site root (`content/services/orders-db.yaml`), newest first. */
  files: Map<string, Commit[]>;
  /** The texts of files at commits, in one batch; a missing one is undefined. */
  show: (wanted: readonly { commit: string; file: string }[]) => (string | undefined)[];
}

function git(cwd: string, args: string[], input?: string): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', ['-C', cwd, '-c', 'core.quotePath=false', ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, input, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (result.error) return { ok: false, out: '', err: result.error.message };
  return { ok: result.status === 0, out: result.stdout, err: result.stderr };
}

function none(reason: string): GitHistory {
  return { available: false, reason, files: new Map(), show: (wanted) => wanted.map(() => undefined) };
}

/** UTC day of an ISO timestamp with offset. */
export function utcDay(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}

const RECORD = '\u0001';

/** Reads the history of `<root>/content`. */
export function readGitHistory(root: string): GitHistory {
  const inside = git(root, ['rev-parse', '--is-inside-work-tree', '--is-shallow-repository', '--show-prefix']);
  if (!inside.ok) return none(/ENOENT/.test(inside.err) ? 'git is not installed' : 'the site is not in a git repository');
  const [inTree, shallow, prefix = ''] = inside.out.split('\n');
  if (inTree !== 'true') return none('the site is not in a git work tree');
  // A shallow clone shows every file as changed by its first commit: its dates would be wrong.
  if (shallow === 'true') return none('the repository is a shallow clone (clone it with its full history, e.g. fetch-depth: 0 in CI)');
  const log = git(root, ['log', `--format=${RECORD}%H%x09%cI%x09%s`, '--name-only', '--no-merges', '--', 'content']);
  if (!log.ok) return none(log.err.includes('does not have any commits') ? 'the repository has no commits yet' : `git log failed: ${log.err.trim().split('\n')[0]}`);
  const files = new Map<string, Commit[]>();
  for (const record of log.out.split(RECORD)) {
    if (!record) continue;
    const [header = '', ...names] = record.split('\n');
    const [hash = '', at = '', ...subject] = header.split('\t');
    const commit: Commit = { hash, at, day: utcDay(at), subject: subject.join('\t') };
    for (const name of names) {
      if (!name || !name.startsWith(prefix)) continue;
      const file = name.slice(prefix.length);
      const list = files.get(file);
      if (list) list.push(commit);
      else files.set(file, [commit]);
    }
  }
  if (files.size === 0) return none('nothing in content/ has been committed yet');
  return {
    available: true,
    files,
    show: (wanted) => {
      if (wanted.length === 0) return [];
      // `<commit>:./<path>` is relative to the directory git runs in (the site root).
      const input = wanted.map((w) => `${w.commit}:./${w.file}`).join('\n') + '\n';
      const batch = spawnSync('git', ['-C', root, 'cat-file', '--batch'], { input, maxBuffer: 1024 * 1024 * 1024 });
      return parseBatch(batch.status === 0 ? batch.stdout : Buffer.alloc(0), wanted.length);
    },
  };
}

/** Splits `git cat-file --batch` output: `<oid> blob <size>\n<bytes>\n` or `<name> missing\n` per request. */
function parseBatch(bytes: Buffer, count: number): (string | undefined)[] {
  const texts: (string | undefined)[] = [];
  let at = 0;
  while (texts.length < count && at < bytes.length) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) break;
    const header = bytes.subarray(at, end).toString('utf8');
    const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!match) {
      texts.push(undefined);
      at = end + 1;
      continue;
    }
    const size = Number(match[1]);
    texts.push(bytes.subarray(end + 1, end + 1 + size).toString('utf8'));
    at = end + 1 + size + 1;
  }
  while (texts.length < count) texts.push(undefined);
  return texts;
}
