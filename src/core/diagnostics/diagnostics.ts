/**
 * One Diagnostic shape for every problem Opsbook finds, and the formats it is
 * printed in. Producers attach diagnostics; they never throw for bad content.
 */
import { plural } from '../text.ts';
import type { RuleId } from './rules.ts';
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: Severity;
  /** Stable rule id, declared in rules.ts (or by an audit rule or a kind), e.g. "schema/unknown-key". */
  rule: RuleId;
  /** What is wrong with the author's own value, as a sentence. */
  message: string;
  /** How to fix it. */
  hint?: string | undefined;
}

export interface Position {
  line: number;
  column: number;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts = { error: 0, warning: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** `path:line:col severity message hint rule-id`, one line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const text = [sentence(d.message), d.hint ? sentence(d.hint) : ''].filter(Boolean).join(' ');
  return `${where} ${d.severity} ${text} ${d.rule}`;
}


/** [rule, count] pairs, most frequent first, then by rule id. */
export function countByRule(diagnostics: readonly Diagnostic[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.rule, (counts.get(d.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "2 errors and 1 warning in 3 files" */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const files = new Set(diagnostics.map((d) => d.file)).size;
  if (diagnostics.length === 0) return 'No problems found.';
  return `${plural(counts.error, 'error')} and ${plural(counts.warning, 'warning')} in ${plural(files, 'file')}.`;
}

/** Sorted, grouped by file (a blank line between files), with a summary line. */
export function formatText(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const d of sortDiagnostics(diagnostics)) {
    if (lastFile !== undefined && d.file !== lastFile) lines.push('');
    lines.push(formatDiagnostic(d));
    lastFile = d.file;
  }
  if (lines.length) lines.push('');
  // A long list ends with how many of each rule, most frequent first, as the audit does.
  if (diagnostics.length > 1) lines.push(`By rule: ${countByRule(diagnostics).map(([rule, n]) => `${rule} ${n}`).join(', ')}.`);
  lines.push(summarise(diagnostics));
  return lines.join('\n');
}

function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const props = [`file=${escapeGithubProperty(d.file)}`];
      if (d.line > 0) props.push(`line=${d.line}`, `col=${d.column}`);
      props.push(`title=${escapeGithubProperty(d.rule)}`);
      const text = [sentence(d.message), d.hint ? sentence(d.hint) : ''].filter(Boolean).join(' ');
      return `::${d.severity} ${props.join(',')}::${escapeGithubData(text)}`;
    })
    .join('\n');
}

/** Stable JSON: `{ diagnostics: Diagnostic[], errors, warnings }`. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  return JSON.stringify({ diagnostics: sortDiagnostics(diagnostics), errors: counts.error, warnings: counts.warning }, null, 2);
}
