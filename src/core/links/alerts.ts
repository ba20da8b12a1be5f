/**
 * Alerts: which runbook answers each alert name, and (when the configuration
 * names Prometheus-style rule files) which alerts have no runbook and which
 * runbook alerts no rule defines.
 */
import { globSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { toPosix, type ContentDocument } from '../load/load.ts';
import { alertPath, alertSlug } from './urls.ts';
import { parseYaml } from '../load/yaml.ts';

export interface AlertEntry {
  /** The name as the runbook writes it. */
  name: string;
  slug: string;
  /** Site path of the alert page, without the base. */
  path: string;
  runbook: ContentDocument;
  line: number;
}

/**
 * Alert names of a runbook with the line each is written on. Read from the
 * YAML as written, so one bad field elsewhere in the runbook does not make
 * its alerts look unowned.
 */
function runbookAlerts(doc: ContentDocument): { name: string; line: number; column: number }[] {
  const alerts = doc.raw?.alerts;
  if (!Array.isArray(alerts)) return [];
  return alerts.flatMap((name: unknown, i) => (typeof name === 'string' && name ? [{ name, ...doc.yaml!.locate(['alerts', i]) }] : []));
}

/** Every alert of every valid runbook; an alert claimed twice (ignoring case) is an error naming both files. */
export function collectAlerts(documents: readonly ContentDocument[], out: Diagnostic[]): Map<string, AlertEntry> {
  const bySlug = new Map<string, AlertEntry>();
  for (const doc of documents) {
    if (doc.collection !== 'runbooks') continue;
    for (const alert of runbookAlerts(doc)) {
      const slug = alertSlug(alert.name);
      const existing = bySlug.get(slug);
      if (existing) {
        const same = existing.runbook === doc;
        out.push({
          file: doc.file,
          line: alert.line,
          column: alert.column,
          severity: 'error',
          rule: 'alerts/duplicate',
          message: same
            ? `Alert "${alert.name}" is listed twice in this runbook`
            : `Alert "${alert.name}" is also claimed by ${existing.runbook.file} (line ${existing.line}) as "${existing.name}"`,
          hint: same ? 'Remove the repeat.' : 'An alert leads to one runbook: keep it in one of them and link the other with "related".',
        });
        continue;
      }
      bySlug.set(slug, { name: alert.name, slug, path: alertPath(alert.name), runbook: doc, line: alert.line });
    }
  }
  return bySlug;
}

interface RuleAlert {
  name: string;
  file: string;
  line: number;
  column: number;
  runbookUrl?: { value: string; line: number; column: number } | undefined;
}

function get(map: YAMLMap, key: string): unknown {
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair?.value;
}

/** Reads `groups[].rules[].alert` from Prometheus-style rule files. */
function readRuleFiles(root: string, patterns: readonly string[], out: Diagnostic[]): RuleAlert[] {
  const alerts: RuleAlert[] = [];
  const files = [...new Set(patterns.flatMap((pattern) => globSync(pattern, { cwd: root })))].sort();
  if (patterns.length && files.length === 0) {
    out.push({ file: 'opsbook.config.ts', line: 0, column: 0, severity: 'warning', rule: 'alerts/no-rule-files', message: `No alert rule files match ${patterns.join(', ')}`, hint: 'Correct alertRules in opsbook.config.ts, or remove it.' });
  }
  for (const name of files) {
    const file = toPosix(relative(root, join(root, name)));
    const text = readFileSync(join(root, name), 'utf8');
    const yaml = parseYaml(text, file, 1, out);
    const groups = isMap(yaml.doc.contents) ? get(yaml.doc.contents, 'groups') : undefined;
    if (!isSeq(groups)) continue;
    for (const group of groups.items) {
      const rules = isMap(group) ? get(group, 'rules') : undefined;
      if (!isSeq(rules)) continue;
      for (const rule of rules.items) {
        if (!isMap(rule)) continue;
        const alert = get(rule, 'alert');
        if (!isScalar(alert) || typeof alert.value !== 'string') continue;
        const at = (node: { range?: [number, number, number] | null | undefined }) => {
          const before = text.slice(0, node.range?.[0] ?? 0).split('\n');
          return { line: before.length, column: before[before.length - 1]!.length + 1 };
        };
        const annotations = get(rule, 'annotations');
        const url = isMap(annotations) ? get(annotations, 'runbook_url') : undefined;
        alerts.push({
          name: alert.value,
          file,
          ...at(alert),
          runbookUrl: isScalar(url) && typeof url.value === 'string' ? { value: url.value, ...at(url) } : undefined,
        });
      }
    }
  }
  return alerts;
}

/**
 * Alert coverage against rule files: a rule alert with no runbook is an
 * error; a runbook alert that no rule defines is a warning; a runbook_url
 * annotation that does not lead to the alert's page is a warning.
 */
export function checkAlertCoverage(root: string, patterns: readonly string[], alerts: Map<string, AlertEntry>, out: Diagnostic[]): void {
  if (patterns.length === 0) return;
  const rules = readRuleFiles(root, patterns, out);
  const defined = new Set(rules.map((r) => alertSlug(r.name)));
  for (const rule of rules) {
    const entry = alerts.get(alertSlug(rule.name));
    if (!entry) {
      const near = suggest(rule.name, [...alerts.values()].map((a) => a.name));
      out.push({
        file: rule.file,
        line: rule.line,
        column: rule.column,
        severity: 'error',
        rule: 'alerts/no-runbook',
        message: `Alert "${rule.name}" has no runbook${near ? `; a runbook lists "${near}"` : ''}`,
        hint: near ? `Make the two names the same.` : `Add "${rule.name}" to the alerts of the runbook on-call should follow when it fires.`,
      });
      continue;
    }
    if (rule.runbookUrl && !rule.runbookUrl.value.replace(/\/?$/, '/').endsWith(entry.path)) {
      out.push({
        file: rule.file,
        line: rule.runbookUrl.line,
        column: rule.runbookUrl.column,
        severity: 'warning',
        rule: 'alerts/runbook-url',
        message: `runbook_url of "${rule.name}" does not lead to its alert page`,
        hint: `Set it to <site URL>${entry.path}, which always leads to ${entry.runbook.file}.`,
      });
    }
  }
  for (const entry of alerts.values()) {
    if (defined.has(entry.slug)) continue;
    const position = entry.runbook.yaml!.locate(['alerts', (entry.runbook.raw!.alerts as string[]).indexOf(entry.name)]);
    out.push({
      file: entry.runbook.file,
      ...position,
      severity: 'warning',
      rule: 'alerts/no-rule',
      message: `No alert rule defines "${entry.name}"`,
      hint: `Check the spelling against ${patterns.join(', ')}, or remove the alert if it was deleted.`,
    });
  }
}
