/**
 * `npm run bench [-- --docs 5000 --services 300 --zones 10]`: generates a
 * deterministic corpus in a temporary folder and measures `check`, `audit`
 * and the full build (pages, diagrams, search index): wall time, peak memory,
 * documents per second and output size, plus page weight per page type. In
 * the same run it builds the same Markdown with a bare Astro site (content
 * collections, one page template, no Opsbook features) and prints the ratios.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './args.ts';
import { pageWeight } from '../src/lib/page-weight.ts';
import { writeCorpus } from './bench/corpus.ts';
import { benchOffline } from './bench-offline.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseOptions(
  {
    docs: { type: 'string', default: '5000' },
    services: { type: 'string', default: '300' },
    zones: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
  },
  'Usage: npm run bench -- [--docs N] [--services N] [--zones N] [--keep] [--skip-baseline]',
);
const documents = Number(values.docs);
const services = Number(values.services);
const zones = Number(values.zones);

interface Measure {
  seconds: number;
  peakMb: number;
  ok: boolean;
  output: string;
}

/** Runs a command under GNU time: wall seconds and the peak resident memory of the process tree's largest process. */
function measure(args: string[], cwd: string, env: Record<string, string> = {}): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '__time %e %M', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OPSBOOK_NOW: '2026-11-23', ...env },
  });
  const match = /__time ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  return { seconds: match ? Number(match[1]) : Number.NaN, peakMb: match ? Math.round(Number(match[2]) / 1024) : Number.NaN, ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

function du(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name);
    return sum + (e.isDirectory() ? du(path) : statSync(path).size);
  }, 0);
}

function project(dir: string, withOpsbook: boolean): void {
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (withOpsbook) {
    for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(dir, file));
    for (const folder of ['src', 'public']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
    return;
  }
  // The bare baseline: Astro's glob loader, its default Markdown processor, one page template.
  writeFileSync(join(dir, 'package.json'), '{ "name": "bare", "type": "module", "private": true }\n');
  writeFileSync(join(dir, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ build: { format: 'directory' } });\n");
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

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

const work = mkdtempSync(join(tmpdir(), 'opsbook-bench-'));
console.log(`Opsbook benchmark: ${documents} documents, ${services} services in ${zones} zones`);
console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(`Working in ${work}\n`);

try {
  const site = join(work, 'opsbook');
  mkdirSync(site);
  const corpus = writeCorpus(site, { documents, services, zones });
  const total = corpus.teams + corpus.services + corpus.runbooks + corpus.procedures + corpus.operations;
  console.log(`Corpus: ${corpus.teams} teams, ${corpus.services} services, ${corpus.runbooks} runbooks, ${corpus.procedures} procedures, ${corpus.operations} operations (${(corpus.bytes / 2 ** 20).toFixed(1)} MB of text)\n`);
  project(site, true);

  const results: [string, Measure, number | undefined][] = [];
  const run = (label: string, args: string[], cwd: string, out?: string, env: Record<string, string> = {}) => {
    process.stdout.write(`${label}… `);
    const m = measure(args, cwd, env);
    console.log(`${m.seconds.toFixed(1)} s, ${m.peakMb} MB${m.ok ? '' : ' (FAILED)'}`);
    if (!m.ok) console.log(m.output.split('\n').slice(-30).join('\n'));
    results.push([label, m, out ? du(out) : undefined]);
    return m;
  };

  const check = run('check', [join(ROOT, 'scripts/check.ts'), '--root', site], ROOT);
  run('audit', [join(ROOT, 'scripts/audit.ts'), '--root', site, '--fail-on', 'never', '--format', 'json'], ROOT);
  // A cold build first (no diagram drawn before), then a rebuild with the diagram cache warm.
  const cacheDir = { OPSBOOK_DIAGRAM_CACHE_DIR: join(work, 'diagram-cache') };
  const build = run('build', [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', site], site, join(site, 'dist'), cacheDir);
  const rebuild = run('rebuild, diagram cache warm', [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', site], site, join(site, 'dist'), cacheDir);
  let baseline: Measure | undefined;
  if (!values['skip-baseline']) {
    const bare = join(work, 'bare');
    mkdirSync(bare);
    cpSync(join(site, 'content'), join(bare, 'content'), { recursive: true });
    project(bare, false);
    baseline = run('bare Astro baseline', [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', bare], bare, join(bare, 'dist'));
  }

  console.log(`\n${row(['step', 'wall time', 'peak memory', 'documents/s', 'output'])}\n${row(['---', '---:', '---:', '---:', '---:'])}`);
  for (const [label, m, size] of results) {
    console.log(row([label, `${m.seconds.toFixed(1)} s`, `${m.peakMb} MB`, Math.round(total / m.seconds), size === undefined ? '' : `${(size / 2 ** 20).toFixed(1)} MB`]));
  }
  // Where the build's time goes, from its own log.
  const stages = /Validated \d+ documents in [\d.]+ s|\[content\] Synced content|\d+ page\(s\) built in [\d.]+m?s|Diagrams: [^\n]*|Search index: [^\n]*/g;
  console.log(`\nBuild stages:\n${(build.output.match(stages) ?? []).map((l) => `- ${l}`).join('\n')}`);

  console.log('\nRatios (targets: build ≤ 1.3 × baseline in time and memory; check ≤ 0.1 × build)');
  if (baseline) {
    console.log(`- build / baseline, time:   ${(build.seconds / baseline.seconds).toFixed(2)} (rebuild with warm diagram cache: ${(rebuild.seconds / baseline.seconds).toFixed(2)})`);
    console.log(`- build / baseline, memory: ${(build.peakMb / baseline.peakMb).toFixed(2)}`);
  }
  console.log(`- check / build, time:      ${(check.seconds / build.seconds).toFixed(3)}`);

  if (build.ok) {
    const dist = join(site, 'dist');
    const samples: [string, string][] = [
      ['home', '/'],
      ['runbook', '/runbooks/group-0/runbook-1/'],
      ['runbook with Mermaid', '/runbooks/group-0/runbook-0/'],
      ['procedure', '/procedures/procedure-1/'],
      ['operation', `/operations/${readdirSync(join(dist, 'operations/2025'))[0]}/`.replace('/operations/', '/operations/2025/')],
      ['service', '/services/svc-1/'],
      ['team', '/teams/team-1/'],
      ['topology', '/topology/'],
      ['operations log', '/operations/'],
      ['search', '/search/'],
    ];
    console.log(`\nPage weight on a first visit, compressed (search index excluded)\n${row(['page type', 'page', 'HTML', 'total'])}\n${row(['---', '---', '---:', '---:'])}`);
    for (const [type, path] of samples) {
      try {
        const w = pageWeight(dist, path);
        console.log(row([type, path, `${(w.html / 1024).toFixed(1)} KB`, `${(w.compressed / 1024).toFixed(1)} KB`]));
      } catch {
        console.log(row([type, path, 'missing', '']));
      }
    }
    // The service worker's first visit, at this size and at 1,000 and 10,000 documents.
    benchOffline({ dist, documents, services, zones, work });
  }
} finally {
  if (values.keep) console.log(`\nKept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
