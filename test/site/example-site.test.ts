/** The example content in content/ builds into a site with a page for every document. */
import { beforeAll, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { REPO_ROOT } from '../helpers/content.ts';
import { buildSite, prepareSite, type SiteBuild } from '../helpers/site.ts';

let site: SiteBuild;
beforeAll(() => {
  site = buildSite(prepareSite('example', REPO_ROOT));
});

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
