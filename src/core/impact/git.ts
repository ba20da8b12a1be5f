/**
 * What a change touches, read from git: the merge base of a base ref and
 * HEAD, every file that differs between that commit and the working tree
 * (committed, staged, unstaged and untracked alike, so a local run shows what
 * the pull request will hold once committed; in CI the tree is clean and this
 * is exactly `git diff <base>...HEAD`), and the old text of a file.
 */
import { spawnSync } from 'node:child_process';

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

export interface FileChange {
  status: ChangeStatus;
  /** The path now (for a deleted file, the path it had), relative to the project root, with forward slashes. */
  path: string;
  /** A renamed file's old path. */
  from?: string;
}

/** A problem the caller reports as a usage error: what went wrong and what to do. */
export class GitProblem extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.hint = hint;
  }
}

function git(cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  if (result.error) throw new GitProblem(`git could not be run: ${result.error.message}`, 'Install git and make sure it is on the PATH.');
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.trim() };
}

export interface ChangeSet {
  base: string;
  mergeBase: string;
  head: string;
  files: FileChange[];
}

/** The files a change touches, against the merge base of `base` and HEAD. Paths are relative to `root` (git's `--relative`). */
export function changedFiles(root: string, base: string): ChangeSet {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new GitProblem(`${root} is not inside a git repository.`, 'Run it in a clone of the documents repository (impact compares commits).');
  const head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head.ok) throw new GitProblem('The repository has no commit yet.', 'Commit the documents first, then compare with a base branch.');
  const baseCommit = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`]);
  if (!baseCommit.ok) {
    const remote = /^[\w.-]+\/(.+)$/.exec(base);
    throw new GitProblem(
      `The base "${base}" names no commit in this repository.`,
      remote
        ? `Fetch it first (git fetch ${base.split('/')[0]} ${remote[1]}); in GitHub Actions check out with fetch-depth: 0.`
        : 'Give a branch, tag or commit that exists here (git branch -a lists branches), e.g. --base origin/main.',
    );
  }
  const mergeBase = git(root, ['merge-base', baseCommit.stdout.trim(), 'HEAD']);
  if (!mergeBase.ok) {
    throw new GitProblem(`"${base}" and HEAD have no common commit.`, 'A shallow clone hides it: fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in GitHub Actions).');
  }
  const mb = mergeBase.stdout.trim();
  const diff = git(root, ['-c', 'core.quotePath=false', 'diff', '-z', '--name-status', '--find-renames', '--relative', '--no-ext-diff', mb, '--']);
  if (!diff.ok) throw new GitProblem(`git diff failed: ${diff.stderr}`, 'Check that the repository is readable.');
  const files = parseNameStatus(diff.stdout);
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  const known = new Set(files.map((f) => f.path));
  for (const path of untracked.stdout.split('\0').filter(Boolean)) if (!known.has(path)) files.push({ status: 'added', path });
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { base, mergeBase: mb, head: head.stdout.trim(), files };
}

/** `git diff -z --name-status` output: status, NUL, path (NUL, new path for renames and copies), NUL… */
export function parseNameStatus(output: string): FileChange[] {
  const parts = output.split('\0');
  const files: FileChange[] = [];
  for (let i = 0; i < parts.length - 1; ) {
    const status = parts[i++]!;
    if (!status) continue;
    const letter = status[0];
    if (letter === 'R') {
      const from = parts[i++]!;
      files.push({ status: 'renamed', path: parts[i++]!, from });
    } else if (letter === 'C') {
      i++; // a copy leaves its source as it was
      files.push({ status: 'added', path: parts[i++]! });
    } else {
      files.push({ status: letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified', path: parts[i++]! });
    }
  }
  return files;
}

/** A file as it was in `commit` (path relative to `root`), or undefined when it did not exist there. */
export function fileAt(root: string, commit: string, path: string): Buffer | undefined {
  const result = spawnSync('git', ['show', `${commit}:./${path}`], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}
