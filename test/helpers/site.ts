/**
 * Builds a content tree into a real site with the project's own Astro setup:
 * the tree is copied next to a copy of src/ and the configs in
 * test/.output/<name>/, then `astro build` runs there. Each fixture site is
 * built once per test run (callers build in beforeAll).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { REPO_ROOT } from './content.ts';

/** Where test sites are built; OPSBOOK_TEST_OUTPUT lets two test runs in one checkout keep apart. */
export const OUTPUT = process.env.OPSBOOK_TEST_OUTPUT ?? join(REPO_ROOT, 'test/.output');

export interface SiteBuild {
  root: string;
  dist: string;
  status: number | null;
  output: string;
  page(path: string): string;
  exists(path: string): boolean;
}

/** Copies `contentRoot` (a folder holding content/ and maybe opsbook.config.ts) into a buildable project. */
export function prepareSite(name: string, contentRoot: string): string {
  const root = join(OUTPUT, name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(REPO_ROOT, file), join(root, file));
  cpSync(join(REPO_ROOT, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(REPO_ROOT, 'public'), join(root, 'public'), { recursive: true });
  cpSync(join(contentRoot, 'content'), join(root, 'content'), { recursive: true, verbatimSymlinks: true });
  if (existsSync(join(contentRoot, 'alert-rules'))) cpSync(join(contentRoot, 'alert-rules'), join(root, 'alert-rules'), { recursive: true });
  for (const file of ['opsbook.config.ts', 'opsbook-baseline.json']) if (existsSync(join(contentRoot, file))) cpSync(join(contentRoot, file), join(root, file));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

/** A site built once by test/global-setup.ts. */
export function builtSite(name: string): SiteBuild {
  const built = inject('sites')[name];
  if (!built) throw new Error(`No site "${name}" was built in global setup${process.env.OPSBOOK_TEST_SITES ? ` (OPSBOOK_TEST_SITES=${process.env.OPSBOOK_TEST_SITES} leaves it out)` : ''}.`);
  return siteAt(built.root, built.status, built.output);
}

function siteAt(root: string, status: number | null, output: string): SiteBuild {
  const dist = join(root, 'dist');
  const resolvePage = (path: string) => join(dist, path.replace(/^\//, ''), path.endsWith('/') || path === '' ? 'index.html' : '');
  return {
    root,
    dist,
    status,
    output,
    page: (path) => readFileSync(resolvePage(path), 'utf8'),
    exists: (path) => existsSync(resolvePage(path)),
  };
}

/** Runs `astro build` in a prepared project (with the Node running the tests, which npm put first on PATH). */
export function buildSite(root: string, env: Record<string, string> = {}): SiteBuild {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root], {
    cwd: root,
    encoding: 'utf8',
    // The test runner sets NODE_ENV=test; a site is built as it would be in production.
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  return siteAt(root, result.status, `${result.stdout}${result.stderr}`);
}
