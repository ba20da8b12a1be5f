/** The benchmark's corpus is deterministic and valid: its figures measure real, clean content. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics/diagnostics.ts';
import { openProject } from '../../src/core/project.ts';
import { writeCorpus } from '../../scripts/bench/corpus.ts';

test('a small corpus passes validation and comes out the same every time', async () => {
  const [a, b] = [mkdtempSync(join(tmpdir(), 'corpus-a-')), mkdtempSync(join(tmpdir(), 'corpus-b-'))];
  try {
    const summary = writeCorpus(a, { documents: 300, services: 40, zones: 4 });
    writeCorpus(b, { documents: 300, services: 40, zones: 4 });
    expect(summary).toMatchObject({ teams: 3, services: 40 });
    expect(summary.runbooks + summary.procedures + summary.operations + summary.teams + summary.services).toBe(300);
    const project = await openProject(a);
    expect(project.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
    expect(project.documents).toHaveLength(300);
    const sample = 'content/runbooks/group-0/runbook-3.md';
    expect(readFileSync(join(a, sample), 'utf8')).toBe(readFileSync(join(b, sample), 'utf8'));
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('the share of operation records is set by --operations, the rest split as before', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-share-'));
  try {
    const summary = writeCorpus(dir, { documents: 1_043, services: 40, zones: 4, operations: 0.8 });
    const rest = 1_043 - summary.teams - summary.services;
    expect(summary.runbooks + summary.procedures + summary.operations).toBe(rest);
    expect(summary.operations).toBe(800);
    expect(summary.runbooks).toBe(Math.round(rest * 0.45 * (0.2 / 0.55)));
    expect(() => writeCorpus(dir, { documents: 100, services: 10, zones: 2, operations: 1.5 })).toThrow(/between 0 and 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
