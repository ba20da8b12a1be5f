/** Runs one of the project's scripts the way `npm run` does, with the Node running the tests. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './content.ts';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // Scripts run on fixture folders of this repository, which must stay as committed: no Markdown trees kept there.
    env: { ...process.env, GITHUB_ACTIONS: '', OPSBOOK_PARSE_CACHE: '0', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
