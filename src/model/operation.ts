import { z } from 'astro/zod';
import { impossibleDateReason, IsoDate, IsoTimestamp, Reference, timestampMillis, type IssueParams } from './common.ts';
import { fieldReference, listReferences, type FieldReference } from './reference.ts';

export const OperationCategory = z.enum([
  'infrastructure-change',
  'deployment',
  'migration',
  'maintenance',
  'incident-response',
  'security',
  'decommission',
]);
export const RiskLevel = z.enum(['low', 'medium', 'high', 'critical']);
export const ServiceImpact = z.enum(['none', 'minimal', 'moderate', 'high']);
export const OperationStatus = z.enum(['planned', 'in-progress', 'completed', 'failed', 'rolled-back']);

/** Statuses that mean the operation has ended and must say when. */
export const FINISHED_STATUSES: readonly string[] = ['completed', 'failed', 'rolled-back'];
/** Risk levels that need a supervisor. */
export const SUPERVISED_RISKS: readonly string[] = ['high', 'critical'];
/** Risk levels that need a Rollback section. */
export const ROLLBACK_RISKS: readonly string[] = ['medium', 'high', 'critical'];

/** `YYYY-MM-DD-<slug>`: the date, then lower-case words joined by hyphens. */
export const OPERATION_ID_PATTERN = /^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `content/operations/**\/*.md|mdx`: what was done, when, by whom, at what risk. */
export const OperationSchema = z
  .strictObject({
    /** `YYYY-MM-DD-<slug>`; equals the file name without extension. */
    operationId: z.string().regex(OPERATION_ID_PATTERN),
    /** What was done, e.g. "Orders database upgrade to PostgreSQL 16". */
    title: z.string().min(1),
    /** Day of the operation; equals the date in operationId. */
    date: IsoDate,
    /** When work started (ISO 8601 with offset). */
    startedAt: IsoTimestamp.optional(),
    /** When work ended; required once status is completed, failed or rolled-back. */
    completedAt: IsoTimestamp.optional(),
    /** Who carried it out. */
    operator: z.string().min(1),
    /** Who supervised; required when riskLevel is high or critical. */
    supervisor: z.string().min(1).optional(),
    /** Kind of work. */
    category: OperationCategory,
    /** Assessed risk before starting. */
    riskLevel: RiskLevel,
    /** Impact on users of the services. */
    serviceImpact: ServiceImpact,
    /** Where the operation stands. */
    status: OperationStatus,
    /** Ids of the services touched (at least one). */
    services: z.array(Reference).min(1),
    /** Id of the procedure that was followed. */
    procedure: Reference.optional(),
    /** Ids of runbooks used. */
    runbooks: z.array(Reference).optional(),
    /** Change ticket, e.g. "CHG-2291". */
    changeTicket: z.string().min(1).optional(),
    /** When the outcome must be looked at again, YYYY-MM-DD. */
    nextReview: IsoDate.optional(),
  })
  // Cross-field rules run even when other fields are invalid, so one run reports everything.
  .superRefine(checkOperationFields, { when: () => true });

type OperationFields = Record<string, unknown>;

function checkOperationFields(value: unknown, ctx: z.RefinementCtx): void {
  if (!value || typeof value !== 'object') return;
  const op = value as OperationFields;
  const text = (key: string) => (typeof op[key] === 'string' ? (op[key] as string) : undefined);
  const status = text('status');
  const risk = text('riskLevel');

  const idDate = OPERATION_ID_PATTERN.exec(text('operationId') ?? '')?.[1];
  const date = text('date');
  if (idDate && date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !impossibleDateReason(date) && idDate !== date) {
    ctx.addIssue({
      code: 'custom',
      path: ['date'],
      message: `is ${date} but operationId starts with ${idDate}`,
      params: { rule: 'operation/date-mismatch', hint: 'The date and the operationId (and so the file name) must name the same day.' } satisfies IssueParams,
    });
  }
  if (status && FINISHED_STATUSES.includes(status) && op.completedAt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['completedAt'],
      message: `is required when status is ${status}`,
      params: { rule: 'operation/completed-at', hint: 'Add "completedAt: 2026-01-14T22:40:00Z" with the time the work ended.' } satisfies IssueParams,
    });
  }
  if (status && !FINISHED_STATUSES.includes(status) && op.completedAt !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['completedAt'],
      message: `is set but status is ${status}`,
      params: { rule: 'operation/completed-at', hint: 'Set status to completed, failed or rolled-back, or remove completedAt.' } satisfies IssueParams,
    });
  }
  const started = text('startedAt');
  const completed = text('completedAt');
  if (started && completed) {
    const [a, b] = [timestampMillis(started), timestampMillis(completed)];
    if (!Number.isNaN(a) && !Number.isNaN(b) && b < a) {
      ctx.addIssue({
        code: 'custom',
        path: ['completedAt'],
        message: `(${completed}) is before startedAt (${started})`,
        params: { rule: 'operation/completed-at', hint: 'Check both times and their UTC offsets.' } satisfies IssueParams,
      });
    }
  }
  if (risk && SUPERVISED_RISKS.includes(risk) && op.supervisor === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['supervisor'],
      message: `is required when riskLevel is ${risk}`,
      params: { rule: 'operation/supervisor', hint: 'Add "supervisor: <handle>" naming who supervised the operation.' } satisfies IssueParams,
    });
  }
}

export type OperationInput = z.input<typeof OperationSchema>;
export type Operation = z.output<typeof OperationSchema>;

export function operationReferences(data: Record<string, unknown>): FieldReference[] {
  return [
    ...listReferences('services', data.services, ['services']),
    ...fieldReference('procedure', data.procedure, ['procedures']),
    ...listReferences('runbooks', data.runbooks, ['runbooks']),
  ];
}
