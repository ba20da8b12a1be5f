import { describe, expect, test } from 'vitest';
import { groupBacklinks } from '../../../src/core/links/backlinks.ts';
import { procedureChain, serviceHub, teamHub } from '../../../src/core/views/hubs.ts';
import { resolveLink } from '../../../src/core/links/links.ts';
import { alertPath, alertSlug } from '../../../src/core/links/urls.ts';
import { projectFromFixture } from '../../helpers/content.ts';

describe('body links resolve to site paths', () => {
  const project = projectFromFixture('links');
  const from = 'content/runbooks/ops/good.md';

  test.each([
    ['./other.md', '/runbooks/ops/other/'],
    ['./other', '/runbooks/ops/other/'],
    ['other.md#mitigation', '/runbooks/ops/other/#mitigation'],
    ['#diagnosis', '/runbooks/ops/good/#diagnosis'],
    ['../../procedures/release.md', '/procedures/release/'],
    ['../../services/checkout.yaml#runbooks', '/services/checkout/#runbooks'],
    ['./files/pool.ini', '/runbooks/ops/files/pool.ini'],
    ['./img/map.png', '/runbooks/ops/img/map.png'],
  ])('%s → %s', (url, path) => {
    expect(resolveLink(project.linkIndex, from, url)).toMatchObject({ ok: true, path });
  });

  test('external links are left alone', () => {
    for (const url of ['https://example.com/x.md', 'mailto:shop@example.com', '//cdn.example/x']) expect(resolveLink(project.linkIndex, from, url)).toEqual({ ok: 'external' });
  });

  test('every link of the good file is recorded once (a reference-style link through its definition)', () => {
    const links = project.links.filter((l) => l.from.file === from);
    expect(links.map((l) => l.path)).toEqual([
      '/runbooks/ops/other/',
      '/runbooks/ops/other/',
      '/runbooks/ops/other/#mitigation',
      '/runbooks/ops/good/#diagnosis',
      '/procedures/release/',
      '/services/checkout/#runbooks',
      '/runbooks/ops/files/pool.ini',
      '/runbooks/ops/img/map.png',
      '/runbooks/ops/other/#impact',
    ]);
  });
});

describe('backlinks', () => {
  test('group referring documents by kind, from frontmatter and body links', () => {
    const project = projectFromFixture('links');
    const other = project.byId.runbooks.get('ops/other')!;
    const groups = groupBacklinks(project.backlinks.get(other), project.kinds);
    expect(groups.map((g) => [g.collection, g.entries.map((e) => `${e.doc.id} (${e.via.join(', ')})`)])).toEqual([['runbooks', ['ops/good (body)']]]);
    const checkout = project.byId.services.get('checkout')!;
    expect(groupBacklinks(project.backlinks.get(checkout), project.kinds).map((g) => [g.collection, g.entries.map((e) => `${e.doc.id} (${e.via.join(', ')})`)])).toEqual([
      ['runbooks', ['ops/broken (services)', 'ops/good (body, services)', 'ops/other (services)']],
    ]);
  });
});

describe('hubs', () => {
  const project = projectFromFixture('valid');

  test('a service hub: neighbours both ways, runbooks, alerts, procedures, operations newest first', () => {
    expect(serviceHub(project, 'payments', '2026-05-01')).toEqual({
      dependencies: [],
      dependents: [{ service: 'checkout', kind: 'sync' }],
      runbooks: ['checkout/slow-checkout', 'payments/provider-errors'],
      alerts: [
        { name: 'CheckoutLatencyHigh', path: '/alerts/checkoutlatencyhigh/', runbook: 'checkout/slow-checkout' },
        { name: 'PaymentsProviderErrors', path: '/alerts/paymentsprovidererrors/', runbook: 'payments/provider-errors' },
      ],
      procedures: [],
      operations: [
        { id: '2026/2026-05-20-edge-certificates', date: '2026-05-20', recent: false },
        { id: '2026/2026-04-10-payments-maintenance', date: '2026-04-10', recent: true },
      ],
      listed: [],
    });
    const checkout = serviceHub(project, 'checkout', '2026-08-01');
    expect(checkout.operations).toEqual([
      { id: '2026/2026-05-20-edge-certificates', date: '2026-05-20', recent: true },
      { id: '2026/2026-03-02-checkout-release', date: '2026-03-02', recent: false },
    ]);
    expect(checkout.procedures).toEqual(['release']);
  });

  test('a team hub lists what the team owns', () => {
    expect(teamHub(project, 'shop')).toMatchObject({ services: ['checkout', 'payments'], runbooks: ['checkout/slow-checkout', 'payments/provider-errors'], procedures: ['postmortem', 'release'] });
  });

  test('a procedure chain joins declared and inferred hand-overs', () => {
    expect(procedureChain(project, 'release')).toEqual({ from: [], to: ['postmortem'] });
    expect(procedureChain(project, 'postmortem')).toEqual({ from: ['release'], to: [] });
  });
});

test.each([
  ['PaymentsDbPrimaryDown', 'paymentsdbprimarydown'],
  ['Checkout Latency/High', 'checkout-latency-high'],
  ['disk.usage_high', 'disk.usage_high'],
  ['  Ünïcode alert ', 'ünïcode-alert'],
])('alert %j gets the URL-safe slug %j', (name, slug) => {
  expect(alertSlug(name)).toBe(slug);
  expect(alertPath(name)).toBe(`/alerts/${encodeURIComponent(slug)}/`);
});
