// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import opsbook from './src/integration.ts';

export default defineConfig({
  // Served below a path (a GitHub Pages project site is /<repo>/)? Set OPSBOOK_BASE=/<repo>/.
  base: process.env.OPSBOOK_BASE ?? '/',
  // The public origin, for absolute URLs in exports (https://ops.example.com).
  ...(process.env.OPSBOOK_SITE ? { site: process.env.OPSBOOK_SITE } : {}),
  // opsbook() validates content/ before anything renders and sets up Markdown; it must come before mdx().
  integrations: [opsbook(), mdx()],
  // Astro's own caches (the content store, Vite's) beside the project, not in node_modules/: test sites
  // share one node_modules, and builds running side by side must not share a content store.
  cacheDir: './.cache/astro/',
  // Pages whose cache key (src/lib/cache-keys.ts) and code are unchanged are copied from the last
  // build, not rendered.
  experimental: { incrementalBuild: true },
  trailingSlash: 'always',
  // Sixteen pages at a time: Astro writes each page (and its cache copy) with awaited file calls,
  // so one at a time leaves the thread idle half the time (10,000 documents: pages 46 s → 30 s,
  // the same files byte for byte).
  build: { format: 'directory', concurrency: 16 },
});
