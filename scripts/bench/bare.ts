/**
 * The bare Astro site the benchmark measures Opsbook against: the same
 * content/ folder, Astro's glob loader, its default Markdown processor and
 * one page template, with no Opsbook feature.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the bare site's setup into `dir` (which holds, or will hold, content/), its node_modules a link to `root`'s. */
export function writeBareProject(dir: string, root: string): void {
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Its cache is its own, as Opsbook's is: Astro's default (node_modules/.astro) is, through the link, the project's,
  // where the data store of an earlier run on the same corpus made this build a warm one (14.7 s instead of 21.2 s at
  // 10,000 documents, 2026-12-06).
  writeFileSync(join(dir, 'package.json'), '{ "name": "bare", "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ build: { format: 'directory' }, cacheDir: './.cache/astro/' });\n");
  mkdirSync(join(dir, 'src/pages/[collection]'), { recursive: true });
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nimport { z } from 'astro/zod';\nconst md = (name: string) => defineCollection({ loader: glob({ base: `./content/${name}`, pattern: '**/*.md' }), schema: z.object({ title: z.string() }).passthrough() });\nexport const collections = { runbooks: md('runbooks'), procedures: md('procedures'), operations: md('operations') };\n",
  );
  writeFileSync(
    join(dir, 'src/pages/[collection]/[...id].astro'),
    "---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() {\n  const all = await Promise.all((['runbooks', 'procedures', 'operations'] as const).map(async (c) => (await getCollection(c)).map((entry) => ({ params: { collection: c, id: entry.id }, props: { entry } }))));\n  return all.flat();\n}\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{entry.data.title}</title></head><body><h1>{entry.data.title}</h1><Content /></body></html>\n",
  );
}
