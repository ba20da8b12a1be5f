/**
 * The shape of a body-section rule. Each kind declares its sections in its
 * own file; the site configuration (opsbook.config.ts) may add aliases (teams
 * write in other languages) or change a section's severity.
 */
export type RuleSeverity = 'error' | 'warning' | 'off';

/** One expected top-level section of a document body. */
export interface SectionRule {
  /** Canonical name, e.g. "Diagnosis". */
  name: string;
  /** Other headings accepted in its place, e.g. ["诊断"]. Matched like the name. */
  aliases?: readonly string[] | undefined;
  /** What a missing section is: error (default), warning or off. */
  severity?: RuleSeverity | undefined;
  /** For operations: required only at these risk levels. */
  whenRisk?: readonly string[] | undefined;
  /** The section must contain at least one task-list item (`- [ ]`). */
  taskList?: boolean | undefined;
  /** The section holds `Step N` sub-headings numbered 1, 2, 3… */
  steps?: boolean | undefined;
}

/** Section rules by collection name. */
export type SectionRules = Record<string, readonly SectionRule[]>;
