/**
 * Prometheus rule files: the alerts they define (and their severity label),
 * and `runbook_url` annotations written into them for the alerts import
 * found runbooks for, pointing at each alert's stable page
 * (`<site>/alerts/<slug>/`). Files are read with the `yaml` Document API and
 * changed by inserting or replacing text at the nodes' positions, so
 * comments, quoting, flow maps and indentation stay exactly as written.
 * Plain rule files (`groups:`) and PrometheusRule resources (`spec.groups`)
 * are both read, several YAML documents per file included.
 */
import { globSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { isMap, isPair, isScalar, parseAllDocuments, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { alertRules, mapValue, ruleGroups } from '../links/rule-files.ts';
import { alertPath, alertSlug } from '../links/urls.ts';
import type { RuleAnnotation, RuleFileEntry } from './types.ts';

export interface RuleAlert {
  name: string;
  severity?: string | undefined;
  line: number;
  rule: YAMLMap;
}

export interface RuleFile {
  /** As shown in the report: relative to the working folder when inside it. */
  file: string;
  abs: string;
  text: string;
  documents: Document.Parsed[];
  alerts: RuleAlert[];
  problem?: string | undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair | undefined;
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** The files the globs match, each read and parsed; one that cannot be read is kept with its problem. */
export function readRuleFiles(patterns: readonly string[], cwd: string): { files: RuleFile[]; unmatched: string[] } {
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const matches = globSync(pattern, { cwd });
    if (matches.length === 0) unmatched.push(pattern);
    for (const match of matches) found.add(isAbsolute(match) ? match : join(cwd, match));
  }
  const files = [...found].sort().map((abs): RuleFile => {
    const rel = relative(cwd, abs);
    const file = rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split('\\').join('/');
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (error) {
      return { file, abs, text: '', documents: [], alerts: [], problem: `cannot be read: ${(error as Error).message}` };
    }
    const documents = parseAllDocuments(text) as Document.Parsed[] | { errors: unknown[] };
    if (!Array.isArray(documents)) return { file, abs, text, documents: [], alerts: [], problem: 'holds no YAML document' };
    const broken = documents.find((d) => d.errors.length > 0);
    if (broken) return { file, abs, text, documents, alerts: [], problem: `is not valid YAML (${broken.errors[0]!.message.split('\n')[0]})` };
    const alerts: RuleAlert[] = [];
    for (const doc of documents) {
      const groups = ruleGroups(doc.contents);
      if (!groups) continue;
      for (const { rule, alert } of alertRules(groups)) {
        const labels = mapValue(rule, 'labels');
        const severity = isMap(labels) ? mapValue(labels, 'severity') : undefined;
        alerts.push({ name: alert.value, severity: isScalar(severity) ? String(severity.value) : undefined, line: lineAt(text, alert.range?.[0] ?? 0), rule });
      }
    }
    return { file, abs, text, documents, alerts, problem: alerts.length === 0 ? 'defines no alerts (no groups[].rules[].alert)' : undefined };
  });
  return { files, unmatched };
}

/** A YAML scalar for a URL, in the quoting the old value used, or plain when safe. */
function scalarText(url: string, old?: Scalar): string {
  if (old?.type === 'QUOTE_DOUBLE') return JSON.stringify(url);
  if (old?.type === 'QUOTE_SINGLE') return `'${url.replace(/'/g, "''")}'`;
  return /^[A-Za-z0-9:/._~%+-]+$/.test(url) ? url : JSON.stringify(url);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset of the start of the line after the one `offset` ends on. */
function nextLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const at = text.indexOf('\n', offset);
  return at === -1 ? text.length : at + 1;
}

interface TextEdit {
  at: number;
  end: number;
  text: string;
}

function annotationEdit(text: string, rule: YAMLMap, url: string, eol: string): { edit?: TextEdit; previous?: string } {
  const annotations = mapValue(rule, 'annotations');
  if (isMap(annotations)) {
    const existing = pairOf(annotations, 'runbook_url');
    if (existing && isScalar(existing.value)) {
      const previous = String(existing.value.value);
      if (previous === url) return { previous };
      const [start, end] = existing.value.range!;
      return { edit: { at: start, end, text: scalarText(url, existing.value) }, previous };
    }
    if (annotations.flow) {
      const lastItem = annotations.items[annotations.items.length - 1] as Pair<Scalar, { range?: [number, number, number] }> | undefined;
      if (!lastItem) {
        const close = text.lastIndexOf('}', annotations.range![1]);
        return { edit: { at: close, end: close, text: `runbook_url: ${scalarText(url)}` } };
      }
      const at = lastItem.value?.range?.[1] ?? lastItem.key.range![1];
      return { edit: { at, end: at, text: `, runbook_url: ${scalarText(url)}` } };
    }
    const last = annotations.items[annotations.items.length - 1] as Pair<Scalar, { range?: [number, number, number] }>;
    const first = annotations.items[0] as Pair<Scalar>;
    const indent = ' '.repeat(columnOf(text, first.key.range![0]));
    const at = nextLine(text, last.value?.range?.[1] ?? last.key.range![1]);
    return { edit: { at, end: at, text: `${at === text.length && !text.endsWith('\n') ? eol : ''}${indent}runbook_url: ${scalarText(url)}${eol}` } };
  }
  if (rule.flow) {
    const lastItem = rule.items[rule.items.length - 1] as Pair<Scalar, { range?: [number, number, number] }>;
    const at = lastItem.value?.range?.[1] ?? lastItem.key.range![1];
    return { edit: { at, end: at, text: `, annotations: { runbook_url: ${scalarText(url)} }` } };
  }
  const first = rule.items[0] as Pair<Scalar>;
  const last = rule.items[rule.items.length - 1] as Pair<Scalar, { range?: [number, number, number] }>;
  const indent = ' '.repeat(columnOf(text, first.key.range![0]));
  const at = nextLine(text, last.value?.range?.[1] ?? last.key.range![1]);
  return { edit: { at, end: at, text: `${at === text.length && !text.endsWith('\n') ? eol : ''}${indent}annotations:${eol}${indent}  runbook_url: ${scalarText(url)}${eol}` } };
}

/** The runbook_url of every alert rule in a text, by alert name. */
function urlsIn(text: string): Map<string, string | undefined> {
  const urls = new Map<string, string | undefined>();
  for (const doc of parseAllDocuments(text) as Document.Parsed[]) {
    const groups = ruleGroups(doc.contents);
    if (!groups) continue;
    for (const { rule, alert } of alertRules(groups)) {
      const annotations = mapValue(rule, 'annotations');
      const url = isMap(annotations) ? mapValue(annotations, 'runbook_url') : undefined;
      urls.set(alert.value, isScalar(url) ? String(url.value) : undefined);
    }
  }
  return urls;
}

/**
 * Writes (unless `dryRun`) a runbook_url for every alert a rule file defines
 * that an imported runbook lists; says which alerts have no runbook.
 * `runbooks` maps alert slugs (see alertSlug) to the alert name.
 */
export function annotateRuleFiles(files: readonly RuleFile[], runbooks: ReadonlyMap<string, string>, siteUrl: string, dryRun: boolean): RuleFileEntry[] {
  const prefix = siteUrl.replace(/\/+$/, '');
  return files.map((file) => {
    if (file.problem && file.alerts.length === 0) return { file: file.file, action: 'unreadable', reason: file.problem, annotations: [], withoutRunbook: [] };
    const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    const edits: TextEdit[] = [];
    const annotations: RuleAnnotation[] = [];
    const withoutRunbook: string[] = [];
    const wanted = new Map<string, string>();
    for (const alert of file.alerts) {
      if (!runbooks.has(alertSlug(alert.name))) {
        withoutRunbook.push(alert.name);
        continue;
      }
      const url = `${prefix}${alertPath(alert.name)}`;
      wanted.set(alert.name, url);
      const { edit, previous } = annotationEdit(file.text, alert.rule, url, eol);
      if (!edit) continue;
      edits.push(edit);
      annotations.push({ alert: alert.name, url, previous, line: alert.line });
    }
    if (edits.length === 0) return { file: file.file, action: 'unchanged', reason: annotations.length === 0 && wanted.size ? 'every runbook_url already leads to its alert page' : undefined, annotations, withoutRunbook };
    let text = file.text;
    for (const edit of [...edits].sort((a, b) => b.at - a.at)) text = text.slice(0, edit.at) + edit.text + text.slice(edit.end);
    // The text edits must give each alert exactly its URL; otherwise the file is written by the Document API.
    const check = urlsIn(text);
    let reason: string | undefined;
    if ([...wanted].some(([name, url]) => check.get(name) !== url)) {
      for (const alert of file.alerts) {
        const url = wanted.get(alert.name);
        if (url) alert.rule.setIn(['annotations', 'runbook_url'], url);
      }
      text = file.documents.map((d) => d.toString({ lineWidth: 0 })).join('');
      reason = 'written through the YAML Document API (its layout could not be edited in place): check the diff for reformatting';
    }
    if (!dryRun) writeFileSync(file.abs, text);
    return { file: file.file, action: 'updated', reason, annotations, withoutRunbook };
  });
}
