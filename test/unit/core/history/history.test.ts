/**
 * The history module on a fixture tree whose git history is made in the
 * test: drift from an operation and from a catalogue commit (and none from a
 * description-only commit), last use, the procedure as of an operation, last
 * updated, and what happens with no git, a shallow clone or uncommitted files.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { asOfPages, lineDiff, oldVersion, procedureAsOf } from '../../../../src/core/history/as-of.ts';
import { driftOf } from '../../../../src/core/history/drift.ts';
import { readGitHistory } from '../../../../src/core/history/git.ts';
import { historyOf, noHistoryNotice } from '../../../../src/core/history/index.ts';
import { lastUse } from '../../../../src/core/history/usage.ts';
import { openProject, validDocuments, type Project } from '../../../../src/core/project.ts';
import { historyTree, plainTree, shallowClone } from '../../../helpers/git-history.ts';

const TODAY = '2026-05-01';
let tree: ReturnType<typeof historyTree>;
let project: Project;
const doc = (collection: string, id: string) => project.byId[collection]!.get(id)!;

beforeAll(async () => {
  tree = historyTree();
  project = await openProject(tree.root);
});
afterAll(() => rmSync(tree.root, { recursive: true, force: true }));

describe('git history', () => {
  test('one git log gives every committed content file its commits, newest first', () => {
    const git = historyOf(project).git;
    expect(git.available).toBe(true);
    expect(git.files.get('content/services/db.yaml')!.map((c) => [c.hash, c.day, c.subject])).toEqual([
      [tree.commits.zone, '2026-03-10', 'Database moves to the data-eu zone'],
      [tree.commits.initial, '2026-01-05', 'Initial content'],
    ]);
    expect(git.files.get('content/runbooks/api-down.md')!.map((c) => c.day)).toEqual(['2026-01-05']);
  });

  test('last updated is the day of the last commit touching the file; an uncommitted file has none', async () => {
    writeFileSync(join(tree.root, 'content/teams/new.yaml'), 'name: New Team\n');
    const again = await openProject(tree.root);
    const history = historyOf(again);
    expect(history.lastCommit('content/procedures/deploy.md')?.day).toBe('2026-04-01');
    expect(history.lastCommit('content/services/cache.yaml')?.day).toBe('2026-03-05');
    expect(history.lastCommit('content/teams/new.yaml')).toBeUndefined();
    rmSync(join(tree.root, 'content/teams/new.yaml'));
  });

  test('file texts at commits come from one batch; a path missing at a commit is undefined', () => {
    const [then, now, missing] = historyOf(project).git.show([
      { commit: tree.commits.initial, file: 'content/services/db.yaml' },
      { commit: tree.commits.zone, file: 'content/services/db.yaml' },
      { commit: tree.commits.initial, file: 'content/services/nope.yaml' },
    ]);
    expect(then).toContain('zone: data\n');
    expect(now).toContain('zone: data-eu\n');
    expect(missing).toBeUndefined();
  });
});

describe('drift', () => {
  test('a completed infrastructure change on its service after the review', () => {
    expect(driftOf(project, doc('runbooks', 'api-down'), TODAY).map((d) => d.label)).toEqual(['operation 2026-03-20-api-rewire (infrastructure-change on api)']);
  });

  test('a catalogue commit that changed the zone; not before it happened', () => {
    const drift = driftOf(project, doc('runbooks', 'db-slow'), TODAY);
    expect(drift.map((d) => [d.day, d.label])).toEqual([['2026-03-10', `commit ${tree.commits.zone.slice(0, 7)} to services/db.yaml (zone data → data-eu)`]]);
    expect(driftOf(project, doc('runbooks', 'db-slow'), '2026-03-09')).toEqual([]);
  });

  test('no drift from a description and comment edit, nor from a planned maintenance', () => {
    expect(historyOf(project).catalogue().get('cache')).toBeUndefined();
    expect(driftOf(project, doc('runbooks', 'cache-evictions'), TODAY)).toEqual([]);
  });
});

describe('last use', () => {
  test('the newest completed operation or postmortem naming it; a planned one is not a use', () => {
    const use = lastUse(project, doc('runbooks', 'db-slow'), TODAY)!;
    expect([use.date, use.by.id]).toEqual(['2026-03-15', '2026/2026-03-15-db-maintenance']);
    expect(lastUse(project, doc('runbooks', 'cache-evictions'), TODAY)).toBeUndefined();
    expect(lastUse(project, doc('procedures', 'deploy'), TODAY)?.date).toBe('2026-03-15');
    expect(lastUse(project, doc('runbooks', 'db-slow'), '2026-03-14')).toBeUndefined();
  });
});

describe('the procedure as it was', () => {
  test('an operation before the change links to the version of that day, with a diff to today', () => {
    const op = validDocuments(project, 'operations').find((o) => o.id.endsWith('db-maintenance'))!;
    const asOf = procedureAsOf(project, op)!;
    expect(asOf.state).toBe('changed');
    if (asOf.state !== 'changed') return;
    expect([asOf.then.hash, asOf.after.map((c) => c.hash), asOf.path]).toEqual([tree.commits.initial, [tree.commits.procedure], '/history/procedures/deploy/2026-03-15/']);
    const then = oldVersion(project, asOf.procedure, asOf.then, '/')!;
    expect(then.data?.version).toBe('1.0');
    expect(then.html).toMatch(/<h3 id="step-2-deploy">Step 2: Deploy<a class="heading-anchor"/);
    expect(then.html).toContain('Roll it out to every region at once.');
    expect(then.html).not.toContain('Promote');
    const diff = lineDiff(then.text, asOf.procedure.source);
    expect(diff.filter((r) => r.type !== 'same' && r.type !== 'skipped')).toEqual([
      { type: 'removed', text: 'version: "1.0"' },
      { type: 'added', text: 'version: "1.1"' },
      { type: 'removed', text: 'Roll it out to every region at once.' },
      { type: 'added', text: 'Roll it out to the secondary region first.' },
      { type: 'added', text: '### Step 3: Promote' },
      { type: 'added', text: '' },
      { type: 'added', text: 'Roll it out to the primary region after an hour.' },
      { type: 'added', text: '' },
    ]);
    expect(diff.some((r) => r.type === 'skipped')).toBe(true);
    expect(asOfPages(project, validDocuments(project, 'operations')).map((p) => [p.procedure.id, p.date, p.operations.map((o) => o.id)])).toEqual([['deploy', '2026-03-15', ['2026/2026-03-15-db-maintenance']]]);
  });

  test('an old version that breaks a safety rule is shown as text, never rendered', async () => {
    const { root } = historyTree();
    const file = join(root, 'content/procedures/deploy.md');
    const run = (args: string[], date: string) => spawnSync('git', ['-C', root, ...args], { env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' } });
    const { readFileSync } = await import('node:fs');
    const today = readFileSync(file, 'utf8');
    writeFileSync(file, today.replace('Build the image.', 'Build the image. <img src=x onerror="alert(1)">'));
    run(['commit', '-qam', 'unsafe'], '2026-03-12T00:00:00Z');
    writeFileSync(file, today);
    run(['commit', '-qam', 'safe again'], '2026-04-02T00:00:00Z');
    const p = await openProject(root);
    const op = validDocuments(p, 'operations').find((o) => o.id.endsWith('db-maintenance'))!;
    const asOf = procedureAsOf(p, op)!;
    if (asOf.state !== 'changed') throw new Error(asOf.state);
    const then = oldVersion(p, asOf.procedure, asOf.then, '/')!;
    expect(then.html).toBeUndefined();
    expect(then.sourceOnly).toMatch(/safety rule/);
    rmSync(root, { recursive: true, force: true });
  });
});

describe('without history', () => {
  test('no git repository: nothing from git, drift from operations only, one notice', async () => {
    const root = plainTree();
    const git = readGitHistory(root);
    expect([git.available, git.reason]).toEqual([false, 'the site is not in a git repository']);
    const p = await openProject(root);
    expect(historyOf(p).catalogue().size).toBe(0);
    expect(driftOf(p, p.byId.runbooks.get('api-down')!, TODAY)).toHaveLength(1);
    expect(driftOf(p, p.byId.runbooks.get('db-slow')!, TODAY)).toEqual([]);
    expect(procedureAsOf(p, validDocuments(p, 'operations').find((o) => o.id.endsWith('db-maintenance'))!)?.state).toBe('no-history');
    expect(noHistoryNotice(git.reason!)).toBe('info: no git history (the site is not in a git repository): catalogue drift, last-updated dates and earlier versions of procedures are left out.');
    rmSync(root, { recursive: true, force: true });
  });

  test('a shallow clone is not read as history (every file would look changed by one commit)', () => {
    const root = shallowClone(tree.root);
    expect(readGitHistory(root)).toMatchObject({ available: false, reason: expect.stringContaining('shallow clone') });
    rmSync(root, { recursive: true, force: true });
  });
});
