/**
 * `npm run audit` on a tree with a git history made in the test: drift from
 * an operation and from a catalogue commit, a critical runbook never
 * drilled, exact output pinned; without git, one info line and the
 * operation-based findings only.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { historyTree, plainTree } from '../helpers/git-history.ts';

let tree: ReturnType<typeof historyTree>;
let plain: string;
beforeAll(() => {
  tree = historyTree();
  plain = plainTree();
});
afterAll(() => {
  rmSync(tree.root, { recursive: true, force: true });
  rmSync(plain, { recursive: true, force: true });
});

const DEPLOY = 'content/procedures/deploy.md:7:15 warning Changed since it was reviewed (2026-03-01): operation 2026-03-20-api-rewire (infrastructure-change on api), 2026-03-20. Check the document against the system as it is now, then update lastReviewed. audit/changed-since-review';
const NEVER = 'content/runbooks/api-down.md:7:11 warning Critical runbook never used or drilled: no operation record or postmortem lists it. Drill it and record the drill: `npm run new -- operation api-down-drill --category maintenance --services api`, then list "api-down" under its runbooks (recovery drills are due quarterly). audit/critical-not-exercised';
const API = 'content/runbooks/api-down.md:8:15 warning Changed since it was reviewed (2026-03-01): operation 2026-03-20-api-rewire (infrastructure-change on api), 2026-03-20. Check the document against the system as it is now, then update lastReviewed. audit/changed-since-review';

test('with history: drift from an operation and from a catalogue commit, none from a description edit', () => {
  const result = runScript('audit.ts', ['--root', tree.root, '--now', '2026-05-01']);
  expect(result.status).toBe(0);
  expect(result.stderr).toBe('');
  expect(result.stdout.trimEnd().split('\n')).toEqual([
    'Audit as of 2026-05-01',
    '',
    'ops: 4 findings (0 errors, 4 warnings)',
    `  ${DEPLOY}`,
    `  ${NEVER}`,
    `  ${API}`,
    `  content/runbooks/db-slow.md:8:15 warning Changed since it was reviewed (2026-03-01): commit ${tree.commits.zone.slice(0, 7)} to services/db.yaml (zone data → data-eu), 2026-03-10. Check the document against the system as it is now, then update lastReviewed. audit/changed-since-review`,
    '  by rule: audit/changed-since-review 3, audit/critical-not-exercised 1',
    '',
    'Total: 4 findings (0 errors, 4 warnings) for 1 team.',
  ]);
  expect(result.stdout).not.toContain('cache-evictions');
});

test('as of a day before the catalogue commit, the commit is not yet a change', () => {
  const result = runScript('audit.ts', ['--root', tree.root, '--now', '2026-03-09', '--rule', 'audit/changed-since-review']);
  expect(result.stdout).toBe('Audit as of 2026-03-09: no findings.\n');
});

test('a critical runbook used within 12 months is not flagged; one used longer ago is', () => {
  expect(runScript('audit.ts', ['--root', tree.root, '--now', '2027-03-14', '--rule', 'audit/critical-not-exercised']).stdout).not.toContain('db-slow');
  const late = runScript('audit.ts', ['--root', tree.root, '--now', '2027-03-16', '--rule', 'audit/critical-not-exercised']).stdout;
  expect(late).toContain('content/runbooks/db-slow.md:7:11 warning Critical runbook last used 2026-03-15 (2026/2026-03-15-db-maintenance), more than 12 months ago.');
});

test('without git: one info line on stderr, drift from operations only', () => {
  const result = runScript('audit.ts', ['--root', plain, '--now', '2026-05-01', '--format', 'json']);
  expect(result.stderr.trimEnd().split('\n')).toEqual(['info: no git history (the site is not in a git repository): catalogue drift, last-updated dates and earlier versions of procedures are left out.']);
  const findings = JSON.parse(result.stdout).findings as { file: string; rule: string }[];
  expect(findings.filter((f) => f.rule === 'audit/changed-since-review').map((f) => f.file)).toEqual(['content/procedures/deploy.md', 'content/runbooks/api-down.md']);
});
