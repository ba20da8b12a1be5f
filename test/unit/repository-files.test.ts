/** The pull-request workflow is valid YAML and every step calls the project's own scripts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { editorSettings } from '../../scripts/schemas.ts';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/content.ts';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

test('the workflow checks, audits, tests and builds pull requests, and deploys the default branch to Pages', () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, '.github/workflows/opsbook.yml'), 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; if: string }> };
  expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'workflow_dispatch']);
  const pr = workflow.jobs['pull-request']!.steps.map((s) => s.run ?? s.uses ?? '').join('\n');
  expect(pr).toContain('npm run check -- --format github');
  expect(pr).toContain('npm run --silent audit -- --format markdown --fail-on never >> "$GITHUB_STEP_SUMMARY"');
  expect(pr).toContain('npm run --silent audit -- --format github --fail-on error');
  expect(pr).toContain('npm run --silent impact -- --base origin/${{ github.base_ref }} --format markdown >> "$GITHUB_STEP_SUMMARY"');
  expect(pr).toContain('npm test');
  expect(pr).toContain('npm run build');
  // Impact and the build read git history: both jobs check out all of it.
  for (const job of Object.values(workflow.jobs)) expect(job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0 });
  const deploy = workflow.jobs.deploy!.steps.map((s) => s.uses ?? s.run ?? '');
  expect(deploy).toEqual(expect.arrayContaining(['actions/configure-pages@v5', 'npm run build', 'actions/upload-pages-artifact@v3', 'actions/deploy-pages@v4']));
  // Every npm script a step runs exists.
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
  for (const [, script] of runs.join('\n').matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(pkg.scripts, script).toHaveProperty(script!);
});

test('the editor settings point the catalogue at the generated schemas, as `npm run schemas` writes them', () => {
  const text = readFileSync(join(REPO_ROOT, '.vscode/settings.json'), 'utf8');
  expect(editorSettings(text)).toBe(text);
  const settings = JSON.parse(text);
  expect(settings['yaml.schemas']).toEqual({
    './schemas/teams.schema.json': 'content/teams/*.{yaml,yml}',
    './schemas/services.schema.json': 'content/services/*.{yaml,yml}',
  });
});
