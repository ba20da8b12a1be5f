/**
 * Table tests for the collection schemas, through the real parser: each case
 * is a document as an author would write it, and the exact diagnostics.
 */
import { describe, expect, test } from 'vitest';
import { checkText, lines } from '../../helpers/content.ts';

const runbookBody = ['', '## Symptoms', 'x', '## Impact', 'x', '## Diagnosis', 'x', '## Mitigation', 'x', '## Escalation', 'x', '## Verification', '- [ ] x'];

function runbook(...frontmatter: string[]): string {
  return lines('---', ...frontmatter, '---', ...runbookBody);
}

const validRunbook = ['title: Payments DB failover', 'summary: Fail over the payments database.', 'owner: payments', 'services: [payments-db]', 'lastReviewed: 2026-10-20'];

describe('runbooks', () => {
  test('a minimal runbook is valid and gets its default review cycle', () => {
    expect(checkText('runbooks', 'payments/db-failover.md', runbook(...validRunbook))).toEqual([]);
  });

  test.each([
    ['unknown key with a did-you-mean', [...validRunbook, 'lastReveiwed: 2026-10-20'], ['content/runbooks/r.md:7:1 error Unknown field "lastReveiwed" in this runbook. Did you mean "lastReviewed"? schema/unknown-key']],
    ['missing required field', validRunbook.filter((l) => !l.startsWith('owner')), ['content/runbooks/r.md:2:1 error "owner" is required for runbooks. Add "owner: <team id>"; teams are the files in content/teams/. schema/required']],
    ['number where text is expected', [...validRunbook.filter((l) => !l.startsWith('title')), 'title: 1.10'], ['content/runbooks/r.md:6:8 error "title" must be text, but YAML reads 1.10 as a number. Quote the value: title: "1.10". schema/type']],
    ['boolean where text is expected', [...validRunbook, 'alerts: [yes, true]'], ['content/runbooks/r.md:7:10 error This value is yes, which many YAML readers take as true. Quote the value: "yes". yaml/ambiguous-boolean', 'content/runbooks/r.md:7:15 error "alerts[1]" must be text, but YAML reads true as a boolean. Quote the value: "true". schema/type']],
    ['enum with a did-you-mean', [...validRunbook, 'severity: critcal'], ['content/runbooks/r.md:7:11 error "severity" must be one of critical, warning, info, not "critcal". Did you mean "critical"? schema/enum']],
    ['impossible date', [...validRunbook.filter((l) => !l.startsWith('lastReviewed')), 'lastReviewed: 2026-02-30'], ['content/runbooks/r.md:6:15 error "lastReviewed" is not a real date: 2026-02-30 (February 2026 has 28 days). Correct the day or month; dates are never rolled over. schema/date']],
    ['month 13', [...validRunbook.filter((l) => !l.startsWith('lastReviewed')), 'lastReviewed: 2024-13-01'], ['content/runbooks/r.md:6:15 error "lastReviewed" is not a real date: 2024-13-01 (there is no month 13). Correct the day or month; dates are never rolled over. schema/date']],
    ['date in another format', [...validRunbook.filter((l) => !l.startsWith('lastReviewed')), 'lastReviewed: 20/10/2026'], ['content/runbooks/r.md:6:15 error "lastReviewed" must be a date written YYYY-MM-DD, not "20/10/2026". Write the date as YYYY-MM-DD, e.g. 2026-03-14. schema/date']],
    ['a list given as text', [...validRunbook.filter((l) => !l.startsWith('services')), 'services: payments-db'], ['content/runbooks/r.md:6:11 error "services" must be a list, not text. Write a list: services: [payments-db]. schema/type']],
    ['an empty list', [...validRunbook.filter((l) => !l.startsWith('services')), 'services: []'], ['content/runbooks/r.md:6:11 error "services" needs at least 1 entry. Add the services as a list: services: [id]. schema/required']],
    ['dashboard without a URL scheme', [...validRunbook, 'dashboards:', '  - title: Replication', '    url: grafana.example/d/1'], ['content/runbooks/r.md:9:10 error "dashboards[0].url" must be an http(s) URL, not "grafana.example/d/1". Write the full address, starting with https://. schema/url']],
  ])('%s', (_name, frontmatter, expected) => {
    expect(checkText('runbooks', 'r.md', runbook(...frontmatter))).toEqual(expected);
  });
});

const validOperation = [
  'operationId: 2026-01-14-payments-db-failover-drill',
  'title: Payments DB failover drill',
  'date: 2026-01-14',
  'startedAt: 2026-01-14T21:00:00Z',
  'completedAt: 2026-01-14T22:10:00Z',
  'operator: a.brennan',
  'category: maintenance',
  'riskLevel: low',
  'serviceImpact: minimal',
  'status: completed',
  'services: [payments-db]',
];

function operation(frontmatter: string[], body: string[] = ['## Summary', 'x', '## Verification', '- [x] x', '## Rollback', 'x']): string {
  return lines('---', ...frontmatter, '---', '', ...body);
}

const replace = (rows: string[], key: string, value?: string) => {
  const kept = rows.filter((l) => !l.startsWith(`${key}:`));
  return value === undefined ? kept : [...kept, `${key}: ${value}`];
};

describe('operations', () => {
  const path = '2026/2026-01-14-payments-db-failover-drill.md';
  test('a complete record is valid', () => {
    expect(checkText('operations', path, operation(validOperation))).toEqual([]);
  });

  test.each([
    ['completedAt required once completed', replace(validOperation, 'completedAt'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:2:1 error "completedAt" is required when status is completed. Add "completedAt: 2026-01-14T22:40:00Z" with the time the work ended. operation/completed-at']],
    ['completedAt not before startedAt', replace(validOperation, 'completedAt', '2026-01-14T20:00:00Z'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:12:14 error "completedAt" (2026-01-14T20:00:00Z) is before startedAt (2026-01-14T21:00:00Z). Check both times and their UTC offsets. operation/completed-at']],
    ['completedAt while still planned', replace(validOperation, 'status', 'planned'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:6:14 error "completedAt" is set but status is planned. Set status to completed, failed or rolled-back, or remove completedAt. operation/completed-at']],
    ['supervisor for high risk', replace(validOperation, 'riskLevel', 'high'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:2:1 error "supervisor" is required when riskLevel is high. Add "supervisor: <handle>" naming who supervised the operation. operation/supervisor']],
    ['date must match the operationId', replace(validOperation, 'date', '2026-01-15'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:12:7 error "date" is 2026-01-15 but operationId starts with 2026-01-14. The date and the operationId (and so the file name) must name the same day. operation/date-mismatch']],
    ['operationId format', replace(validOperation, 'operationId', 'Payments_Drill'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:12:14 error "operationId" must be YYYY-MM-DD-<slug> (lower-case words joined by hyphens), not "Payments_Drill". Example: 2026-03-14-orders-db-failover. schema/format']],
    ['timestamp without an offset', replace(validOperation, 'startedAt', '2026-01-14T21:00:00'), ['content/operations/2026/2026-01-14-payments-db-failover-drill.md:12:12 error "startedAt" must be a timestamp with a UTC offset, not "2026-01-14T21:00:00". Write it as 2026-01-14T21:05:00Z (or with an offset such as +01:00). schema/timestamp']],
  ])('%s', (_name, frontmatter, expected) => {
    expect(checkText('operations', path, operation(frontmatter))).toEqual(expected);
  });
});

describe('services and teams', () => {
  test('a service with both dependency forms is valid', () => {
    const text = lines('name: Checkout API', 'owner: payments', 'tier: 1', 'dependsOn:', '  - payments-api', '  - service: orders-db', '    kind: data', '    note: writes orders', 'zone: app', 'slo:', '  availability: 99.95');
    expect(checkText('services', 'checkout-api.yaml', text)).toEqual([]);
  });

  test.each([
    ['tier out of range', lines('name: X', 'owner: a', 'tier: 5'), ['content/services/x.yaml:3:7 error "tier" must be one of 1, 2, 3, 4, not 5. Use one of: 1, 2, 3, 4. schema/enum']],
    ['a word other YAML readers take as a boolean', lines('name: X', 'owner: a', 'tier: 2', 'zone: no'), ['content/services/x.yaml:4:7 error "zone" is no, which many YAML readers take as false. Quote the value: "no". yaml/ambiguous-boolean']],
    ['dependency kind outside the enum', lines('name: X', 'owner: a', 'tier: 2', 'dependsOn:', '  - service: b', '    kind: rpc'), ['content/services/x.yaml:6:11 error "dependsOn[0].kind" must be one of sync, async, data, not "rpc". Use one of: sync, async, data. schema/enum']],
    ['unknown key inside a dependency', lines('name: X', 'owner: a', 'tier: 2', 'dependsOn:', '  - service: b', '    knd: sync'), ['content/services/x.yaml:6:5 error Unknown field "knd" in "dependsOn[0]". Did you mean "kind"? schema/unknown-key']],
  ])('%s', (_name, text, expected) => {
    expect(checkText('services', 'x.yaml', text)).toEqual(expected);
  });

  test.each([
    ['empty oncall', lines('name: Data', 'oncall: {}'), ['content/teams/t.yaml:2:9 error "oncall" needs at least one of pager, chat, email or schedule. Add a pager URL, chat channel, email or schedule, or remove "oncall". schema/oncall-empty']],
    ['bad escalation delay', lines('name: Data', 'escalation:', '  - after: 15 minutes', '    contact: lead'), ['content/teams/t.yaml:3:12 error "escalation[0].after" must be a duration such as 15m, 1h or 1h30m, not "15 minutes". Use whole numbers with d, h and m, in that order. schema/duration']],
  ])('%s', (_name, text, expected) => {
    expect(checkText('teams', 't.yaml', text)).toEqual(expected);
  });
});
