/**
 * `check` on the imported tree: the project's own validation (openProject),
 * run on the project root, or with --dry-run on a scratch copy of it with the
 * planned files added. Only findings in the files import wrote are reported.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatDiagnostic } from '../diagnostics/diagnostics.ts';
import { loadConfig } from '../config.ts';
import { buildProject, openProject } from '../project.ts';
import { checkDiagrams } from '../validate/mermaid-check.ts';
import type { CheckSummary } from './types.ts';

export interface PlannedFile {
  /** Relative to the project root. */
  target: string;
  text?: string | undefined;
  /** An asset copied from this file. */
  copyFrom?: string | undefined;
}

function summarise(diagnostics: readonly Parameters<typeof formatDiagnostic>[0][], files: ReadonlySet<string>): CheckSummary {
  const mine = diagnostics.filter((d) => files.has(d.file));
  const byRule: Record<string, number> = {};
  for (const d of mine) byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
  return {
    errors: mine.filter((d) => d.severity === 'error').length,
    warnings: mine.filter((d) => d.severity === 'warning').length,
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b))),
    findings: mine.map(formatDiagnostic),
  };
}

export async function checkImported(out: string, planned: readonly PlannedFile[], dryRun: boolean): Promise<CheckSummary> {
  const files = new Set(planned.map((p) => p.target));
  if (!dryRun) return summarise((await openProject(out)).diagnostics, files);
  const scratch = mkdtempSync(join(tmpdir(), 'opsbook-import-check-'));
  try {
    // The configuration is read where it lives (it may import the project's modules by relative path).
    const { config } = await loadConfig(out);
    for (const name of ['content', 'alert-rules']) if (existsSync(join(out, name))) cpSync(join(out, name), join(scratch, name), { recursive: true, verbatimSymlinks: true });
    for (const file of planned) {
      const path = join(scratch, file.target);
      if (existsSync(path)) continue;
      mkdirSync(dirname(path), { recursive: true });
      if (file.copyFrom) cpSync(file.copyFrom, path);
      else writeFileSync(path, file.text ?? '');
    }
    mkdirSync(join(scratch, 'content'), { recursive: true });
    const project = buildProject(scratch, config);
    return summarise([...project.diagnostics, ...(await checkDiagrams(project.documents))], files);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
