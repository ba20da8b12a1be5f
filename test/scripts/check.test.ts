/** `npm run check`: the same findings as the build, in each format, with the exit code. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { runScript } from '../helpers/cli.ts';

const REFS = fixturePath('references');
const check = (...args: string[]) => runScript('check.ts', args);

test('the example content is clean: exit 0, and its MDX documents are listed', () => {
  expect(check('--root', REPO_ROOT)).toMatchObject({
    status: 0,
    stdout: 'No problems found.\n1 MDX document (runs as code at build time): content/runbooks/payments/payment-provider-errors.mdx\n',
  });
});

test('text: one line per problem, grouped by file, with a summary; exit 1', () => {
  const result = check('--root', REFS);
  expect(result.status).toBe(1);
  expect(result.stdout).toBe(
    [
      'content/procedures/release-process.md:7:12 error "triggers[0]" names no procedure "nope". Ids are file paths inside content/procedures/, without the extension. refs/missing',
      '',
      'content/runbooks/a.md:4:8 error "owner" names no team "shpo"; did you mean "shop"? Ids are file paths inside content/teams/, without the extension. refs/missing',
      'content/runbooks/a.md:7:14 error "related[1]" names no runbook, procedure or guide "release-proces"; did you mean "release-process"? Ids are file paths inside content/runbooks/, content/procedures/ or content/guides/, without the extension. refs/missing',
      '',
      'content/services/checkout.yaml:5:14 error "dependsOn[0].service" names no service "paymnts"; did you mean "payments"? Ids are file paths inside content/services/, without the extension. refs/missing',
      '',
      'content/services/payments.yaml:2:8 error "owner" names no team "Shop"; did you mean "shop"? Ids are lower-case. refs/missing',
      '',
      'By rule: refs/missing 5.',
      '5 errors and 0 warnings in 4 files.',
      '',
    ].join('\n'),
  );
});

test('github: workflow annotations, chosen automatically under GitHub Actions', () => {
  const explicit = check('--root', REFS, '--format', 'github');
  const automatic = runScript('check.ts', ['--root', REFS], { GITHUB_ACTIONS: 'true' });
  expect(automatic.stdout).toBe(explicit.stdout);
  expect(explicit.status).toBe(1);
  expect(explicit.stdout.split('\n')[0]).toBe('::error file=content/procedures/release-process.md,line=7,col=12,title=refs/missing::"triggers[0]" names no procedure "nope". Ids are file paths inside content/procedures/, without the extension.');
  expect(explicit.stdout.trimEnd().split('\n')).toHaveLength(5);
});

test('json: diagnostics with counts', () => {
  const result = check('--root', REFS, '--format', 'json');
  const json = JSON.parse(result.stdout);
  expect(json.errors).toBe(5);
  expect(json.diagnostics[0]).toEqual({
    file: 'content/procedures/release-process.md',
    line: 7,
    column: 12,
    severity: 'error',
    rule: 'refs/missing',
    message: '"triggers[0]" names no procedure "nope"',
    hint: 'Ids are file paths inside content/procedures/, without the extension.',
  });
});

test('an unknown format is a usage error: exit 2', () => {
  expect(check('--root', REFS, '--format', 'xml')).toMatchObject({ status: 2, stderr: expect.stringMatching(/^Unknown --format "xml". Use text, json or github.\n\nUsage: npm run check/) });
});

test.each([
  [['--formt', 'json'], /^Unknown option '--formt'/],
  [['--root'], /^Option '--root <value>' argument missing/],
  [['--root', 'test'], /^There is no content\/ folder in test: nothing to check\./],
])('%j is a usage error, not a crash: exit 2', (args, message) => {
  const result = check(...args);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('    at ');
});

test('five defects in five files of the example content: all five, with path and line', () => {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-check-'));
  try {
    for (const item of ['content', 'alert-rules', 'opsbook.config.ts']) cpSync(join(REPO_ROOT, item), join(root, item), { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const path = join(root, file);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };
    edit('content/runbooks/edge/api-gateway-5xx.md', 'severity: critical', 'severity: critcal');
    edit('content/procedures/database-migration.md', 'owner: data', 'owner: dta');
    edit('content/services/orders-db.yaml', 'tier: 1', 'tier: one');
    edit('content/operations/2026/2026-03-11-search-cluster-resize.md', 'date: 2026-03-11', 'date: 2026-03-32');
    edit('content/runbooks/payments/payments-db-failover.md', '(./img/payments-db-topology.svg)', '(./img/payments-topology.svg)');
    const result = check('--root', root);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => / error /.test(l));
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      expect.stringMatching(/^content\/operations\/2026\/2026-03-11-search-cluster-resize\.md:\d+:\d+$/),
      expect.stringMatching(/^content\/procedures\/database-migration\.md:\d+:\d+$/),
      expect.stringMatching(/^content\/runbooks\/edge\/api-gateway-5xx\.md:\d+:\d+$/),
      expect.stringMatching(/^content\/runbooks\/payments\/payments-db-failover\.md:\d+:\d+$/),
      expect.stringMatching(/^content\/services\/orders-db\.yaml:\d+:\d+$/),
    ]);
    expect(result.stdout).toContain('5 errors and 0 warnings in 5 files.');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
