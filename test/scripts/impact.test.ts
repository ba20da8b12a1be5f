/**
 * `npm run impact` on a real git history made here: the impact fixture tree
 * committed on main, a change committed on a branch (fixed dates, so commits
 * are the same every run), then impact against main in every format.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { fixturePath } from '../helpers/content.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** The fixture committed on main, and a branch "change" checked out. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'impact-test-'));
  made.push(dir);
  cpSync(join(fixturePath('impact'), 'content'), join(dir, 'content'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Documents');
  git(dir, 'checkout', '-q', '-b', 'change');
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`The edit of ${file} changed nothing.`);
  writeFileSync(path, after);
}

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

const impact = (dir: string, ...args: string[]) => runScript('impact.ts', ['--root', dir, '--base', 'main', ...args]);
const json = (dir: string) => {
  const result = impact(dir, '--format', 'json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
};

const SHOP = { id: 'shop', name: 'Shop Team', oncall: { chat: '#shop-oncall', pager: 'https://pager.example/shop' }, escalation: [{ after: '15m', contact: 'Shop lead' }] };
const MONEY = {
  id: 'money',
  name: 'Money Team',
  oncall: { email: 'money-oncall@example.com' },
  escalation: [
    { after: '10m', contact: 'Money secondary on-call' },
    { after: '30m', contact: 'Head of Payments' },
  ],
};
const doc = (collection: string, id: string, title: string, file: string, services: string[], touched = false) => ({ collection, id, title, file: `content/${collection}/${file}`, services, touched });

describe('a change to a service: its dependents, transitively', () => {
  const dir = repository();
  edit(dir, 'content/services/payments.yaml', (t) => t.replace('zone: app', 'zone: pci'));
  commit(dir, 'Payments moves to the PCI zone');
  const mergeBase = git(dir, 'rev-parse', 'main');

  test('json', () => {
    expect(json(dir)).toEqual({
      version: 1,
      base: 'main',
      mergeBase,
      files: [{ status: 'modified', path: 'content/services/payments.yaml', document: { collection: 'services', id: 'payments' } }],
      changedServices: [{ id: 'payments', name: 'Payments', owner: 'money', reasons: ['catalogue entry changed: zone app → pci'] }],
      blastRadius: [
        { id: 'checkout', name: 'Checkout', owner: 'shop', hops: 1, path: ['checkout', 'payments'] },
        { id: 'web', name: 'Web', owner: 'shop', hops: 2, path: ['web', 'checkout', 'payments'] },
      ],
      documents: [
        doc('runbooks', 'checkout/slow-checkout', 'Slow checkout', 'checkout/slow-checkout.md', ['checkout']),
        doc('runbooks', 'payments/db-failover', 'Payments DB failover', 'payments/db-failover.md', ['payments']),
        doc('runbooks', 'web/blank-pages', 'Blank pages', 'web/blank-pages.md', ['web']),
        doc('procedures', 'release', 'Release a service', 'release.md', ['checkout', 'web']),
      ],
      teams: [
        { ...MONEY, services: ['payments'], documents: [] },
        { ...SHOP, services: ['checkout', 'web'], documents: [] },
      ],
      defaultEscalation: null,
      stale: [
        {
          file: 'content/runbooks/payments/db-failover.md',
          collection: 'runbooks',
          id: 'payments/db-failover',
          title: 'Payments DB failover',
          reason: 'covers payments, whose catalogue entry changed (zone app → pci), and is not edited by this change',
        },
      ],
    });
  });

  test('text', () => {
    const result = impact(dir);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      `Impact of the change against main (merge base ${mergeBase.slice(0, 12)}): 1 document file changed.`,
      '',
      'Files',
      '  M content/services/payments.yaml  (services/payments)',
      '',
      'Services changed (1)',
      '  payments (Payments): catalogue entry changed: zone app → pci',
      '',
      'Blast radius: 2 services depend on them',
      '  checkout (Checkout), 1 hop: checkout → payments',
      '  web (Web), 2 hops: web → checkout → payments',
      '',
      'Runbooks and procedures to check (4)',
      '  runbooks/checkout/slow-checkout (Slow checkout) covers checkout',
      '  runbooks/payments/db-failover (Payments DB failover) covers payments',
      '  runbooks/web/blank-pages (Blank pages) covers web',
      '  procedures/release (Release a service) covers checkout, web',
      '',
      'Teams to tell (2)',
      '  money (Money Team): owns payments',
      '    on call: email money-oncall@example.com',
      '    escalation: after 10m: Money secondary on-call, after 30m: Head of Payments',
      '  shop (Shop Team): owns checkout, web',
      '    on call: pager https://pager.example/shop, chat #shop-oncall',
      '    escalation: after 15m: Shop lead',
      '',
      'Possibly stale (1)',
      '  content/runbooks/payments/db-failover.md (Payments DB failover): covers payments, whose catalogue entry changed (zone app → pci), and is not edited by this change',
    ]);
  });

  test('markdown', () => {
    const result = impact(dir, '--format', 'markdown');
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      '## Impact of this change',
      '',
      `Impact of the change against main (merge base ${mergeBase.slice(0, 12)}): 1 document file changed.`,
      '',
      '### Services changed (1)',
      '',
      '| service | why |',
      '| --- | --- |',
      '| `payments` Payments | catalogue entry changed: zone app → pci |',
      '',
      '### Blast radius (2)',
      '',
      '| service | hops | path |',
      '| --- | --- | --- |',
      '| `checkout` Checkout | 1 | `checkout` → `payments` |',
      '| `web` Web | 2 | `web` → `checkout` → `payments` |',
      '',
      '### Runbooks and procedures to check (4)',
      '',
      '- [ ] Slow checkout (`runbooks/checkout/slow-checkout`) covers `checkout`',
      '- [ ] Payments DB failover (`runbooks/payments/db-failover`) covers `payments`',
      '- [ ] Blank pages (`runbooks/web/blank-pages`) covers `web`',
      '- [ ] Release a service (`procedures/release`) covers `checkout`, `web`',
      '',
      '### Teams to tell (2)',
      '',
      '| team | owns | on call | escalation |',
      '| --- | --- | --- | --- |',
      '| Money Team (`money`) | `payments` | email money-oncall@example.com | after 10m: Money secondary on-call, after 30m: Head of Payments |',
      '| Shop Team (`shop`) | `checkout`, `web` | pager https://pager.example/shop, chat #shop-oncall | after 15m: Shop lead |',
      '',
      '### Possibly stale (1)',
      '',
      '- `content/runbooks/payments/db-failover.md` Payments DB failover: covers payments, whose catalogue entry changed (zone app → pci), and is not edited by this change',
    ]);
  });
});

describe('a change to a runbook: renamed and edited', () => {
  const dir = repository();
  renameSync(join(dir, 'content/runbooks/payments/db-failover.md'), join(dir, 'content/runbooks/payments/database-failover.md'));
  edit(dir, 'content/runbooks/payments/database-failover.md', (t) => t.replace('1. Restart the pods.', '1. Promote the replica.'));
  commit(dir, 'Payments DB failover: promote the replica');
  const mergeBase = git(dir, 'rev-parse', 'main');
  const renamed = 'runbook payments/db-failover → payments/database-failover renamed';

  test('json: the services it covers, their dependents, and the document still naming the old id', () => {
    expect(json(dir)).toEqual({
      version: 1,
      base: 'main',
      mergeBase,
      files: [{ status: 'renamed', path: 'content/runbooks/payments/database-failover.md', from: 'content/runbooks/payments/db-failover.md', document: { collection: 'runbooks', id: 'payments/database-failover' } }],
      changedServices: [
        { id: 'payments', name: 'Payments', owner: 'money', reasons: [renamed] },
        { id: 'payments-db', name: 'Payments DB', owner: 'money', reasons: [renamed] },
      ],
      blastRadius: [
        { id: 'checkout', name: 'Checkout', owner: 'shop', hops: 1, path: ['checkout', 'payments'] },
        { id: 'web', name: 'Web', owner: 'shop', hops: 2, path: ['web', 'checkout', 'payments'] },
      ],
      documents: [
        doc('runbooks', 'checkout/slow-checkout', 'Slow checkout', 'checkout/slow-checkout.md', ['checkout']),
        doc('runbooks', 'payments/database-failover', 'Payments DB failover', 'payments/database-failover.md', ['payments-db', 'payments'], true),
        doc('runbooks', 'web/blank-pages', 'Blank pages', 'web/blank-pages.md', ['web']),
        doc('procedures', 'release', 'Release a service', 'release.md', ['checkout', 'web']),
      ],
      teams: [
        { ...MONEY, services: ['payments', 'payments-db'], documents: ['runbooks/payments/database-failover'] },
        { ...SHOP, services: ['checkout', 'web'], documents: [] },
      ],
      defaultEscalation: null,
      stale: [
        {
          file: 'content/runbooks/checkout/slow-checkout.md',
          line: 9,
          collection: 'runbooks',
          id: 'checkout/slow-checkout',
          title: 'Slow checkout',
          reason: 'names runbook payments/db-failover in "related", which this change renamed to payments/database-failover',
        },
      ],
    });
  });

  test('text and markdown: the rename, the edited runbook, the stale reference with its line', () => {
    const text = impact(dir).stdout.split('\n');
    expect(text).toContain('  R content/runbooks/payments/db-failover.md → content/runbooks/payments/database-failover.md  (runbooks/payments/database-failover)');
    expect(text).toContain('  runbooks/payments/database-failover (Payments DB failover) covers payments-db, payments [edited in this change]');
    expect(text).toContain('  money (Money Team): owns payments, payments-db; owns changed runbooks/payments/database-failover');
    expect(text).toContain('  content/runbooks/checkout/slow-checkout.md:9 (Slow checkout): names runbook payments/db-failover in "related", which this change renamed to payments/database-failover');
    const markdown = impact(dir, '--format', 'markdown').stdout.split('\n');
    expect(markdown).toContain('- [x] Payments DB failover (`runbooks/payments/database-failover`) covers `payments-db`, `payments` (edited in this change)');
    expect(markdown).toContain('- [ ] Slow checkout (`runbooks/checkout/slow-checkout`) covers `checkout`');
    expect(markdown).toContain('- `content/runbooks/checkout/slow-checkout.md:9` Slow checkout: names runbook payments/db-failover in "related", which this change renamed to payments/database-failover');
  });
});

describe('a change to a team: who to tell', () => {
  const dir = repository();
  edit(dir, 'content/teams/money.yaml', (t) => t.replace('  email: money-oncall@example.com', '  email: money-oncall@example.com\n  chat: "#money-oncall"'));
  commit(dir, 'Money Team: on-call chat');
  const mergeBase = git(dir, 'rev-parse', 'main');

  test('json: the team with its new contacts and the services it owns', () => {
    expect(json(dir)).toEqual({
      version: 1,
      base: 'main',
      mergeBase,
      files: [{ status: 'modified', path: 'content/teams/money.yaml', document: { collection: 'teams', id: 'money' } }],
      changedServices: [],
      blastRadius: [],
      documents: [],
      teams: [{ ...MONEY, oncall: { email: 'money-oncall@example.com', chat: '#money-oncall' }, services: ['payments', 'payments-db'], documents: [] }],
      defaultEscalation: null,
      stale: [],
    });
  });

  test('text and markdown: contacts and escalation', () => {
    const text = impact(dir).stdout.trimEnd().split('\n');
    expect(text.slice(text.indexOf('Teams to tell (1)'))).toEqual([
      'Teams to tell (1)',
      '  money (Money Team): owns payments, payments-db',
      '    on call: chat #money-oncall, email money-oncall@example.com',
      '    escalation: after 10m: Money secondary on-call, after 30m: Head of Payments',
      '',
      'Possibly stale (0)',
      '  nothing',
    ]);
    const markdown = impact(dir, '--format', 'markdown').stdout.split('\n');
    expect(markdown).toContain('| Money Team (`money`) | `payments`, `payments-db` | chat #money-oncall, email money-oncall@example.com | after 10m: Money secondary on-call, after 30m: Head of Payments |');
    expect(markdown).toContain('No service is changed.');
  });
});

describe('a removed service', () => {
  const dir = repository();
  rmSync(join(dir, 'content/services/checkout.yaml'));
  commit(dir, 'Checkout is retired');

  test('its dependents come from the catalogue before the change; every document still naming it is stale, with its line', () => {
    const result = json(dir);
    expect(result.files).toEqual([{ status: 'deleted', path: 'content/services/checkout.yaml', document: { collection: 'services', id: 'checkout' } }]);
    expect(result.changedServices).toEqual([{ id: 'checkout', name: 'Checkout', owner: 'shop', reasons: ['catalogue entry removed'] }]);
    expect(result.blastRadius).toEqual([{ id: 'web', name: 'Web', owner: 'shop', hops: 1, path: ['web', 'checkout'] }]);
    expect(result.stale).toEqual([
      { file: 'content/procedures/release.md', line: 8, collection: 'procedures', id: 'release', title: 'Release a service', reason: 'names service checkout in "services", which this change removed' },
      { file: 'content/runbooks/checkout/slow-checkout.md', line: 5, collection: 'runbooks', id: 'checkout/slow-checkout', title: 'Slow checkout', reason: 'names service checkout in "services", which this change removed' },
      { file: 'content/services/web.yaml', line: 5, collection: 'services', id: 'web', title: 'Web', reason: 'names service checkout in "dependsOn", which this change removed' },
    ]);
  });
});

describe('the working tree counts: uncommitted edits and untracked files', () => {
  const dir = repository();
  edit(dir, 'content/runbooks/web/blank-pages.md', (t) => t.replace('Requests fail.', 'Pages are blank.'));
  mkdirSync(join(dir, 'content/runbooks/search'), { recursive: true });
  writeFileSync(join(dir, 'content/runbooks/search/slow-search.md'), readFileSync(join(dir, 'content/runbooks/web/blank-pages.md'), 'utf8').replace('services: [web]', 'services: [search]').replace('WebBlankPages', 'SearchSlow'));

  test('both are listed, and the services they cover', () => {
    const result = json(dir);
    expect(result.files).toEqual([
      { status: 'added', path: 'content/runbooks/search/slow-search.md', document: { collection: 'runbooks', id: 'search/slow-search' } },
      { status: 'modified', path: 'content/runbooks/web/blank-pages.md', document: { collection: 'runbooks', id: 'web/blank-pages' } },
    ]);
    expect(result.changedServices.map((s: { id: string; reasons: string[] }) => [s.id, s.reasons])).toEqual([
      ['search', ['runbook search/slow-search added']],
      ['web', ['runbook web/blank-pages changed']],
    ]);
  });
});

describe('a record of what was done', () => {
  const dir = repository();
  mkdirSync(join(dir, 'content/operations/2026'), { recursive: true });
  writeFileSync(
    join(dir, 'content/operations/2026/2026-11-02-payments-release.md'),
    ['---', 'operationId: 2026-11-02-payments-release', 'title: Payments release 7.1', 'date: 2026-11-02', 'operator: ana', 'category: deployment', 'riskLevel: low', 'serviceImpact: none', 'status: completed', 'services: [payments]', 'procedure: release', '---', '', '## Summary', '', 'Rolled out the release.', '', '## Verification', '', '- [x] Error rate normal.', '', '## Rollback', '', 'Redeploy the previous image.', ''].join('\n'),
  );
  commit(dir, 'Payments release record');

  test('is listed but changes no service', () => {
    const result = json(dir);
    expect(result.files).toEqual([{ status: 'added', path: 'content/operations/2026/2026-11-02-payments-release.md', document: { collection: 'operations', id: '2026/2026-11-02-payments-release' } }]);
    expect(result.changedServices).toEqual([]);
    expect(result.blastRadius).toEqual([]);
    expect(result.stale).toEqual([]);
  });
});

describe('a project in a folder of a larger repository', () => {
  test('paths are relative to the project, and old versions are read from there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-test-'));
    made.push(dir);
    const docs = join(dir, 'docs');
    cpSync(join(fixturePath('impact'), 'content'), join(docs, 'content'), { recursive: true });
    writeFileSync(join(dir, 'app.txt'), 'the application\n');
    git(dir, 'init', '-q', '-b', 'main');
    commit(dir, 'Application and documents');
    git(dir, 'checkout', '-q', '-b', 'change');
    rmSync(join(docs, 'content/services/search.yaml'));
    writeFileSync(join(dir, 'app.txt'), 'the application, changed\n');
    commit(dir, 'Search is retired');
    const result = json(docs);
    expect(result.files).toEqual([{ status: 'deleted', path: 'content/services/search.yaml', document: { collection: 'services', id: 'search' } }]);
    expect(result.changedServices).toEqual([{ id: 'search', name: 'Search', owner: 'shop', reasons: ['catalogue entry removed'] }]);
  });
});

describe('errors', () => {
  test('a base that names no commit: exit 2 with a hint to fetch it', () => {
    const dir = repository();
    const result = runScript('impact.ts', ['--root', dir, '--base', 'origin/release']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('The base "origin/release" names no commit in this repository.\nHint: Fetch it first (git fetch origin release); in GitHub Actions check out with fetch-depth: 0.');
  });

  test('a folder outside git: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'impact-nogit-'));
    made.push(dir);
    cpSync(join(fixturePath('impact'), 'content'), join(dir, 'content'), { recursive: true });
    const result = impact(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${dir} is not inside a git repository.`);
  });

  test('usage: --base is required, formats are named', () => {
    const dir = repository();
    expect(runScript('impact.ts', ['--root', dir]).stderr).toContain('--base is required');
    const result = impact(dir, '--format', 'html');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown --format "html".');
  });
});
