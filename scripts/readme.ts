/**
 * `npm run readme`: regenerates the tables of README.md that come from the
 * registries (kinds, validation rules, audit rules), between
 * `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. `--check` only
 * compares and exits 1 when the README is stale; a test runs it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseOptions } from './args.ts';
import { ruleCatalogue, type RuleEntry } from '../src/core/diagnostics/rule-catalogue.ts';
import { builtinKinds, type KindRegistry } from '../src/model/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const README = join(ROOT, 'README.md');

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function kindsTable(kinds: KindRegistry): string {
  const rows = kinds.all.map((k) => {
    const sections = k.sections.filter((s) => s.severity !== 'warning' && s.severity !== 'off').map((s) => s.name);
    const recommended = k.sections.filter((s) => s.severity === 'warning').map((s) => s.name);
    const body = k.format === 'yaml' ? 'YAML entry' : sections.length ? `${sections.join(', ')}${recommended.length ? `; recommended: ${recommended.join(', ')}` : ''}` : 'no required sections';
    const facets = (k.search.facets ?? []).map((f) => f.name).join(', ') || '—';
    return `| \`${k.name}\` | \`content/${k.name}/\` | ${cell(k.description)} | ${cell(body)} | ${facets} | \`npm run new -- ${k.noun}\` |`;
  });
  return ['| kind | folder | holds | body | search facets | start one |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

function rulesTable(rules: readonly RuleEntry[]): string {
  const rows = rules.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.group} | ${cell(r.summary)} |`);
  return ['| rule | severity | group | flags |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function generatedBlocks(kinds: KindRegistry = builtinKinds): Record<string, string> {
  const rules = ruleCatalogue(kinds);
  return {
    kinds: kindsTable(kinds),
    'validation-rules': rulesTable(rules.filter((r) => r.stage === 'validation')),
    'audit-rules': rulesTable(rules.filter((r) => r.stage === 'audit')),
  };
}

/** The README with every generated block replaced by its current text. */
export function renderReadme(text: string, blocks = generatedBlocks()): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> block.`);
    out = out.replace(pattern, (_m, open: string, close: string) => `${open}${body}\n${close}`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  parseOptions({ check: { type: 'boolean' } }, 'Usage: npm run readme -- [--check]');
  const current = readFileSync(README, 'utf8');
  const next = renderReadme(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md tables are out of date. Run npm run readme.');
      process.exit(1);
    }
    console.log('README.md tables are up to date.');
  } else {
    writeFileSync(README, next);
    console.log('README.md tables written.');
  }
}
