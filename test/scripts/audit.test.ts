/**
 * `npm run audit` on fixture trees with a fixed --now: every rule, each format's
 * exact output, the options and the exit codes.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { runScript } from '../helpers/cli.ts';

const AUDIT = fixturePath('audit');
const audit = (...args: string[]) => runScript('audit.ts', ['--now', '2026-11-23', ...args]);

describe('formats', () => {
  test('text: grouped by owner team, counts per rule, a total', () => {
    const result = audit('--root', AUDIT);
    expect(result.status).toBe(1);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      "Audit as of 2026-11-23",
      "",
      "ops: 10 findings (6 errors, 4 warnings)",
      "  content/operations/2026-10-01-unchecked.md:21:1 error Completed, but \"Not checked.\" in Verification is not checked (1/2 done). Check it once verified, or record why it was not and change the status. audit/unchecked-items",
      "  content/operations/2026-10-01-unchecked.md:25:1 error Completed, but \"Ticket closed.\" in Definition of Done is not checked (0/1 done). Check it once verified, or record why it was not and change the status. audit/unchecked-items",
      "  content/operations/2026-10-03-review-passed.md:13:13 error The follow-up review set for 2026-11-01 is 22 days overdue. Review the outcome, record it in the document, and set a new nextReview or remove it. audit/next-review-passed",
      "  content/operations/2026-10-04-invalid.md:13:1 error This document fails validation (1 problem), first: Unknown field \"riskLevl\" in this operation. Run `npm run check` and fix every problem it lists. audit/invalid-document",
      "  content/procedures/active.md:7:14 warning This active procedure lists the draft \"Draft\" in downstream. Finish and activate content/procedures/draft.md, or remove it from downstream until it is ready. audit/draft-linked",
      "  content/procedures/draft.md:23:1 error \"Definition of Done\" has no task-list items. List what must be true when the work is done as \"- [ ] …\" items. audit/missing-dod",
      "  content/runbooks/due-soon.md:6:15 warning Review due in 8 days, on 2026-12-01 (quarterly). Plan the review; update lastReviewed once done. audit/review-due",
      "  content/runbooks/orphan.md:2:8 warning No alert leads to this runbook and no document refers to it. Add the alerts it answers, or link it from the runbooks, procedures or services where on-call would look. audit/orphan-runbook",
      "  content/runbooks/stale.md:6:15 error Review overdue by 114 days (quarterly, last reviewed 2026-05-01). Review it against reality, then update lastReviewed. audit/stale-review",
      "  content/services/api.yaml:4:13 warning Dependency cycle: api → queue → api. Check the cycle is real; if so, make sure a failure of one cannot take the others down (timeouts, async hand-off). audit/dependency-cycle",
      "  by rule: audit/dependency-cycle 1, audit/draft-linked 1, audit/invalid-document 1, audit/missing-dod 1, audit/next-review-passed 1, audit/orphan-runbook 1, audit/review-due 1, audit/stale-review 1, audit/unchecked-items 2",
      "",
      "silent: 2 findings (0 errors, 2 warnings)",
      "  content/services/billing.yaml:1:7 warning No runbook covers Billing (tier 2). Write a runbook for its likely failures with \"services: [billing]\". audit/uncovered-service",
      "  content/teams/silent.yaml:1:7 warning No on-call contact, yet the team owns tier 1–2 service: billing. Add an \"oncall\" block with a pager, chat, email or schedule. audit/team-without-oncall",
      "  by rule: audit/team-without-oncall 1, audit/uncovered-service 1",
      "",
      "Total: 12 findings (6 errors, 6 warnings) for 2 teams.",
    ]);
  });

  test('json: a stable shape that says the same as the text', () => {
    const text = audit('--root', AUDIT).stdout;
    const result = audit('--root', AUDIT, '--format', 'json');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['version', 'now', 'total', 'errors', 'warnings', 'byRule', 'byOwner', 'findings']);
    expect(json).toMatchObject({ version: 1, now: '2026-11-23', total: 12, errors: 6, warnings: 6, byOwner: { ops: 10, silent: 2 } });
    expect(Object.keys(json.findings[0])).toEqual(['file', 'line', 'column', 'severity', 'rule', 'owner', 'message', 'hint']);
    for (const f of json.findings) expect(text).toContain(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);
    expect(text.match(/ audit\/[a-z-]+$/gm)!.length).toBe(json.total);
  });

  test('github: one workflow annotation per finding', () => {
    const lines = audit('--root', AUDIT, '--format', 'github').stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('::error file=content/operations/2026-10-01-unchecked.md,line=21,col=1,title=audit/unchecked-items::[ops] Completed, but "Not checked." in Verification is not checked (1/2 done). Check it once verified, or record why it was not and change the status.');
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(6);
  });

  test('markdown: a summary table per team, then the findings', () => {
    const md = audit('--root', AUDIT, '--format', 'markdown').stdout;
    expect(md).toContain('## Opsbook audit, 2026-11-23\n\n**12 findings (6 errors, 6 warnings).**\n\n| Team | Errors | Warnings |\n| --- | ---: | ---: |\n| ops | 6 | 4 |\n| silent | 0 | 2 |\n');
    expect(md).toContain('| 🟡 | `content/teams/silent.yaml:1` | `audit/team-without-oncall` | No on-call contact, yet the team owns tier 1–2 service: billing | Add an "oncall" block with a pager, chat, email or schedule. |');
  });
});

describe('options and exit codes', () => {
  test.each([
    [['--rule', 'audit/uncovered-service'], 0, 1],
    [['--rule', 'audit/uncovered-service', '--fail-on', 'warning'], 1, 1],
    [['--fail-on', 'never'], 0, 12],
    [['--owner', 'silent'], 0, 2],
    [['--owner', 'silent', '--fail-on', 'warning'], 1, 2],
    [['--owner', 'ops', '--rule', 'audit/stale-review'], 1, 1],
  ])('%j exits %i with %i findings', (args, status, count) => {
    const result = audit('--root', AUDIT, '--format', 'json', ...args);
    expect(result.status).toBe(status);
    expect(JSON.parse(result.stdout).total).toBe(count);
  });

  test.each([
    [['--format', 'yaml'], 'Unknown --format "yaml".'],
    [['--fail-on', 'sometimes'], 'Unknown --fail-on "sometimes".'],
    [['--rule', 'audit/nope'], 'Unknown --rule "audit/nope".'],
    [['--owner', 'nobody'], 'Unknown --owner "nobody". Teams: ops, silent.'],
    [['--now', '2026-02-30'], '--now must be a real date written YYYY-MM-DD, not "2026-02-30".'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('%j is a usage error: exit 2', (args, message) => {
    const result = audit('--root', AUDIT, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run audit');
  });

  test('a folder without content/ is unreadable content: exit 2', () => {
    const result = audit('--root', tmpdir());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No content/ folder in');
  });
});

describe('the example content', () => {
  test('lists the deliberately stale and unfinished documents, grouped by team, and exits 1', () => {
    const result = runScript('audit.ts', ['--now', '2026-11-23', '--root', REPO_ROOT]);
    expect(result.status).toBe(1);
    for (const expected of [
      /^fulfilment: /m,
      /^platform: /m,
      /content\/runbooks\/fulfilment\/warehouse-sync-stalled\.md:\d+:\d+ error Review overdue by 439 days/,
      /content\/runbooks\/edge\/cdn-cache-purge\.md:\d+:\d+ error Review overdue by 24 days/,
      /content\/procedures\/change-review\.md:\d+:\d+ error Review overdue by 53 days/,
      /content\/runbooks\/platform\/tls-certificate-expiry\.md:\d+:\d+ warning Review due in 7 days/,
      /content\/operations\/2026\/2026-08-25-auth-signing-key-rotation\.md:\d+:1 error Completed, but/,
      /content\/operations\/2026\/2026-09-15-metrics-stack-retention-change\.md:\d+:\d+ error The follow-up review set for 2026-10-15/,
    ]) expect(result.stdout).toMatch(expected);
    const json = JSON.parse(runScript('audit.ts', ['--now', '2026-11-23', '--root', REPO_ROOT, '--format', 'json']).stdout);
    for (const f of json.findings) expect(result.stdout).toContain(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);
  });
});

test('a stale runbook and an unfinished operation appear in the audit, and disappear once fixed', () => {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-audit-'));
  try {
    cpSync(fixturePath('valid'), root, { recursive: true });
    const before = audit('--root', root, '--format', 'json');
    const baseline = JSON.parse(before.stdout).findings.map((f: { file: string }) => f.file);
    const runbook = join(root, 'content/runbooks/checkout/old-notes.md');
    const operation = join(root, 'content/operations/2026/2026-11-02-cache-flush.md');
    const writeRunbook = (reviewed: string) => writeFileSync(runbook, `---\ntitle: Old notes\nsummary: s\nowner: shop\nservices: [checkout]\nalerts: [CheckoutCacheStale]\nlastReviewed: ${reviewed}\n---\n\n## Symptoms\nx\n## Impact\nx\n## Diagnosis\nx\n## Mitigation\nx\n## Escalation\nx\n## Verification\n- [ ] x\n`);
    const writeOperation = (box: string) => writeFileSync(operation, `---\noperationId: 2026-11-02-cache-flush\ntitle: Cache flush\ndate: 2026-11-02\nstartedAt: 2026-11-02T10:00:00Z\ncompletedAt: 2026-11-02T10:20:00Z\noperator: ana\ncategory: maintenance\nriskLevel: low\nserviceImpact: none\nstatus: completed\nservices: [checkout]\n---\n\n## Summary\nx\n\n## Verification\n\n- [x] Cache empty.\n- ${box} Hit rate back above 90 %.\n`);
    writeRunbook('2025-01-10');
    writeOperation('[ ]');
    const broken = audit('--root', root);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('content/runbooks/checkout/old-notes.md:7:15 error Review overdue by 592 days (quarterly, last reviewed 2025-01-10).');
    expect(broken.stdout).toContain('content/operations/2026/2026-11-02-cache-flush.md:21:1 error Completed, but "Hit rate back above 90 %." in Verification is not checked (1/2 done).');
    writeRunbook('2026-11-20');
    writeOperation('[x]');
    const fixed = JSON.parse(audit('--root', root, '--format', 'json').stdout).findings.map((f: { file: string }) => f.file);
    expect(fixed).toEqual(baseline);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
