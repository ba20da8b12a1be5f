import { z } from 'astro/zod';
import { Dashboard, IsoDate, Reference, ReviewCycle } from './common.ts';
import { fieldReference, listReferences, type FieldReference } from './reference.ts';

/** Severity of the alerts a runbook answers. */
export const Severity = z.enum(['critical', 'warning', 'info']);

/** `content/runbooks/**\/*.md|mdx`: what on-call reads during an incident. */
export const RunbookSchema = z.strictObject({
  /** Title shown on the page and in search, e.g. "Payments database failover". */
  title: z.string().min(1),
  /** One sentence: when to use this runbook. Shown in search results. */
  summary: z.string().min(1),
  /** Id of the owning team. */
  owner: Reference,
  /** Ids of the services this runbook covers (at least one). */
  services: z.array(Reference).min(1),
  /**
   * Alert names that lead here. Each gets `/alerts/<name>/`, a stable URL for
   * an alert rule's `runbook_url`. An alert may belong to one runbook only.
   */
  alerts: z.array(z.string().min(1)).optional(),
  /** Severity of the alerts: critical, warning or info. */
  severity: Severity.optional(),
  /** Date of the last review, YYYY-MM-DD. */
  lastReviewed: IsoDate,
  /** How often the runbook must be reviewed. Default: quarterly. */
  reviewCycle: ReviewCycle.default('quarterly'),
  /** Ids of related runbooks or procedures. */
  related: z.array(Reference).optional(),
  /** Dashboards to open while following the runbook. */
  dashboards: z.array(Dashboard).optional(),
});

export type RunbookInput = z.input<typeof RunbookSchema>;
export type Runbook = z.output<typeof RunbookSchema>;

export function runbookReferences(data: Record<string, unknown>): FieldReference[] {
  return [
    ...fieldReference('owner', data.owner, ['teams']),
    ...listReferences('services', data.services, ['services']),
    ...listReferences('related', data.related, ['runbooks', 'procedures']),
  ];
}
