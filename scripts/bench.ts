/**
 * `npm run bench [-- --docs 5000 --services 300 --zones 10]`: generates a
 * deterministic corpus in a temporary folder and measures `check`, `audit`
 * and the full build (pages, diagrams, search index; kit PDFs with
 * --kit-pdf): wall time, peak memory,
 * documents per second and output size, plus page weight per page type. In
 * the same run it builds the same Markdown with a bare Astro site (content
 * collections, one page template, no Opsbook features) and prints the ratios.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from './args.ts';
import { pageWeight } from '../src/lib/page-weight.ts';
import { writeCorpus } from './bench/corpus.ts';
import { writeBareProject } from './bench/bare.ts';
import { benchOffline } from './bench-offline.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseOptions(
  {
    docs: { type: 'string', default: '5000' },
    services: { type: 'string', default: '300' },
    zones: { type: 'string', default: '10' },
    operations: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-check': { type: 'boolean', default: false },
    'skip-audit': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    heap: { type: 'string' },
    'kit-pdf': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
  },
  'Usage: npm run bench -- [--docs N] [--services N] [--zones N] [--operations SHARE] [--repeat N] [--keep] [--skip-baseline] [--skip-check] [--skip-audit] [--skip-rebuild] [--heap MB] [--kit-pdf]',
);
const documents = Number(values.docs);
const services = Number(values.services);
const zones = Number(values.zones);
// A larger heap for very large corpora (Node's default stops near 4 GB), given to every step alike.
const heap: Record<string, string> = values.heap ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${Number(values.heap)}`.trim() } : {};
const operationShare = values.operations === undefined ? undefined : Number(values.operations);
// Cold builds and baselines measured in pairs this many times: one run's ratio moves with the machine's speed.
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`--repeat must be a whole number of runs (1 or more), not "${values.repeat}".`);
  process.exit(2);
}
if (repeat > 1 && values['skip-baseline']) {
  console.error('--repeat measures pairs of a cold build and the baseline: leave out --skip-baseline, or --repeat.');
  process.exit(2);
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Measure {
  seconds: number;
  /** User and system CPU seconds of the process and its children: less sensitive than wall time to other work on the machine. */
  cpuSeconds: number;
  peakMb: number;
  /** One-minute load average when the step ended. */
  load: number;
  ok: boolean;
  output: string;
}

/** Runs a command under GNU time: wall seconds, CPU seconds and the peak resident memory of the process tree's largest process. */
function measure(args: string[], cwd: string, env: Record<string, string> = {}): Measure {
  const result = spawnSync('/usr/bin/time', ['-f', '__time %e %M %U %S', process.execPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OPSBOOK_NOW: '2026-11-23', ...heap, ...env },
  });
  const match = /__time ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr ?? '');
  return {
    seconds: match ? Number(match[1]) : Number.NaN,
    cpuSeconds: match ? Number(match[3]) + Number(match[4]) : Number.NaN,
    peakMb: match ? Math.round(Number(match[2]) / 1024) : Number.NaN,
    load: loadavg()[0]!,
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}`,
  };
}

function du(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name);
    return sum + (e.isDirectory() ? du(path) : statSync(path).size);
  }, 0);
}

/** Opsbook's setup beside a corpus in `dir`: this project's config, src/ and public/, its node_modules linked. */
function opsbookProject(dir: string): void {
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const file of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(dir, file));
  for (const folder of ['src', 'public']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
}

/** Each stage's line from a build log: validation, content sync, pages, maps, authored diagrams, kit PDFs, search index, offline copy. */
function buildStages(log: string): string[] {
  const lines = log.split('\n');
  const first = (pattern: RegExp) => lines.find((l) => pattern.test(l))?.trim();
  // Astro prints the sync's start and end with a clock time (to the second).
  const clock = (line: string | undefined) => {
    const m = /(\d\d):(\d\d):(\d\d)/.exec(line ?? '');
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
  };
  const syncStart = clock(first(/Syncing content/));
  const syncEnd = clock(first(/Synced content/));
  const sync = syncStart !== undefined && syncEnd !== undefined ? `Content sync: ${(syncEnd - syncStart + (syncEnd < syncStart ? 86_400 : 0)).toFixed(0)} s (from Astro's clock, to the second)` : undefined;
  return [
    first(/Validated \d+ documents in|problems? (found|listed)/),
    sync,
    first(/\d+ page\(s\) built in/),
    first(/Maps: /),
    first(/Diagrams: /),
    first(/Incident kits: /),
    first(/Search index: /),
    first(/Offline copy: /),
  ].filter((l): l is string => l !== undefined).map((l) => l.replace(/^\d\d:\d\d:\d\d\s+/, ''));
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
  const corpus = writeCorpus(site, { documents, services, zones, ...(operationShare === undefined ? {} : { operations: operationShare }) });
  const total = corpus.teams + corpus.services + corpus.runbooks + corpus.procedures + corpus.operations;
  console.log(`Corpus: ${corpus.teams} teams, ${corpus.services} services, ${corpus.runbooks} runbooks, ${corpus.procedures} procedures, ${corpus.operations} operations (${(corpus.bytes / 2 ** 20).toFixed(1)} MB of text)\n`);
  opsbookProject(site);

  const results: [string, Measure, number | undefined][] = [];
  const run = (label: string, args: string[], cwd: string, out?: string, env: Record<string, string> = {}) => {
    process.stdout.write(`${label}… `);
    const m = measure(args, cwd, env);
    console.log(`${m.seconds.toFixed(1)} s (CPU ${m.cpuSeconds.toFixed(1)} s), ${m.peakMb} MB, load average ${m.load.toFixed(1)}${m.ok ? '' : ' (FAILED)'}`);
    // The whole log of each step, for the stages not summarised below.
    writeFileSync(join(work, `${label.replace(/\W+/g, '-')}.log`), m.output);
    if (!m.ok) console.log(m.output.split('\n').slice(-30).join('\n'));
    results.push([label, m, out ? du(out) : undefined]);
    return m;
  };

  const check = values['skip-check'] ? undefined : run('check', [join(ROOT, 'scripts/check.ts'), '--root', site], ROOT);
  if (!values['skip-audit']) run('audit', [join(ROOT, 'scripts/audit.ts'), '--root', site, '--fail-on', 'never', '--format', 'json'], ROOT);
  // A cold build first (no diagram drawn before), then a rebuild with the diagram cache warm.
  // --kit-pdf: every build also prints the incident kits to PDF, which sites ask for with kitPdf (off by default).
  const buildEnv = { OPSBOOK_DIAGRAM_CACHE_DIR: join(work, 'diagram-cache'), ...(values['kit-pdf'] ? { OPSBOOK_KIT_PDF: 'on' } : {}) };
  const astroBuild = (label: string, root: string, env: Record<string, string> = {}) => run(label, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root], root, join(root, 'dist'), env);
  const build = astroBuild('build', site, buildEnv);
  const rebuild = values['skip-rebuild'] ? undefined : astroBuild('rebuild, diagram cache warm', site, buildEnv);
  const bare = join(work, 'bare');
  let baseline: Measure | undefined;
  if (!values['skip-baseline']) {
    mkdirSync(bare);
    cpSync(join(site, 'content'), join(bare, 'content'), { recursive: true });
    writeBareProject(bare, ROOT);
    baseline = astroBuild('bare Astro baseline', bare);
  }
  // --repeat: more pairs of a cold build (output, caches and drawn diagrams removed) and a cold baseline, one after the other.
  const pairs: [Measure, Measure][] = baseline ? [[build, baseline]] : [];
  for (let i = 2; i <= repeat; i++) {
    for (const dir of ['dist', '.cache', '.astro']) rmSync(join(site, dir), { recursive: true, force: true });
    rmSync(buildEnv.OPSBOOK_DIAGRAM_CACHE_DIR, { recursive: true, force: true });
    const again = astroBuild(`build, cold (${i} of ${repeat})`, site, buildEnv);
    for (const dir of ['dist', '.cache', '.astro']) rmSync(join(bare, dir), { recursive: true, force: true });
    pairs.push([again, astroBuild(`bare Astro baseline (${i} of ${repeat})`, bare)]);
  }
  // What the one-file rebuild and the check are measured against.
  const cold = pairs.length > 1 ? median(pairs.map(([b]) => b.seconds)) : build.seconds;

  console.log(`\n${row(['step', 'wall time', 'CPU time', 'peak memory', 'documents/s', 'output', 'load average'])}\n${row(['---', '---:', '---:', '---:', '---:', '---:', '---:'])}`);
  for (const [label, m, size] of results) {
    console.log(row([label, `${m.seconds.toFixed(1)} s`, `${m.cpuSeconds.toFixed(1)} s`, `${m.peakMb} MB`, Math.round(total / m.seconds), size === undefined ? '' : `${(size / 2 ** 20).toFixed(1)} MB`, m.load.toFixed(1)]));
  }
  console.log(`\nBuild stages (from the build's own log):\n${buildStages(build.output).map((l) => `- ${l}`).join('\n')}`);

  console.log('\nRatios (targets: build ≤ 2 × baseline in time, 1.3 × as a stretch, and ≤ 1.3 × in memory; check ≤ 0.1 × build)');
  if (baseline) {
    const warm = rebuild ? ` (rebuild with warm diagram cache: ${(rebuild.seconds / baseline.seconds).toFixed(2)})` : '';
    console.log(`- build / baseline, time:   ${(build.seconds / baseline.seconds).toFixed(2)}${warm}; in CPU time ${(build.cpuSeconds / baseline.cpuSeconds).toFixed(2)}`);
    console.log(`- build / baseline, memory: ${(build.peakMb / baseline.peakMb).toFixed(2)}`);
  }
  if (check) console.log(`- check / build, time:      ${(check.seconds / build.seconds).toFixed(3)}; in CPU time ${(check.cpuSeconds / build.cpuSeconds).toFixed(3)}`);
  if (pairs.length > 1) {
    const ratios = (pick: (m: Measure) => number) => pairs.map(([b, base]) => pick(b) / pick(base));
    const list = (values: number[]) => `median ${median(values).toFixed(2)} (${values.map((v) => v.toFixed(2)).join(', ')})`;
    console.log(`\nOver ${pairs.length} pairs of a cold build and a cold baseline, one after the other:`);
    console.log(`- build / baseline, time:   ${list(ratios((m) => m.seconds))}; in CPU time ${list(ratios((m) => m.cpuSeconds))}`);
    console.log(`- build / baseline, memory: ${list(ratios((m) => m.peakMb))}`);
    console.log(`- cold build ${cold.toFixed(1)} s, baseline ${median(pairs.map(([, base]) => base.seconds)).toFixed(1)} s (medians)`);
    if (check) console.log(`- check / build, time:      ${(check.seconds / cold).toFixed(3)} (against the median cold build)`);
  }

  // The one-file rebuild, when the rebuild benchmark is present.
  const rebuildBench = join(ROOT, 'scripts/bench-rebuild.ts');
  // A failed rebuild leaves the site half-built: nothing after it reads the folder.
  let siteIntact = build.ok;
  if (build.ok && !values['skip-rebuild'] && existsSync(rebuildBench)) {
    console.log(`\nOne-file rebuild (scripts/bench-rebuild.ts, against ${pairs.length > 1 ? 'the median cold build' : 'the cold build above'}):`);
    const result = spawnSync(process.execPath, [rebuildBench, '--root', site, '--cold-seconds', String(cold)], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OPSBOOK_NOW: '2026-11-23', ...heap, ...buildEnv } });
    console.log(`${result.stdout}${result.status === 0 ? '' : result.stderr}`.trim());
    if (result.status !== 0) {
      siteIntact = false;
      console.log('The rebuild failed: page weight and the offline copy are not measured.');
    }
  }

  if (siteIntact) {
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
