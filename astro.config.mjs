// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import opsbook from './src/integration.ts';

export default defineConfig({
  // opsbook() validates content/ before anything renders and sets up Markdown; it must come before mdx().
  integrations: [opsbook(), mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
});
