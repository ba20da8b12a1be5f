/** `npm run new`: every kind makes a document that passes `check` at once; missing fields and clashes are refused. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fixturePath } from '../helpers/content.ts';
import { runScript } from '../helpers/cli.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsbook-new-'));
  cpSync(fixturePath('valid'), root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const create = (...args: string[]) => runScript('new.ts', [...args, '--root', root], { OPSBOOK_NOW: '2026-11-23' });

test.each([
  ['runbook', ['checkout/cache-stale', '--title', 'Checkout cache serves stale prices', '--summary', 'Purge and rebuild the price cache.', '--owner', 'shop', '--services', 'checkout, payments', '--alerts', 'CheckoutCacheStale', '--severity', 'warning'], 'content/runbooks/checkout/cache-stale.md'],
  ['procedure', ['cache-warmup', '--title', 'Cache warm-up', '--summary', 'Warm the caches before a launch.', '--owner', 'shop'], 'content/procedures/cache-warmup.md'],
  ['operation', ['cache-flush', '--title', 'Flush the price cache', '--operator', 'ana', '--category', 'maintenance', '--risk', 'high', '--supervisor', 'ben', '--impact', 'minimal', '--services', 'checkout', '--date', '2026-12-01', '--procedure', 'release'], 'content/operations/2026/2026-12-01-cache-flush.md'],
  ['operation', ['2026-11-23-hotfix', '--title', 'Hotfix', '--operator', 'ana', '--category', 'deployment', '--risk', 'low', '--impact', 'none', '--services', 'payments', '--status', 'in-progress'], 'content/operations/2026/2026-11-23-hotfix.md'],
  ['service', ['price-cache', '--name', 'Price cache', '--owner', 'shop', '--tier', '2', '--zone', 'data', '--description', 'Redis holding computed prices.'], 'content/services/price-cache.yaml'],
  ['team', ['pricing', '--name', 'Pricing', '--chat', '#pricing-oncall', '--pager', 'https://pager.example/pricing'], 'content/teams/pricing.yaml'],
])('new %s writes a document that passes check, its placeholders marked as unwritten', (kind, args, file) => {
  const result = create(kind, ...args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(`Created ${file}. Fill in the sections, then run npm run check.\n`);
  expect(existsSync(join(root, file))).toBe(true);
  const check = runScript('check.ts', ['--root', root]);
  expect(check.status).toBe(0);
  const findings = check.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
  // A Markdown template's prose is placeholder text: each such line is a warning until written, and nothing else is wrong.
  for (const line of findings) expect(line).toMatch(new RegExp(`^${file}:\\d+:1 warning This line is still the template's placeholder: .* body/template-text$`));
  expect(findings.length > 0).toBe(file.endsWith('.md'));
});

test('a document still holding its template does not count as reviewed; once written it does', () => {
  create('runbook', 'checkout/cache-stale', '--title', 'Checkout cache serves stale prices', '--summary', 'Purge and rebuild the price cache.', '--owner', 'shop', '--services', 'checkout');
  const file = 'content/runbooks/checkout/cache-stale.md';
  const audit = runScript('audit.ts', ['--root', root, '--rule', 'audit/template-text', '--format', 'json', '--now', '2026-11-23']);
  const findings = JSON.parse(audit.stdout).findings as { file: string; message: string }[];
  expect(findings.map((f) => f.file)).toEqual([file]);
  expect(findings[0]!.message).toMatch(/^Still holds \d+ lines of the template \(line [\d, ]+\), so it does not count as reviewed$/);
  const text = readFileSync(join(root, file), 'utf8').split('\n').filter((l) => !/^(- Describe what on-call|Describe the impact|1\. Describe the first)/.test(l)).join('\n');
  writeFileSync(join(root, file), text);
  expect(JSON.parse(runScript('audit.ts', ['--root', root, '--rule', 'audit/template-text', '--format', 'json', '--now', '2026-11-23']).stdout).findings).toEqual([]);
});

test('an operation id is made from the date and a slug; medium risk and above get a Rollback section', () => {
  create('operation', 'db-drill', '--title', 'DB drill', '--operator', 'ana', '--category', 'maintenance', '--risk', 'medium', '--impact', 'none', '--services', 'payments');
  const text = readFileSync(join(root, 'content/operations/2026/2026-11-23-db-drill.md'), 'utf8');
  expect(text).toContain('operationId: 2026-11-23-db-drill\n');
  expect(text).toContain('date: 2026-11-23\n');
  expect(text).toContain('status: planned\n');
  expect(text).toContain('\n## Rollback\n');
});

test('without a terminal, missing fields are named and nothing is written', () => {
  const result = create('runbook', 'checkout/new-one', '--title', 'New');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Missing (stdin is not a terminal, so nothing can be asked): --summary (One sentence: when to use it), --owner (Owning team id), --services (Service ids it covers (comma-separated)).');
  expect(existsSync(join(root, 'content/runbooks/checkout/new-one.md'))).toBe(false);
  const risky = create('operation', 'x', '--title', 'X', '--operator', 'ana', '--category', 'migration', '--risk', 'critical', '--impact', 'high', '--services', 'checkout');
  expect(risky.stderr).toContain('Missing (stdin is not a terminal, so nothing can be asked): --supervisor (Supervisor).');
});

test('an existing document is never overwritten, whatever its extension', () => {
  const before = readFileSync(join(root, 'content/runbooks/payments/provider-errors.mdx'), 'utf8');
  const result = create('runbook', 'payments/provider-errors', '--title', 'T', '--summary', 's', '--owner', 'shop', '--services', 'payments');
  expect(result.status).toBe(1);
  expect(result.stderr).toBe('content/runbooks/payments/provider-errors.mdx already exists; nothing was written. Choose another id or edit that file.\n');
  expect(readFileSync(join(root, 'content/runbooks/payments/provider-errors.mdx'), 'utf8')).toBe(before);
});

test.each([
  [['runbook', 'Bad Id', '--title', 'T'], 2, '"Bad Id" is not a valid runbook id'],
  [['widget', 'x'], 2, 'Unknown kind "widget".'],
  [['team', 'x', '--name', 'X', '--tier', '1'], 2, 'A team has no field --tier.'],
  [['service', 'x', '--name', 'X', '--owner', 'shop', '--tier', '7'], 2, '--tier: "7" is not one of 1, 2, 3, 4.'],
  [['service', 'x', '--name', 'X', '--owner', 'shop', '--tier', '1', '--zone', 'z', '--description', 'd'], 0, ''],
  [['runbook', 'x', '--title', 'T', '--summary', 's', '--owner', 'nobody', '--services', 'checkout'], 2, '--owner: There is no team "nobody". Known: shop.'],
  [['runbook', 'x', '--title', 'T', '--summary', 's', '--owner', 'shop', '--services', 'checkout, paymnts'], 2, '--services: There is no service "paymnts"; did you mean "payments"?'],
  [['runbook', 'x', '--title', 'T', '--summary', 's', '--owner', 'shop', '--services', 'checkout', '--severity', 'critcal'], 2, '--severity: "critcal" is not one of critical, warning, info; did you mean "critical"?'],
])('%j is refused', (args, status, message) => {
  const result = create(...args);
  expect(result.status).toBe(status);
  expect(result.stderr).toContain(message);
});
