/**
 * Gradual adoption: `opsbook-baseline.json` records the findings a
 * repository already has, so only new ones fail. A finding is matched by its
 * file, rule and message, not its line, so editing above it does not make it
 * new. Known findings are reported as known; baseline entries that no longer
 * occur are reported as removable.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from './diagnostics.ts';

export const BASELINE_FILE = 'opsbook-baseline.json';

export interface BaselineEntry {
  file: string;
  rule: string;
  message: string;
  /** How many times the finding occurs in the file. */
  count: number;
}

export interface Baseline {
  version: 1;
  /** `check` and the build. */
  validation: BaselineEntry[];
  /** `audit`. */
  audit: BaselineEntry[];
}

export type BaselineSection = 'validation' | 'audit';

const key = (d: { file: string; rule: string; message: string }) => `${d.file}\u0000${d.rule}\u0000${d.message}`;

export function readBaseline(root: string): Baseline | undefined {
  const path = join(root, BASELINE_FILE);
  if (!existsSync(path)) return undefined;
  const data = JSON.parse(readFileSync(path, 'utf8')) as Partial<Baseline>;
  return { version: 1, validation: data.validation ?? [], audit: data.audit ?? [] };
}

/** The entries that record these findings (line-independent, counted). */
export function baselineEntries(findings: readonly Diagnostic[]): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const d of findings) {
    const entry = counts.get(key(d));
    if (entry) entry.count++;
    else counts.set(key(d), { file: d.file, rule: d.rule, message: d.message, count: 1 });
  }
  return [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
}

/** Writes one section of the baseline, keeping the other. */
export function writeBaseline(root: string, section: BaselineSection, findings: readonly Diagnostic[]): Baseline {
  const baseline = readBaseline(root) ?? { version: 1, validation: [], audit: [] };
  baseline[section] = baselineEntries(findings);
  writeFileSync(join(root, BASELINE_FILE), `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

export interface BaselineResult<D extends Diagnostic> {
  /** Findings the baseline does not know: these count. */
  fresh: D[];
  /** Findings the baseline records: listed as known, never failing. */
  known: D[];
  /** Baseline entries (or part of their count) that no longer occur: they can be removed. */
  removable: BaselineEntry[];
}

export function applyBaseline<D extends Diagnostic>(findings: readonly D[], entries: readonly BaselineEntry[] | undefined): BaselineResult<D> {
  if (!entries) return { fresh: [...findings], known: [], removable: [] };
  const left = new Map(entries.map((e) => [key(e), e.count]));
  const fresh: D[] = [];
  const known: D[] = [];
  for (const d of findings) {
    const n = left.get(key(d)) ?? 0;
    if (n > 0) {
      known.push(d);
      left.set(key(d), n - 1);
    } else fresh.push(d);
  }
  const removable = entries.filter((e) => (left.get(key(e)) ?? 0) > 0).map((e) => ({ ...e, count: left.get(key(e))! }));
  return { fresh, known, removable };
}

/** Lines that say what the baseline did: known findings by rule, and the entries that can go. */
export function baselineSummary(result: BaselineResult<Diagnostic>, command: string): string[] {
  const lines: string[] = [];
  if (result.known.length) {
    const byRule = new Map<string, number>();
    for (const d of result.known) byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
    lines.push(`Known: ${result.known.length} finding${result.known.length === 1 ? '' : 's'} recorded in ${BASELINE_FILE}, not failing (${[...byRule].map(([r, n]) => `${r} ${n}`).join(', ')}).`);
  }
  if (result.removable.length) {
    lines.push(`Fixed: ${result.removable.length} entr${result.removable.length === 1 ? 'y' : 'ies'} of ${BASELINE_FILE} no longer occur; remove them with \`${command} -- --write-baseline\`:`);
    for (const e of result.removable) lines.push(`  ${e.file} ${e.rule} ${e.message}`);
  }
  return lines;
}
