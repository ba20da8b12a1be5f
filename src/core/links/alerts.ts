/**
 * Alerts: which runbook answers each alert name, and (when the configuration
 * names Prometheus-style rule files) which alerts have no runbook and which
 * runbook alerts no rule defines.
 */
import { globSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { alertRules, mapValue, ruleGroups } from './rule-files.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { toPosix, type ContentDocument } from '../load/load.ts';
import { alertPath, alertSlug } from './urls.ts';
import { normaliseText } from '../load/source-file.ts';
import { parseYamlDocument } from '../load/yaml.ts';

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

function unreadable(file: string, message: string, hint: string, line = 0): Diagnostic {
  return { file, line, column: line ? 1 : 0, severity: 'error', rule: 'alerts/rules-unreadable', message, hint };
}

/** The files a pattern of `alertRules` matches; a pattern that cannot be searched is a diagnostic, not an exception. */
function globRuleFiles(root: string, pattern: string, out: Diagnostic[]): string[] {
  try {
    return globSync(pattern, { cwd: root });
  } catch (error) {
    out.push(unreadable('opsbook.config.ts', `The alert rule files ${pattern} cannot be listed: ${(error as Error).message}`, 'Check the alertRules pattern in opsbook.config.ts and the permissions of its folders.'));
    return [];
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of one alert rule file, or undefined (with a diagnostic) when it
 * is not a regular file, cannot be read or is not UTF-8. Never throws: one
 * broken rule file must not stop the build from reporting everything else.
 */
function readRuleFile(path: string, file: string, out: Diagnostic[]): string | undefined {
  let bytes: Buffer;
  try {
    // stat first: a FIFO or device would block or never end, and a directory cannot be read as text.
    const stats = statSync(path);
    if (!stats.isFile()) {
      out.push(unreadable(file, `This alert rule file cannot be read: it is ${stats.isDirectory() ? 'a folder' : 'not a regular file'}`, 'Narrow the alertRules pattern in opsbook.config.ts so it matches rule files only, or rename the folder.'));
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist (a broken symbolic link?)' : (error as Error).message;
    out.push(unreadable(file, `This alert rule file cannot be read: ${why}`, 'Make the file readable by the user that runs the build, or remove it from alertRules in opsbook.config.ts.'));
    return undefined;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    out.push(unreadable(file, 'This alert rule file is not valid UTF-8', 'Save it as UTF-8; alert rule files are YAML text.'));
    return undefined;
  }
  return normaliseText(text);
}

/**
 * Reads `groups[].rules[].alert` from Prometheus-style rule files.
 * `complete` is false when a file could not be read or parsed: its alerts
 * are unknown.
 */
function readRuleFiles(root: string, patterns: readonly string[], out: Diagnostic[]): { alerts: RuleAlert[]; complete: boolean } {
  const alerts: RuleAlert[] = [];
  let complete = true;
  const files = [...new Set(patterns.flatMap((pattern) => globRuleFiles(root, pattern, out)))].sort();
  if (patterns.length && files.length === 0) {
    out.push({ file: 'opsbook.config.ts', line: 0, column: 0, severity: 'warning', rule: 'alerts/no-rule-files', message: `No alert rule files match ${patterns.join(', ')}`, hint: 'Correct alertRules in opsbook.config.ts, or remove it.' });
  }
  for (const name of files) {
    const file = toPosix(relative(root, join(root, name)));
    const text = readRuleFile(join(root, name), file, out);
    if (text === undefined) {
      complete = false;
      continue;
    }
    const yaml = parseYamlDocument(text, file, 1, out);
    if (yaml.doc.errors.length > 0) {
      // The YAML errors themselves are reported by parseYaml, with their lines.
      const first = yaml.doc.errors[0]!;
      out.push(unreadable(file, 'This alert rule file is not valid YAML, so its alerts are not read', `Fix the YAML errors reported for it; until then runbook alerts are not checked against the rule files.`, text.slice(0, first.pos[0]).split('\n').length));
      complete = false;
      continue;
    }
    const groups = ruleGroups(yaml.doc.contents);
    if (!groups) {
      out.push(unreadable(file, 'This file has no "groups:" list, so it defines no alerts', 'Alert rule files are Prometheus rule files (groups: - name: … rules: - alert: …); remove this file from alertRules in opsbook.config.ts if it is something else.', 1));
      continue;
    }
    const at = (node: { range?: [number, number, number] | null | undefined }) => {
      const before = text.slice(0, node.range?.[0] ?? 0).split('\n');
      return { line: before.length, column: before[before.length - 1]!.length + 1 };
    };
    for (const { rule, alert } of alertRules(groups)) {
      const annotations = mapValue(rule, 'annotations');
      const url = isMap(annotations) ? mapValue(annotations, 'runbook_url') : undefined;
      alerts.push({ name: alert.value, file, ...at(alert), runbookUrl: isScalar(url) && typeof url.value === 'string' ? { value: url.value, ...at(url) } : undefined });
    }
  }
  return { alerts, complete };
}

/**
 * Alert coverage against rule files: a rule alert with no runbook is an
 * error; a runbook alert that no rule defines is a warning; a runbook_url
 * annotation that does not lead to the alert's page is a warning. A rule
 * file that cannot be read or parsed is an error (`alerts/rules-unreadable`),
 * never an exception; while one is unreadable, runbook alerts are not
 * reported as undefined, since that file may define them.
 */
export function checkAlertCoverage(root: string, patterns: readonly string[], alerts: Map<string, AlertEntry>, out: Diagnostic[]): void {
  if (patterns.length === 0) return;
  const { alerts: rules, complete } = readRuleFiles(root, patterns, out);
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
  // A rule file that could not be read may define any alert: say nothing rather than something wrong.
  if (!complete) return;
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
