/**
 * Builds each shared fixture site once per test run (not once per test):
 * the example content, and the `valid` fixture with diagrams drawn at build
 * time and in the browser. Tests read them with
 * `builtSite(name)` from test/helpers/site.ts. OPSBOOK_TEST_SITES (a comma
 * list of names) builds only those, for a quick run of a few test files.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { fixturePath, REPO_ROOT } from './helpers/content.ts';
import { buildSite, prepareSite } from './helpers/site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sites: Record<string, { root: string; status: number | null; output: string }>;
  }
}

export default function setup(project: TestProject): void {
  const sites: Record<string, { root: string; status: number | null; output: string }> = {};
  const only = process.env.OPSBOOK_TEST_SITES?.split(',').map((name) => name.trim());
  for (const [name, source, env] of [
    ['example', REPO_ROOT, {}],
    ['valid', fixturePath('valid'), {}],
    // The same tree with diagrams left to the reader's browser (no build-time Chromium, so no kit PDF though asked for).
    ['valid-client', fixturePath('valid'), { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_KIT_PDF: 'on' }],
    // Served below a path, as a GitHub Pages project site is; its search index in parts of three pages, as a large site's is;
    // its kits printed to PDF, asked for by the environment.
    ['valid-base', fixturePath('valid'), { OPSBOOK_BASE: '/opsbook/', OPSBOOK_SEARCH_PART_PAGES: '3', OPSBOOK_KIT_PDF: 'on' }],
    // A site that adds a kind of its own in opsbook.config.ts.
    ['custom-kind', fixturePath('custom-kind'), { OPSBOOK_DIAGRAMS: 'client' }],
    // Files beside documents: what is published and what is not.
    ['assets', fixturePath('assets'), { OPSBOOK_DIAGRAMS: 'client' }],
    // A config with typos: the build must stop before rendering.
    ['bad-config', fixturePath('bad-config'), {}],
  ] as const) {
    if (only && !only.includes(name)) continue;
    const root = prepareSite(name, source);
    // The example draws its authored diagrams afresh, with a cache of its own: the shared one would hand it every drawing.
    const cache = name === 'example' ? { OPSBOOK_DIAGRAM_CACHE_DIR: join(root, '.cache/diagrams') } : {};
    const build = buildSite(root, { OPSBOOK_NOW: '2026-11-23', ...cache, ...env });
    sites[name] = { root: build.root, status: build.status, output: build.output };
  }
  project.provide('sites', sites);
}
