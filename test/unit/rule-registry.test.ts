/** Every rule is declared once; the README tables are generated from the declarations and list every id the code can emit. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ruleCatalogue } from '../../src/core/diagnostics/rule-catalogue.ts';
import { builtinKinds } from '../../src/model/index.ts';
import { README, renderReadme } from '../../scripts/readme.ts';
import { REPO_ROOT } from '../helpers/content.ts';

const catalogue = ruleCatalogue(builtinKinds);
const ids = new Set(catalogue.map((r) => r.id));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|astro)$/.test(name) ? [path] : [];
  });
}

test('the README tables are what `npm run readme` generates from the registries', () => {
  const readme = readFileSync(README, 'utf8');
  expect(renderReadme(readme) === readme, 'README.md is stale: run npm run readme').toBe(true);
});

test('rule ids are unique and each is in the README', () => {
  expect(ids.size).toBe(catalogue.length);
  const readme = readFileSync(README, 'utf8');
  for (const id of ids) expect(readme, id).toContain(`| \`${id}\` |`);
});

test('every rule id written in the code is declared', () => {
  const written = new Set<string>();
  for (const file of sources(join(REPO_ROOT, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:rule|id):\s*(?:[^'"\n]*\?\s*)?'([a-z]+\/[a-z0-9-]+)'/g)) written.add(match[1]!);
    for (const match of readFileSync(file, 'utf8').matchAll(/'((?:yaml|schema|file|frontmatter|operation|refs|ids|body|links|alerts|html|mdx|secrets|assets|mermaid|render|config|audit|postmortem)\/[a-z0-9-]+)'/g)) written.add(match[1]!);
  }
  expect(written.size).toBeGreaterThan(60);
  expect([...written].filter((id) => !ids.has(id)).sort()).toEqual([]);
});
