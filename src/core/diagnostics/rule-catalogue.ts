/**
 * Every rule a site can report, from the one place each is declared: the
 * validation rules (rules.ts), the core audit rules (audit/rules/) and the
 * rules kinds bring. The README tables and `--rule` checks read this list.
 */
import type { KindRegistry } from '../../model/index.ts';
import { CORE_AUDIT_RULES } from '../audit/rules/index.ts';
import { VALIDATION_RULES } from './rules.ts';

export interface RuleEntry {
  id: string;
  severity: 'error' | 'warning';
  summary: string;
  stage: 'validation' | 'audit';
  /** README heading (validation) or /review/ group (audit). */
  group: string;
  /** The kind that declares it, for rules kinds bring. */
  kind?: string;
}

export function ruleCatalogue(kinds: KindRegistry): RuleEntry[] {
  const validation: RuleEntry[] = Object.entries(VALIDATION_RULES).map(([id, meta]) => ({ id, severity: meta.severity, summary: meta.summary, stage: 'validation', group: meta.group }));
  const audit: RuleEntry[] = CORE_AUDIT_RULES.map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, stage: 'audit', group: rule.group }));
  const fromKinds: RuleEntry[] = kinds.all.flatMap((kind) =>
    kind.rules.map((rule) => ({ id: rule.id, severity: rule.severity, summary: rule.summary, stage: rule.stage, group: rule.stage === 'audit' ? (rule.group ?? 'Coverage and structure') : kind.label, kind: kind.name })),
  );
  return [...validation, ...audit, ...fromKinds];
}
