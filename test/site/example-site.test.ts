/** The example content in content/ builds into a site with a page for every document. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { crawl } from '../helpers/crawl.ts';
import { openProject } from '../../src/core/project.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { builtSite } from '../helpers/site.ts';

const site = builtSite('example');

test('the example content builds with a page for every document and catalogue entry', async () => {
  expect(site.status, site.output).toBe(0);
  const project = await openProject(REPO_ROOT);
  expect(project.diagnostics).toEqual([]);
  const counts = Object.fromEntries(Object.entries(project.byId).map(([name, docs]) => [name, docs.size]));
  expect(counts.teams).toBeGreaterThanOrEqual(3);
  expect(counts.services).toBeGreaterThanOrEqual(10);
  expect(counts.runbooks).toBeGreaterThanOrEqual(10);
  expect(counts.procedures).toBeGreaterThanOrEqual(5);
  expect(counts.operations).toBeGreaterThanOrEqual(15);
  for (const doc of project.documents) expect(site.exists(`/${doc.collection}/${doc.id}/`), doc.file).toBe(true);
});

test('every internal href and src in the built site resolves to a page, anchor or file', () => {
  const result = crawl(site.dist);
  expect(result.broken).toEqual([]);
  expect(result.pages).toBeGreaterThan(70);
  expect(result.links).toBeGreaterThan(1000);
});

test('alert pages lead to their runbook without JavaScript, and alerts.json lists every alert', async () => {
  const page = site.page('/alerts/paymentsdbprimarydown/');
  expect(page).toContain('<meta http-equiv="refresh" content="0; url=/runbooks/payments/payments-db-failover/">');
  expect(page).toMatch(/<a href="\/runbooks\/payments\/payments-db-failover\/">Payments database primary failover<\/a>/);
  const alerts = JSON.parse(readFileSync(join(site.dist, 'alerts.json'), 'utf8'));
  const project = await openProject(REPO_ROOT);
  expect(Object.keys(alerts).sort()).toEqual([...project.alerts.values()].map((a) => a.name).sort());
  expect(alerts.PaymentsDbPrimaryDown).toEqual({
    url: '/alerts/paymentsdbprimarydown/',
    runbook: 'payments/payments-db-failover',
    runbookUrl: '/runbooks/payments/payments-db-failover/',
    title: 'Payments database primary failover',
    severity: 'critical',
  });
  expect(site.page('/alerts/')).toContain('href="/alerts/paymentsdbprimarydown/"');
});

test('hubs: a service lists runbooks, alerts, operations and neighbours; procedures show their chain; backlinks everywhere', () => {
  const service = site.page('/services/payments-db/');
  expect(service).toContain('href="/runbooks/payments/payments-db-failover/"');
  expect(service).toContain('href="/alerts/paymentsdbprimarydown/"');
  expect(service).toMatch(/<h2 id="used-by">Used by<\/h2>[\s\S]*href="\/services\/payments-api\/"/);
  expect(service).not.toContain('class="recent"');
  expect(site.page('/services/payments-api/')).toMatch(/<li class="recent"><time datetime="2026-11-04">2026-11-04<\/time> <a href="\/operations\/2026\/2026-11-04-payments-api-v7-deploy\/">/);
  const procedure = site.page('/procedures/production-deployment/');
  expect(procedure).toMatch(/Handed over from[\s\S]*href="\/procedures\/database-migration\/"[\s\S]*Hands over to[\s\S]*href="\/procedures\/incident-postmortem\/"/);
  const runbook = site.page('/runbooks/payments/payments-db-failover/');
  expect(runbook).toMatch(/<h2 id="referenced-by">Referenced by<\/h2>[\s\S]*href="\/operations\/2026\/2026-01-14-payments-db-failover-drill\/"/);
  expect(runbook).toContain('<img src="/runbooks/payments/img/payments-db-topology.svg"');
  expect(site.exists('/runbooks/payments/img/payments-db-topology.svg')).toBe(true);
});

test('the example content exercises every status, risk level and category', async () => {
  const project = await openProject(REPO_ROOT);
  const operations = [...project.byId.operations.values()].map((d) => d.data!);
  expect(new Set(operations.map((o) => o.status))).toEqual(new Set(['planned', 'in-progress', 'completed', 'failed', 'rolled-back']));
  expect(new Set(operations.map((o) => o.riskLevel))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
  expect(new Set(operations.map((o) => o.category)).size).toBe(7);
  const months = new Set(operations.map((o) => String(o.date).slice(0, 7)));
  expect(months.size).toBeGreaterThanOrEqual(12);
  const zones = new Set([...project.byId.services.values()].map((s) => s.data!.zone));
  expect(zones.size).toBeGreaterThanOrEqual(2);
  const mermaid = [...project.byId.runbooks.values()].filter((r) => r.bodyText?.includes('```mermaid'));
  expect(mermaid.length).toBeGreaterThanOrEqual(2);
});

test('the review page, freshness badges and checklist progress follow the audit rules as of the build date', async () => {
  const { runAudit } = await import('../../src/core/audit/audit.ts');
  const project = await openProject(REPO_ROOT);
  const findings = runAudit(project, { today: '2026-11-23' });
  const review = site.page('/review/');
  expect(review).toContain('As of the build on <time datetime="2026-11-23">2026-11-23</time> (UTC)');
  expect(review.match(/<li class="finding finding-(error|warning)">/g)!.length).toBe(findings.length);
  for (const team of new Set(findings.map((f) => f.owner))) expect(review).toContain(`id="team-${team}"`);
  expect(review).toMatch(/<h3>Overdue \(\d+\)<\/h3>[\s\S]*href="\/runbooks\/edge\/cdn-cache-purge\/"/);
  expect(site.page('/runbooks/edge/cdn-cache-purge/')).toContain('<span class="freshness freshness-overdue">Review overdue by 24 days (due 2026-10-30)</span>');
  expect(site.page('/runbooks/platform/tls-certificate-expiry/')).toContain('<span class="freshness freshness-due-soon">Reviewed 85 days ago · review due in 7 days (2026-11-30)</span>');
  expect(site.page('/runbooks/storefront/checkout-latency/')).toContain('<span class="freshness freshness-fresh">Reviewed 11 days ago · next due 2027-02-12</span>');
  expect(site.page('/operations/2026/2026-08-25-auth-signing-key-rotation/')).toContain('<span class="progress progress-gap">Verification 4/5</span>');
  expect(site.page('/')).toContain('Built on <time datetime="2026-11-23">2026-11-23</time> (UTC)');
});
