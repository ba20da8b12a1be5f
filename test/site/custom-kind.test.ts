/**
 * A kind is one unit: a kind the site declares in opsbook.config.ts (the
 * `custom-kind` fixture's recovery drills) gets pages, a listing, a search
 * facet, navigation, `check` and `new`, with no other edit anywhere.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { fixturePath, lines } from '../helpers/content.ts';
import { builtSite, OUTPUT } from '../helpers/site.ts';

test('the site builds a page and a listing for each document of the new kind', () => {
  const site = builtSite('custom-kind');
  expect(site.status, site.output).toBe(0);
  const page = site.page('/drills/checkout-zone-loss/');
  expect(page).toContain('<h1>Losing one zone under checkout</h1>');
  // Its fields as the schema types them: the reference as a link, the date as a date.
  expect(page).toMatch(/<dt>Outcome<\/dt>\s*<dd>partial<\/dd>/);
  expect(page).toContain('<time datetime="2026-10-14">14 Oct 2026</time>');
  // The body link written as a file path points at the service page.
  expect(page).toContain('href="/services/checkout/"');
  const listing = site.page('/drills/');
  expect(listing).toContain('<h1>Drills</h1>');
  expect(listing).toContain('href="/drills/checkout-zone-loss/"');
  // In the navigation of every page, between Operations and Services by its `nav` place.
  const nav = /<nav[^>]*aria-label="Main"[^>]*>([\s\S]*?)<\/nav>/.exec(site.page('/'))?.[1] ?? site.page('/');
  expect(nav.indexOf('href="/drills/"')).toBeGreaterThan(nav.indexOf('href="/operations/"'));
  expect(site.page('/')).toMatch(/<strong>1<\/strong> Drills/);
  // Listed on its service's page and its team's page.
  expect(site.page('/services/checkout/')).toContain('href="/drills/checkout-zone-loss/"');
  expect(site.page('/teams/shop/')).toContain('href="/drills/checkout-zone-loss/"');
});

test('the new kind has its own search facet, in the index and on the search page', () => {
  const site = builtSite('custom-kind');
  expect(site.page('/drills/checkout-zone-loss/')).toContain('<span data-pagefind-filter="outcome">partial</span>');
  expect(site.page('/drills/checkout-zone-loss/')).toContain('<span data-pagefind-filter="kind">drill</span>');
  const facets = JSON.parse(/data-facets="([^"]*)"/.exec(site.page('/search/'))![1]!.replace(/&quot;/g, '"'));
  expect(facets).toContainEqual({ name: 'outcome', label: 'Outcome' });
});

/** A copy of the fixture at the same depth as the fixtures, so its config's relative imports still resolve. */
function copyFixture(name: string): string {
  const root = join(OUTPUT, name);
  rmSync(root, { recursive: true, force: true });
  cpSync(fixturePath('custom-kind'), root, { recursive: true });
  return root;
}

test('check validates the new kind with its own schema and sections, every problem at once', () => {
  const root = copyFixture('custom-kind-check');
  writeFileSync(join(root, 'content/drills/restore.md'), lines('---', 'title: Restore from backup', 'summary: A restore drill.', 'owner: shop', 'services: [checkot]', 'date: 2026-02-30', 'outcome: passd', '---', '', '## Scenario', '', 'Restore the payments database.'));
  const result = runScript('check.ts', ['--root', root]);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('content/drills/restore.md:6:7 error "date" is not a real date: 2026-02-30 (February 2026 has 28 days).');
  expect(result.stdout).toMatch(/content\/drills\/restore\.md:7:\d+ error "outcome" .*passd.*did you mean "passed"/i);
  expect(result.stdout).toContain('"services[0]" names no service "checkot"; did you mean "checkout"?');
  expect(result.stdout).toMatch(/restore\.md:\d+:\d+ error .*"Findings".* body\/missing-section/);
});

test('new writes a document of the new kind from its template, checking each answer', () => {
  const root = copyFixture('custom-kind-new');
  const wrong = runScript('new.ts', ['drill', 'dns-failover', '--title', 'DNS failover', '--summary', 'Fail DNS over to the second provider.', '--owner', 'shopp', '--services', 'checkout', '--outcome', 'passed', '--root', root], { OPSBOOK_NOW: '2026-11-23' });
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain('--owner: There is no team "shopp"; did you mean "shop"?');
  const help = runScript('new.ts', ['--help', '--root', root]);
  expect(help.stdout).toContain('drill: --title --summary --owner (a teams id) --services (a services id, comma-separated) --outcome (passed|partial|failed)');
  const made = runScript('new.ts', ['drill', 'dns-failover', '--title', 'DNS failover', '--summary', 'Fail DNS over to the second provider.', '--owner', 'shop', '--services', 'checkout', '--outcome', 'passed', '--root', root], { OPSBOOK_NOW: '2026-11-23' });
  expect(made.stderr).toBe('');
  expect(made.stdout).toBe('Created content/drills/dns-failover.md. Fill in the sections, then run npm run check.\n');
  expect(readFileSync(join(root, 'content/drills/dns-failover.md'), 'utf8')).toContain('date: 2026-11-23\noutcome: passed\n');
  const check = runScript('check.ts', ['--root', root]);
  expect(check.status).toBe(0);
  // Valid; only the template's own placeholder lines are flagged, until someone writes the drill up.
  expect(check.stdout.split('\n').filter((l) => / (error|warning) /.test(l))).toEqual([
    'content/drills/dns-failover.md:12:1 warning This line is still the template\'s placeholder: "What was broken, and how.". Write what on-call needs here; until then the drill does not count as reviewed (audit/template-text). body/template-text',
    'content/drills/dns-failover.md:16:1 warning This line is still the template\'s placeholder: "- What held, what did not.". Write what on-call needs here; until then the drill does not count as reviewed (audit/template-text). body/template-text',
  ]);
});
