// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import opsbook from './src/integration.ts';
import { rehypePlugins, remarkPlugins } from './src/markdown/index.ts';

export default defineConfig({
  integrations: [opsbook(), mdx()],
  markdown: {
    // Markdown documents are parsed and rendered once by Opsbook itself
    // (src/core); this processor only compiles .mdx, with the same plugins.
    processor: unified({ remarkPlugins, rehypePlugins, smartypants: false }),
    syntaxHighlight: false,
  },
  trailingSlash: 'always',
  build: { format: 'directory' },
});
