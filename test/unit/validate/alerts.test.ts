/**
 * Alert rule files that cannot be read are diagnostics, never exceptions:
 * a folder that matches the pattern, a file without read permission, a
 * broken symbolic link, a FIFO, bytes that are not UTF-8, YAML that does not
 * parse, YAML that is not a rule file. The readable files are still read.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { checkAlertCoverage } from '../../../src/core/links/alerts.ts';

const GOOD = 'groups:\n  - name: shop\n    rules:\n      - alert: CheckoutDown\n        expr: up == 0\n';
const roots: string[] = [];

function tree(files: Record<string, string | Buffer | ((path: string) => void)>): string {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-alerts-'));
  roots.push(root);
  mkdirSync(join(root, 'alert-rules'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, 'alert-rules', name);
    if (typeof content === 'function') content(path);
    else writeFileSync(path, content);
  }
  return root;
}

function coverage(root: string): string[] {
  const out: Diagnostic[] = [];
  checkAlertCoverage(root, ['alert-rules/*.yaml'], new Map(), out);
  return sortDiagnostics(out).map(formatDiagnostic);
}

afterEach(() => {
  for (const root of roots.splice(0)) {
    try {
      chmodSync(join(root, 'alert-rules', 'locked.yaml'), 0o644);
    } catch {}
    rmSync(root, { recursive: true, force: true });
  }
});

const NO_RUNBOOK = 'alert-rules/good.yaml:4:16 error Alert "CheckoutDown" has no runbook. Add "CheckoutDown" to the alerts of the runbook on-call should follow when it fires. alerts/no-runbook';

describe('alerts/rules-unreadable', () => {
  test('a folder whose name matches the pattern', () => {
    const root = tree({ 'good.yaml': GOOD, 'old.yaml': (path) => mkdirSync(path) });
    expect(coverage(root)).toEqual([
      NO_RUNBOOK,
      'alert-rules/old.yaml:0:0 error This alert rule file cannot be read: it is a folder. Narrow the alertRules pattern in opsbook.config.ts so it matches rule files only, or rename the folder. alerts/rules-unreadable',
    ]);
  });

  test('a broken symbolic link, and a FIFO (which would block a read)', () => {
    const root = tree({
      'good.yaml': GOOD,
      'gone.yaml': (path) => symlinkSync('/nonexistent/opsbook/rules.yaml', path),
      'pipe.yaml': (path) => execFileSync('mkfifo', [path]),
    });
    expect(coverage(root)).toEqual([
      'alert-rules/gone.yaml:0:0 error This alert rule file cannot be read: it does not exist (a broken symbolic link?). Make the file readable by the user that runs the build, or remove it from alertRules in opsbook.config.ts. alerts/rules-unreadable',
      NO_RUNBOOK,
      'alert-rules/pipe.yaml:0:0 error This alert rule file cannot be read: it is not a regular file. Narrow the alertRules pattern in opsbook.config.ts so it matches rule files only, or rename the folder. alerts/rules-unreadable',
    ]);
  });

  test.skipIf(process.getuid?.() === 0)('a file without read permission', () => {
    const root = tree({ 'good.yaml': GOOD, 'locked.yaml': GOOD.replace('CheckoutDown', 'Other') });
    chmodSync(join(root, 'alert-rules', 'locked.yaml'), 0o000);
    expect(coverage(root)).toEqual([
      NO_RUNBOOK,
      'alert-rules/locked.yaml:0:0 error This alert rule file cannot be read: permission denied. Make the file readable by the user that runs the build, or remove it from alertRules in opsbook.config.ts. alerts/rules-unreadable',
    ]);
  });

  test('bytes that are not UTF-8', () => {
    const root = tree({ 'good.yaml': GOOD, 'latin1.yaml': Buffer.from('groups:\n  - name: caf\xe9\n', 'latin1') });
    expect(coverage(root)).toEqual([
      NO_RUNBOOK,
      'alert-rules/latin1.yaml:0:0 error This alert rule file is not valid UTF-8. Save it as UTF-8; alert rule files are YAML text. alerts/rules-unreadable',
    ]);
  });

  test('YAML that does not parse, and YAML that is not a rule file', () => {
    const root = tree({ 'good.yaml': GOOD, 'broken.yaml': 'groups:\n  - name: shop\n    rules: [\n', 'list.yaml': '- a\n- b\n' });
    const lines = coverage(root);
    expect(lines.filter((l) => l.endsWith('alerts/rules-unreadable'))).toEqual([
      'alert-rules/broken.yaml:4:1 error This alert rule file is not valid YAML, so its alerts are not read. Fix the YAML errors reported for it; until then runbook alerts are not checked against the rule files. alerts/rules-unreadable',
      'alert-rules/list.yaml:1:1 error This file has no "groups:" list, so it defines no alerts. Alert rule files are Prometheus rule files (groups: - name: … rules: - alert: …); remove this file from alertRules in opsbook.config.ts if it is something else. alerts/rules-unreadable',
    ]);
    expect(lines.some((l) => l.startsWith('alert-rules/broken.yaml') && l.endsWith('yaml/syntax'))).toBe(true);
    expect(lines).toContain(NO_RUNBOOK);
  });
});
