import { z } from 'astro/zod';
import { IsoDate, Reference, ReviewCycle } from './common.ts';
import { fieldReference, listReferences, type FieldReference } from './reference.ts';

/** Whether a procedure is in force. */
export const ProcedureStatus = z.enum(['draft', 'active', 'deprecated']);

/** `content/procedures/**\/*.md|mdx`: how the organisation does a kind of work. */
export const ProcedureSchema = z.strictObject({
  /** Title, e.g. "Infrastructure change through IaC". */
  title: z.string().min(1),
  /** One sentence: what the procedure achieves. */
  summary: z.string().min(1),
  /** Id of the owning team. */
  owner: Reference,
  /** draft, active or deprecated. */
  status: ProcedureStatus,
  /** Version label, e.g. "2.1" (quote it: a bare 2.10 is a number in YAML). */
  version: z.string().min(1).optional(),
  /** Date of the last review, YYYY-MM-DD. */
  lastReviewed: IsoDate,
  /** How often the procedure must be reviewed. Default: annual. */
  reviewCycle: ReviewCycle.default('annual'),
  /** Ids of procedures that hand over to this one. */
  triggers: z.array(Reference).optional(),
  /** Ids of procedures that consume this one's outputs. */
  downstream: z.array(Reference).optional(),
  /** Ids of the services the procedure touches. */
  services: z.array(Reference).optional(),
  /** Ids of runbooks used along the way. */
  runbooks: z.array(Reference).optional(),
});

export type ProcedureInput = z.input<typeof ProcedureSchema>;
export type Procedure = z.output<typeof ProcedureSchema>;

export function procedureReferences(data: Record<string, unknown>): FieldReference[] {
  return [
    ...fieldReference('owner', data.owner, ['teams']),
    ...listReferences('triggers', data.triggers, ['procedures']),
    ...listReferences('downstream', data.downstream, ['procedures']),
    ...listReferences('services', data.services, ['services']),
    ...listReferences('runbooks', data.runbooks, ['runbooks']),
  ];
}
