/**
 * The audit's output formats: text grouped by owning team, stable JSON,
 * GitHub workflow annotations and Markdown for a pull-request comment or a
 * weekly issue.
 */
import type { Finding } from './audit.ts';
import { formatDiagnostic, formatGithub } from '../diagnostics/diagnostics.ts';
import { plural } from '../text.ts';


function byOwner(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.owner, [...(groups.get(f.owner) ?? []), f]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[key(f)] = (counts[key(f)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function totals(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return `${plural(findings.length, 'finding')} (${plural(errors, 'error')}, ${plural(findings.length - errors, 'warning')})`;
}

export function auditText(findings: readonly Finding[], today: string): string {
  if (findings.length === 0) return `Audit as of ${today}: no findings.`;
  const lines: string[] = [`Audit as of ${today}`, ''];
  for (const [owner, group] of byOwner(findings)) {
    lines.push(`${owner}: ${totals(group)}`);
    for (const f of group) lines.push(`  ${formatDiagnostic(f)}`);
    lines.push(`  by rule: ${Object.entries(countBy(group, (f) => f.rule)).map(([rule, n]) => `${rule} ${n}`).join(', ')}`, '');
  }
  lines.push(`Total: ${totals(findings)} for ${plural(byOwner(findings).size, 'team')}.`);
  return lines.join('\n');
}

/**
 * `{ version: 1, now, total, errors, warnings, byRule, byOwner, findings: [{ file, line, column,
 * severity, rule, owner, message, hint }] }`, findings sorted by owner, file and line.
 */
export function auditJson(findings: readonly Finding[], today: string): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return JSON.stringify(
    {
      version: 1,
      now: today,
      total: findings.length,
      errors,
      warnings: findings.length - errors,
      byRule: countBy(findings, (f) => f.rule),
      byOwner: countBy(findings, (f) => f.owner),
      findings: findings.map((f) => ({ file: f.file, line: f.line, column: f.column, severity: f.severity, rule: f.rule, owner: f.owner, message: f.message, hint: f.hint ?? null })),
    },
    null,
    2,
  );
}

export function auditGithub(findings: readonly Finding[]): string {
  return formatGithub(findings.map((f) => ({ ...f, message: `[${f.owner}] ${f.message}` })));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function auditMarkdown(findings: readonly Finding[], today: string): string {
  const lines = [`## Opsbook audit, ${today}`, ''];
  if (findings.length === 0) return [...lines, 'No findings: every document is reviewed and complete.', ''].join('\n');
  lines.push(`**${totals(findings)}.**`, '', '| Team | Errors | Warnings |', '| --- | ---: | ---: |');
  const groups = byOwner(findings);
  for (const [owner, group] of groups) {
    const errors = group.filter((f) => f.severity === 'error').length;
    lines.push(`| ${cell(owner)} | ${errors} | ${group.length - errors} |`);
  }
  for (const [owner, group] of groups) {
    lines.push('', `### ${owner}`, '', '| | Where | Rule | Finding | What to do |', '| --- | --- | --- | --- | --- |');
    for (const f of group) {
      lines.push(`| ${f.severity === 'error' ? '🔴' : '🟡'} | \`${cell(f.file)}:${f.line}\` | \`${f.rule}\` | ${cell(f.message)} | ${cell(f.hint ?? '')} |`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
