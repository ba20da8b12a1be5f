/**
 * `node scripts/bench-rebuild.ts --root <project> [--cold-seconds N]`: how
 * long a rebuild takes against a cold build of the same project (a folder
 * with content/ and the site's setup, as `npm run bench` makes). It builds
 * cold (Astro's caches and the kit PDFs of earlier builds removed; the
 * diagram cache as OPSBOOK_DIAGRAM_CACHE_DIR says), rebuilds with nothing
 * changed, then edits the body of one runbook and rebuilds, and prints each
 * time, the pages rendered and reused, the post-build steps' times and the
 * ratio to the cold build. The runbook is put back as it was at the end;
 * each build's log is kept in <project>/.cache/bench-rebuild-<n>.log.
 * `--cold-seconds` takes the cold time from a build just made instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, requireContentFolder, usageError } from './args.ts';
import { builtPages } from './bench/build-log.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'Usage: node scripts/bench-rebuild.ts --root <project> [--cold-seconds N]';
const { values } = parseOptions({ root: { type: 'string' }, 'cold-seconds': { type: 'string' } }, USAGE);
if (!values.root) usageError('--root is required.', USAGE);
const root = values.root;
requireContentFolder(root, USAGE);
const coldGiven = values['cold-seconds'] === undefined ? undefined : Number(values['cold-seconds']);
if (coldGiven !== undefined && !(coldGiven > 0)) usageError(`--cold-seconds must be a positive number of seconds, not "${values['cold-seconds']}".`, USAGE);

interface Build {
  seconds: number;
  peakMb: number;
  rendered: number;
  reused: number;
  /** The post-build steps' own lines: "Diagrams: … in 3.1 s." */
  steps: string[];
  output: string;
}

/** Each build's whole log is kept beside the project's caches, for the stages' own figures. */
let builds = 0;

function build(): Build {
  const result = spawnSync('/usr/bin/time', ['-f', '__time %e %M', process.execPath, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', OPSBOOK_NOW: '2026-11-23', ...process.env },
  });
  const output = `${result.stdout}${result.stderr}`;
  mkdirSync(join(root, '.cache'), { recursive: true });
  writeFileSync(join(root, '.cache', `bench-rebuild-${++builds}.log`), output);
  if (result.status !== 0) {
    console.error(output.slice(-4000));
    console.error(`The build in ${root} failed (exit ${result.status}).`);
    process.exit(1);
  }
  const time = /__time ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  const pages = builtPages(output);
  const reused = pages.filter((page) => page.reused).length;
  const steps = output
    .split('\n')
    .map((line) => /\[opsbook\] ((?:Diagrams|Incident kits|Search index|Offline copy): .*)$/.exec(line)?.[1])
    .filter((s): s is string => !!s)
    .map((s) => (s.length > 160 ? `${s.slice(0, 157)}...` : s));
  return { seconds: time ? Number(time[1]) : Number.NaN, peakMb: time ? Math.round(Number(time[2]) / 1024) : Number.NaN, rendered: pages.length - reused, reused, steps, output };
}

/** The first runbook in file order: a Markdown file under content/runbooks/. */
function firstRunbook(dir: string): string | undefined {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      const found = firstRunbook(path);
      if (found) return found;
    } else if (name.endsWith('.md')) return path;
  }
  return undefined;
}

const runbooks = join(root, 'content/runbooks');
const runbook = existsSync(runbooks) ? firstRunbook(runbooks) : undefined;
if (!runbook) usageError(`There is no runbook (.md) under ${runbooks} to edit.`, USAGE);

const report = (label: string, b: Build, cold: number) =>
  console.log(`- ${label}: ${b.seconds.toFixed(1)} s (${((100 * b.seconds) / cold).toFixed(1)} % of cold), ${b.peakMb} MB peak; pages rendered ${b.rendered}, reused ${b.reused}${b.steps.length ? `\n    ${b.steps.join('\n    ')}` : ''}`);

let cold = coldGiven;
if (cold === undefined) {
  rmSync(join(root, '.cache'), { recursive: true, force: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const first = build();
  cold = first.seconds;
  console.log(`- cold build: ${first.seconds.toFixed(1)} s, ${first.peakMb} MB peak; pages rendered ${first.rendered}, reused ${first.reused}`);
  if (first.steps.length) console.log(`    ${first.steps.join('\n    ')}`);
} else console.log(`- cold build: ${cold.toFixed(1)} s (given)`);

const unchanged = build();
report('rebuild, nothing changed', unchanged, cold);

const original = readFileSync(runbook, 'utf8');
try {
  writeFileSync(runbook, `${original.replace(/\n*$/, '\n')}\nEdited for the rebuild benchmark at ${new Date().toISOString()}.\n`);
  const oneFile = build();
  report(`rebuild, one runbook's body changed (${relative(root, runbook)})`, oneFile, cold);
  console.log(`- ratio, one-file rebuild / cold build: ${(oneFile.seconds / cold).toFixed(3)}`);
} finally {
  writeFileSync(runbook, original);
}
