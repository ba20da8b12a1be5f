/**
 * The bare Astro baseline the benchmark compares against builds cold: its
 * content store is kept in its own folder, never in the project's
 * node_modules (which it links), where an earlier run's would be found.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { writeBareProject } from '../../scripts/bench/bare.ts';
import { writeCorpus } from '../../scripts/bench/corpus.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the bare baseline builds every document and keeps its content store in its own folder', () => {
  const work = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  const shared = join(ROOT, 'node_modules/.astro/data-store.json');
  const before = existsSync(shared) ? statSync(shared).mtimeMs : undefined;
  try {
    const corpus = writeCorpus(join(work, 'corpus'), { documents: 60, services: 12, zones: 2 });
    cpSync(join(work, 'corpus/content'), join(work, 'bare/content'), { recursive: true });
    writeBareProject(join(work, 'bare'), ROOT);
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', join(work, 'bare')], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
    const pages = ['runbooks', 'procedures', 'operations'].flatMap((c) => (existsSync(join(work, 'bare/dist', c)) ? readdirSync(join(work, 'bare/dist', c), { recursive: true, encoding: 'utf8' }) : [])).filter((f) => String(f).endsWith('index.html'));
    expect(pages).toHaveLength(corpus.runbooks + corpus.procedures + corpus.operations);
    expect(existsSync(join(work, 'bare/.cache/astro/data-store.json'))).toBe(true);
    expect(existsSync(shared) ? statSync(shared).mtimeMs : undefined).toBe(before);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 120_000);
