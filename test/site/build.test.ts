/**
 * Builds the `valid` fixture into a real site once, then checks its pages;
 * builds a copy with three defects in three files and checks the build fails
 * and names all three.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectFromFixture, fixturePath } from '../helpers/content.ts';
import { crawl } from '../helpers/crawl.ts';
import { buildSite, builtSite, prepareSite } from '../helpers/site.ts';

describe('a valid content tree', () => {
  const site = builtSite('valid');

  test('builds, with a page for every document and catalogue entry', () => {
    expect(site.status, site.output).toBe(0);
    const project = projectFromFixture('valid');
    expect(project.documents.length).toBe(10);
    for (const doc of project.documents) expect(site.exists(`/${doc.collection}/${doc.id}/`), doc.file).toBe(true);
    for (const index of ['/', '/runbooks/', '/procedures/', '/operations/', '/services/', '/teams/']) expect(site.exists(index), index).toBe(true);
  });

  test('a runbook page shows owner, on-call contacts, services, alerts and the body with GFM', () => {
    const html = site.page('/runbooks/checkout/slow-checkout/');
    expect(html).toContain('<h1>Slow checkout</h1>');
    expect(html).toContain('href="/teams/shop/">Shop Team</a>');
    expect(html).toContain('<a class="oncall-action" href="https://pager.example/shop" rel="noopener">Page on-call</a>');
    expect(html).toMatch(/<span class="delay">after 15m<\/span> Shop lead/);
    expect(html).toContain('#shop-oncall');
    expect(html).toContain('href="/services/checkout/">Checkout</a>');
    expect(html).toContain('<code>CheckoutLatencyHigh</code>');
    expect(html).toContain('href="/procedures/release/">Release a service</a>');
    for (const id of ['symptoms', 'impact', 'diagnosis', 'mitigation']) expect(html).toContain(`<h2 id="${id}">`);
    expect(html).toMatch(/<table>[\s\S]*<th>Metric<\/th>/);
    expect(html).toContain('<del>old advice</del>');
    expect(html).toContain('<li class="task-list-item"><span class="task-box task-open" role="img" aria-label="Not done"></span>');
    expect(html).toContain('data-footnotes');
    expect(html).toContain('<pre data-language="bash" tabindex="0"><code class="language-bash">kubectl -n shop get pods -l app=checkout');
  });

  test('an MDX runbook renders with the project components and the same heading ids', () => {
    const html = site.page('/runbooks/payments/provider-errors/');
    expect(html).toMatch(/<aside class="callout callout-warning"[^>]*>[\s\S]*Warning: Do not retry blindly[\s\S]*Retries double-charge customers/);
    expect(html).toContain('<h2 id="diagnosis">');
  });

  test("Astro's content store keeps a digest of each Markdown document, not its data or body: the build bundles the store whole", () => {
    const store = readFileSync(join(site.root, '.cache/astro/data-store.json'), 'utf8');
    expect(store).toContain('content/runbooks/checkout/slow-checkout.md');
    // The page has the runbook's title and body; the store has neither.
    const page = site.page('/runbooks/checkout/slow-checkout/');
    expect(page).toContain('<h1>Slow checkout</h1>');
    expect(page).toContain('<del>old advice</del>');
    expect(store).not.toContain('Slow checkout');
    expect(store).not.toContain('old advice');
    expect(store).not.toContain('<h2 id=');
    // An MDX entry is kept whole: Astro's MDX integration compiles it at render time.
    expect(store).toContain('Payment provider errors');
    expect(store).toContain('Retries double-charge customers');
  });

  test('operation, procedure, service and team pages show their metadata as links', () => {
    const op = site.page('/operations/2026/2026-03-02-checkout-release/');
    expect(op).toContain('2026-03-02-checkout-release');
    expect(op).toContain('href="/procedures/release/">Release a service</a>');
    expect(op).toContain('2 Mar 2026, 09:00 UTC');
    expect(op).toContain('ben');
    const procedure = site.page('/procedures/postmortem/');
    expect(procedure).toContain('Handed over from');
    expect(procedure).toContain('href="/procedures/release/"');
    const service = site.page('/services/payments/');
    expect(service).toMatch(/Used by[\s\S]*href="\/services\/checkout\/"/);
    expect(service).toContain('href="/runbooks/payments/provider-errors/"');
    const team = site.page('/teams/shop/');
    expect(team).toContain('href="/services/checkout/"');
  });

  test('body links become site URLs in Markdown and MDX, and files beside documents are published', () => {
    const md = site.page('/runbooks/checkout/slow-checkout/');
    expect(md).toContain('<img src="/runbooks/checkout/img/path.png" alt="Checkout request path">');
    expect(md).toContain('<a href="/runbooks/payments/provider-errors/#diagnosis">provider errors</a>');
    expect(site.exists('/runbooks/checkout/img/path.png')).toBe(true);
    const mdx = site.page('/runbooks/payments/provider-errors/');
    expect(mdx).toContain('<a href="/procedures/release/#workflow">the release procedure</a>');
    expect(mdx).toContain('<a href="/runbooks/checkout/slow-checkout/">slow checkout</a>');
    expect(crawl(site.dist).broken).toEqual([]);
  });

  test("the only scripts are the site's own files (theme, search, copy, diagrams), never inline", () => {
    for (const path of ['/', '/runbooks/checkout/slow-checkout/', '/runbooks/payments/provider-errors/', '/operations/']) {
      const scripts = [...site.page(path).matchAll(/<script[^>]*>/gi)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toMatch(/^<script type="module" src="\/_astro\/[\w.-]+\.js">$|^<script src="\/theme-init\.js">$/);
    }
  });
});

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

describe('a tree with three defects in three files', () => {
  test('fails the build and reports all three with path and line', () => {
    const root = prepareSite('three-defects', fixturePath('valid'));
    edit(root, 'content/runbooks/checkout/slow-checkout.md', 'severity: critical', 'severity: critical\nescalationPolicy: shop');
    edit(root, 'content/procedures/release.md', 'services: [checkout]', 'services: [chekout]');
    edit(root, 'content/operations/2026/2026-04-10-payments-maintenance.md', 'date: 2026-04-10', 'date: 2026-04-31');

    const site = buildSite(root);
    expect(site.status).not.toBe(0);
    expect(site.output).toContain('content/runbooks/checkout/slow-checkout.md:8:1 error Unknown field "escalationPolicy" in this runbook.');
    expect(site.output).toContain('content/procedures/release.md:9:12 error "services[0]" names no service "chekout"; did you mean "checkout"?');
    expect(site.output).toContain('content/operations/2026/2026-04-10-payments-maintenance.md:4:7 error "date" is not a real date: 2026-04-31 (April 2026 has 30 days).');
    expect(site.output).toContain('Content validation failed with 3 errors; nothing was built.');
    expect(site.exists('/')).toBe(false);
  });
});

describe('a tree with a broken link, a missing heading and a dangling reference', () => {
  test('fails the build and reports all three with path and line', () => {
    const root = prepareSite('broken-links', fixturePath('valid'));
    edit(root, 'content/runbooks/checkout/slow-checkout.md', '(../payments/provider-errors.mdx#diagnosis)', '(../payments/provider-error.mdx#diagnosis)');
    edit(root, 'content/runbooks/payments/provider-errors.mdx', '(../../procedures/release.md#workflow)', '(../../procedures/release.md#work-flow)');
    edit(root, 'content/operations/2026/2026-03-02-checkout-release.md', 'procedure: release', 'procedure: releases');

    const site = buildSite(root);
    expect(site.status).not.toBe(0);
    expect(site.output).toMatch(/content\/runbooks\/checkout\/slow-checkout\.md:\d+:\d+ error The link "\.\.\/payments\/provider-error\.mdx#diagnosis" leads to content\/runbooks\/payments\/provider-error\.mdx, which does not exist; did you mean \.\.\/payments\/provider-errors\.mdx\?/);
    expect(site.output).toMatch(/content\/runbooks\/payments\/provider-errors\.mdx:\d+:\d+ error No heading "#work-flow" in content\/procedures\/release\.md; did you mean "#workflow"\?/);
    expect(site.output).toContain('content/operations/2026/2026-03-02-checkout-release.md:14:12 error "procedure" names no procedure "releases"; did you mean "release"?');
    expect(site.output).toContain('Content validation failed with 3 errors; nothing was built.');
  });
});

describe('a tree with a broken diagram and a click callback in two documents', () => {
  test('fails the build and reports both with path and line', () => {
    const root = prepareSite('broken-diagrams', fixturePath('valid'));
    edit(root, 'content/runbooks/checkout/slow-checkout.md', '## Impact\n', '## Impact\n\n```mermaid\nflowchart LR\n  A --> B\n  B -- C ->\n```\n');
    edit(root, 'content/procedures/release.md', '## Trigger\n', '## Trigger\n\n```mermaid\nflowchart TD\n  Merge --> Deploy\n  click Deploy "https://ci.example/deploy"\n```\n');
    const site = buildSite(root);
    expect(site.status).not.toBe(0);
    expect(site.output).toMatch(/content\/runbooks\/checkout\/slow-checkout\.md:2\d:1 error This Mermaid diagram cannot be parsed/);
    expect(site.output).toMatch(/content\/procedures\/release\.md:\d+:1 error Mermaid "click" callbacks and links are not allowed in authored diagrams/);
    expect(site.output).toContain('Content validation failed with 2 errors; nothing was built.');
  });
});

describe('the offline copy of a build', () => {
  test('is stamped with the build day and a version from the content, never the clock: two builds of one commit match', () => {
    const site = builtSite('valid');
    const worker = readFileSync(join(site.dist, 'sw.js'), 'utf8');
    expect(worker).toContain('const BUILT_AT = "2026-11-23T00:00:00Z";');
    const other = readFileSync(join(builtSite('valid-client').dist, 'sw.js'), 'utf8');
    // The same content drawn another way is other files, so another version; the stamp is the same day.
    expect(other).toContain('const BUILT_AT = "2026-11-23T00:00:00Z";');
  });
});
