import { z } from 'astro/zod';
import { impossibleDateReason, IsoDate, IsoTimestamp, timestampMillis, type IssueParams } from './common.ts';
import { defineKind, facet, strings } from './kind.ts';
import { ref } from './reference.ts';
import { isSlug, lines, splitList, yamlList, yamlString } from './template-text.ts';

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
    services: z.array(ref('services')).min(1),
    /** Id of the procedure that was followed. */
    procedure: ref('procedures').optional(),
    /** Ids of runbooks used. */
    runbooks: z.array(ref('runbooks')).optional(),
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

/** The operation id for a slug and a date: 2026-12-01-db-failover-drill. A slug that already starts with a date keeps it. */
export function operationId(slug: string, date: string): string {
  return /^\d{4}-\d{2}-\d{2}-/.test(slug) ? slug : `${date}-${slug}`;
}

export const operations = defineKind({
  name: 'operations',
  noun: 'operation',
  label: 'Operations',
  description: 'Records of what was done, when, by whom and at what risk.',
  format: 'markdown',
  schema: OperationSchema,
  referenceKey: 'operationId',
  sections: [
    { name: 'Summary' },
    { name: 'Verification', taskList: true },
    { name: 'Rollback', whenRisk: [...ROLLBACK_RISKS] },
  ],
  pageAnchors: ['blast-radius'],
  search: {
    facets: [facet.services(), facet.field('status', 'Status', 'status'), facet.field('risk', 'Risk level', 'riskLevel'), facet.field('category', 'Category', 'category'), facet.year()],
    exact: (d) => strings(d.operationId),
    keywords: (d) => [...strings(d.operator), ...strings(d.supervisor), ...strings(d.changeTicket), ...strings(d.procedure), ...strings(d.runbooks), ...strings(d.category)],
    meta: (d) => ({ date: d.date as string | undefined, operator: d.operator as string | undefined }),
  },
  sortBy: 'date',
  usage: { fields: ['runbooks', 'procedure'], dateField: 'date' },
  audit: ['audit/next-review-passed', 'audit/unchecked-items'],
  offline: 'visited',
  nav: 30,
  ownPages: true,
  template: {
    fields: [
      { name: 'title', question: 'Title', required: true },
      { name: 'date', question: 'Date (YYYY-MM-DD)', required: false, fallback: (_a, today) => today },
      { name: 'operator', question: 'Operator (who does it)', required: true },
      { name: 'category', question: 'Category', required: true, choices: OperationCategory.options },
      { name: 'risk', question: 'Risk level', required: true, choices: RiskLevel.options },
      { name: 'supervisor', question: 'Supervisor', required: (a) => SUPERVISED_RISKS.includes(a.risk ?? ''), when: 'for high or critical risk' },
      { name: 'impact', question: 'Service impact', required: true, choices: ServiceImpact.options },
      { name: 'services', question: 'Service ids it touches (comma-separated)', required: true, list: true, references: 'services' },
      // A new record is written before or while the work happens; the end is recorded later.
      { name: 'status', question: 'Status', required: false, choices: ['planned', 'in-progress'], fallback: () => 'planned' },
      { name: 'procedure', question: 'Procedure followed (id)', required: false, references: 'procedures' },
    ],
    idProblem: (id) => (isSlug(id.replace(/^\d{4}-\d{2}-\d{2}-/, '')) ? undefined : `"${id}" is not a valid operation slug: use lower-case words joined by hyphens, e.g. db-failover-drill.`),
    path: ({ id, answers }) => {
      const opId = operationId(id, answers.date!);
      return `content/operations/${opId.slice(0, 4)}/${opId}.md`;
    },
    render: ({ id, answers: a, today }) => {
      const opId = operationId(id, a.date!);
      const risky = ROLLBACK_RISKS.includes(a.risk!);
      return lines(
        '---',
        `operationId: ${opId}`,
        `title: ${yamlString(a.title!)}`,
        `date: ${a.date}`,
        `operator: ${yamlString(a.operator!)}`,
        a.supervisor && `supervisor: ${yamlString(a.supervisor)}`,
        `category: ${a.category}`,
        `riskLevel: ${a.risk}`,
        `serviceImpact: ${a.impact}`,
        a.status === 'in-progress' && `startedAt: ${a.startedAt ?? `${today}T00:00:00Z`}`,
        `status: ${a.status}`,
        `services: ${yamlList(splitList(a.services))}`,
        a.procedure && `procedure: ${a.procedure}`,
        '---',
        '',
        '## Summary',
        '',
        'What will be done, why, and what users may notice.',
        '',
        '## Steps',
        '',
        '1. Describe each step with the commands to run.',
        '',
        '## Verification',
        '',
        '- [ ] The services are healthy afterwards.',
        risky && '',
        risky && '## Rollback',
        risky && '',
        risky && 'How to undo the change, and the point after which it cannot be undone.',
      );
    },
  },
});
