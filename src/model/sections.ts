/**
 * Default body structure of each Markdown collection, as the content model
 * states it. The site configuration (opsbook.config.ts) may add aliases
 * (teams write in other languages) or change a section's severity.
 */
import type { CollectionName } from './reference.ts';

export type RuleSeverity = 'error' | 'warning' | 'off';

/** One expected top-level section of a document body. */
export interface SectionRule {
  /** Canonical name, e.g. "Diagnosis". */
  name: string;
  /** Other headings accepted in its place, e.g. ["诊断"]. Matched like the name. */
  aliases?: string[] | undefined;
  /** What a missing section is: error (default), warning or off. */
  severity?: RuleSeverity | undefined;
  /** For operations: required only at these risk levels. */
  whenRisk?: string[] | undefined;
  /** The section must contain at least one task-list item (`- [ ]`). */
  taskList?: boolean | undefined;
  /** The section holds `Step N` sub-headings numbered 1, 2, 3… */
  steps?: boolean | undefined;
}

export type SectionRules = Partial<Record<CollectionName, SectionRule[]>>;

/** Collections whose sections must appear in the listed order (runbooks are read top-down in an incident). */
export const ORDERED_SECTIONS: readonly CollectionName[] = ['runbooks', 'procedures'];

export const DEFAULT_SECTIONS: Required<Pick<SectionRules, 'runbooks' | 'procedures' | 'operations'>> = {
  runbooks: [
    { name: 'Symptoms', aliases: ['Meaning', 'Overview'] },
    { name: 'Impact' },
    { name: 'Diagnosis' },
    { name: 'Mitigation' },
    { name: 'Escalation', severity: 'warning' },
    { name: 'Verification', severity: 'warning' },
  ],
  procedures: [
    { name: 'Purpose' },
    { name: 'Trigger' },
    { name: 'Required Inputs' },
    { name: 'Workflow', steps: true },
    { name: 'Definition of Done', taskList: true },
    { name: 'Exit States' },
  ],
  operations: [
    { name: 'Summary' },
    { name: 'Verification', taskList: true },
    { name: 'Rollback', whenRisk: ['medium', 'high', 'critical'] },
  ],
};
