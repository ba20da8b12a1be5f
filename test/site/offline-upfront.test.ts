/**
 * What a first visit saves, chosen from the example site's built pages:
 * the shell always, then whole runbook bundles most urgent first within the
 * budget; and the worker written from it is valid JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { upfrontBudget, upfrontCandidates, upfrontSet } from '../../src/lib/offline/upfront.ts';
import { builtSite } from '../helpers/site.ts';
import { PARTS_FILE } from '../../src/scripts/search-parts.ts';

const site = builtSite('example');

describe('the up-front set', async () => {
  const project = await openProject(site.root);
  const candidates = upfrontCandidates(project.documents, ['runbooks']);
  const severity = (path: string) => project.documents.find((d) => d.collection === 'runbooks' && `/runbooks/${d.id}/` === path)?.data?.severity;

  test('candidates are every runbook, critical first, then warning, info and none', () => {
    expect(site.status, site.output).toBe(0);
    expect(candidates).toHaveLength(project.byId.runbooks.size);
    const ranks = candidates.map((p) => ['critical', 'warning', 'info', undefined].indexOf(severity(p) as string | undefined));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  test('with no budget, only the shell, whose size does not grow with the documents: home, the offline, not-found and search pages, CSS/JS', () => {
    const set = upfrontSet(site.dist, '/', candidates, 0, ['runbooks']);
    expect(set.kept).toBe(0);
    expect(set.shellOverBudget).toBe(true);
    expect(set.urls).toEqual(expect.arrayContaining(['/', '/offline/', '/404.html', '/search/', '/theme-init.js', '/pagefind/pagefind-entry.json']));
    expect(set.urls.some((u) => /^\/_astro\/.+\.css$/.test(u))).toBe(true);
    // What grows with the site waits for the budget: alerts.json, the listings, documents.
    expect(set.urls.filter((u) => u === '/alerts.json' || /^\/(runbooks|alerts)\//.test(u))).toEqual([]);
  });

  test('an index in parts: the shell holds the list of parts and the entry file of each', () => {
    const parted = builtSite('valid-base');
    const parts = JSON.parse(readFileSync(join(parted.dist, PARTS_FILE), 'utf8')) as string[];
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const set = upfrontSet(parted.dist, '/opsbook/', [], 0, []);
    expect(set.urls).toEqual(expect.arrayContaining([`/opsbook/${PARTS_FILE}`, ...parts.map((folder) => `/opsbook/${folder}pagefind-entry.json`)]));
  });

  test('alerts.json comes before any runbook, and the runbook list after them, in what is left', () => {
    const withAlerts = upfrontSet(site.dist, '/', [], Number.MAX_SAFE_INTEGER, []);
    expect(withAlerts.urls).toContain('/alerts.json');
    const justAlerts = upfrontSet(site.dist, '/', candidates, withAlerts.gzipped, ['runbooks']);
    expect(justAlerts.urls).toContain('/alerts.json');
    expect(justAlerts.kept).toBe(0);
    expect(justAlerts.urls).not.toContain('/runbooks/');
    const all = upfrontSet(site.dist, '/', candidates, Number.MAX_SAFE_INTEGER, ['runbooks']);
    const listCost = all.gzipped - upfrontSet(site.dist, '/', candidates, Number.MAX_SAFE_INTEGER, []).gzipped;
    expect(listCost).toBeGreaterThan(0);
    // A budget one byte short of everything keeps every runbook and leaves the list out.
    const short = upfrontSet(site.dist, '/', candidates, all.gzipped - 1, ['runbooks']);
    expect(short.kept).toBe(candidates.length);
    expect(short.urls).not.toContain('/runbooks/');
  });

  test('a budget between the shell and everything keeps the most urgent runbooks whole, and stays within it', () => {
    const shell = upfrontSet(site.dist, '/', candidates, 0, ['runbooks']).gzipped;
    const all = upfrontSet(site.dist, '/', candidates, Number.MAX_SAFE_INTEGER, ['runbooks']);
    expect(all.kept).toBe(candidates.length);
    const budget = Math.round((shell + all.gzipped) / 2);
    const some = upfrontSet(site.dist, '/', candidates, budget, ['runbooks']);
    expect(some.gzipped).toBeLessThanOrEqual(budget);
    expect(some.kept).toBeGreaterThan(0);
    expect(some.kept).toBeLessThan(candidates.length);
    const kept = candidates.filter((p) => some.urls.includes(p));
    expect(kept).toEqual(candidates.slice(0, some.kept));
    // Each kept runbook comes with its team and service pages (from its on-call card) and its images.
    const payments = project.byId.runbooks.get('payments/payments-db-failover')!;
    if (kept.includes('/runbooks/payments/payments-db-failover/')) {
      expect(some.urls).toEqual(expect.arrayContaining([`/teams/${payments.data!.owner}/`, ...payments.data!.services.map((s) => `/services/${s}/`), '/runbooks/payments/img/payments-db-topology.svg']));
    }
  });

  test('the written worker is valid JavaScript with the build\'s list', () => {
    const source = readFileSync(join(site.dist, 'sw.js'), 'utf8');
    expect(() => new Script(source)).not.toThrow();
    const urls = JSON.parse(/const PRECACHE = (\[.*\]);/.exec(source)![1]!) as string[];
    expect(urls).toEqual(upfrontSet(site.dist, '/', candidates, upfrontBudget({}), ['runbooks']).urls);
    expect(site.output).toMatch(/Offline copy: a first visit saves \d+ files \(\d+ KB compressed, budget 1024 KB\): the shell and all \d+ up-front documents/);
  });

  test('OPSBOOK_OFFLINE_BUDGET is kilobytes, and anything else is refused with what to do', () => {
    expect(upfrontBudget({ OPSBOOK_OFFLINE_BUDGET: '200' })).toBe(200 * 1024);
    expect(upfrontBudget({})).toBe(1024 * 1024);
    expect(() => upfrontBudget({ OPSBOOK_OFFLINE_BUDGET: '1MB' })).toThrow(/OPSBOOK_OFFLINE_BUDGET must be a number of kilobytes \(0 or more\), not "1MB"\. Unset it for the default of 1024 KB\./);
  });
});
