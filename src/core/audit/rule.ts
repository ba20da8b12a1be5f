/**
 * An audit rule is one object: id, default severity, summary, the /review/
 * group it is shown in, and its check. One file per rule in rules/; kinds may
 * bring rules of their own (src/model/kind.ts), run here the same way.
 */
import type { ContentDocument } from '../load/load.ts';
import type { Project } from '../project.ts';

/** The groups /review/ shows findings in, in order. */
export const REVIEW_GROUPS = ['Overdue', 'Due soon', 'Definition of Done gaps', 'Postmortems', 'Coverage and structure'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

export interface AuditCheckContext {
  project: Project;
  today: string;
  /** Valid documents of the kinds whose `audit` lists this rule. */
  subjects: () => ContentDocument[];
  report: (doc: ContentDocument, at: { line: number; column: number }, message: string, hint: string, owner?: string) => void;
  /** Position of a frontmatter field (the document's first line when it has none). */
  at: (doc: ContentDocument, path: (string | number)[]) => { line: number; column: number };
}

export interface AuditRule<Id extends string = string> {
  id: Id;
  severity: 'error' | 'warning';
  summary: string;
  group: ReviewGroup;
  check: (context: AuditCheckContext) => void;
}

export function defineAuditRule<const Id extends `audit/${string}`>(rule: AuditRule<Id>): AuditRule<Id> {
  return rule;
}
