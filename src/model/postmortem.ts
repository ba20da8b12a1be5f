import { z } from 'astro/zod';
import { IsoDate, IsoTimestamp, timestampMillis, type IssueParams } from './common.ts';
import { defineKind, facet, strings, type RuleDocument } from './kind.ts';
import { ref } from './reference.ts';
import { lines, splitList, yamlList, yamlString } from './template-text.ts';

/** How bad the incident was; sev1 is worst. */
export const PostmortemSeverity = z.enum(['sev1', 'sev2', 'sev3', 'sev4']);
/** Where the review stands. */
export const PostmortemStatus = z.enum(['draft', 'in-review', 'published']);
/** Where an action item stands. */
export const ActionItemStatus = z.enum(['open', 'done', 'wont-do']);

/** One thing to change so the incident does not happen again, or hurts less. */
export const ActionItemSchema = z.strictObject({
  /** What will be done, e.g. "Alert on replication lag above 30 s". */
  action: z.string().min(1),
  /** Id of the team that does it. */
  owner: ref('teams'),
  /** When it is due, YYYY-MM-DD. `audit` flags an open item past its due date. */
  due: IsoDate,
  /** open, done or wont-do. */
  status: ActionItemStatus,
  /** Ticket that tracks it, e.g. "OPS-1432". */
  ticket: z.string().min(1).optional(),
});

/** The incident's times, each not before the previous one. */
const TIMELINE = ['startedAt', 'detectedAt', 'mitigatedAt', 'resolvedAt'] as const;

/** `content/postmortems/**\/*.md|mdx`: a blameless incident review with a timeline and tracked action items. */
export const PostmortemSchema = z
  .strictObject({
    /** What happened, e.g. "API gateway 5xx after a config push". */
    title: z.string().min(1),
    /** One sentence: what happened and to whom. Shown in search results. */
    summary: z.string().min(1),
    /** The day the incident began, YYYY-MM-DD. */
    date: IsoDate,
    /** sev1 (worst) to sev4. */
    severity: PostmortemSeverity,
    /** draft, in-review or published. `audit` flags a draft older than 30 days. */
    status: PostmortemStatus,
    /** Id of the team that drives the review. */
    owner: ref('teams'),
    /** Ids of the services affected (at least one). */
    services: z.array(ref('services')).min(1),
    /** When the impact began (ISO 8601 with offset). */
    startedAt: IsoTimestamp.optional(),
    /** When someone or something noticed. */
    detectedAt: IsoTimestamp.optional(),
    /** When the impact stopped. */
    mitigatedAt: IsoTimestamp.optional(),
    /** When the cause was fixed and the incident closed. */
    resolvedAt: IsoTimestamp.optional(),
    /** Alert names that fired. A name no runbook lists is a warning. */
    alerts: z.array(z.string().min(1)).optional(),
    /** Ids of the runbooks used. */
    runbooks: z.array(ref('runbooks')).optional(),
    /** Ids of the operation records: the incident response, the fixes. */
    operations: z.array(ref('operations')).optional(),
    /** What will change, with owner and due date. */
    actionItems: z.array(ActionItemSchema).optional(),
  })
  // Cross-field rules run even when other fields are invalid, so one run reports everything.
  .superRefine(checkTimeline, { when: () => true });

function checkTimeline(value: unknown, ctx: z.RefinementCtx): void {
  if (!value || typeof value !== 'object') return;
  const data = value as Record<string, unknown>;
  let previous: (typeof TIMELINE)[number] | undefined;
  for (const field of TIMELINE) {
    const text = data[field];
    if (typeof text !== 'string' || Number.isNaN(timestampMillis(text))) continue;
    const earlier = previous ? (data[previous] as string) : undefined;
    if (previous && earlier && timestampMillis(text) < timestampMillis(earlier)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `(${text}) is before ${previous} (${earlier})`,
        params: { rule: 'postmortem/timeline', hint: `The times go startedAt ≤ detectedAt ≤ mitigatedAt ≤ resolvedAt; check both and their UTC offsets.` } satisfies IssueParams,
      });
    }
    previous = field;
  }
}

export type PostmortemInput = z.input<typeof PostmortemSchema>;
export type Postmortem = z.output<typeof PostmortemSchema>;

export interface IncidentDurations {
  /** Minutes from startedAt to each later time, when both are known. */
  toDetect?: number;
  toMitigate?: number;
  toResolve?: number;
}

/** Time to detect, mitigate and resolve, in minutes from `startedAt`. */
export function incidentDurations(data: Pick<Postmortem, 'startedAt' | 'detectedAt' | 'mitigatedAt' | 'resolvedAt'>): IncidentDurations {
  if (!data.startedAt) return {};
  const start = timestampMillis(data.startedAt);
  const minutes = (at: string | undefined) => (at ? Math.round((timestampMillis(at) - start) / 60_000) : undefined);
  const out: IncidentDurations = {};
  const [detect, mitigate, resolve] = [minutes(data.detectedAt), minutes(data.mitigatedAt), minutes(data.resolvedAt)];
  if (detect !== undefined) out.toDetect = detect;
  if (mitigate !== undefined) out.toMitigate = mitigate;
  if (resolve !== undefined) out.toResolve = resolve;
  return out;
}

/** "45 min", "2 h 5 min", "1 d 3 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days} d`, hours && `${hours} h`, !days && rest && `${rest} min`].filter(Boolean).join(' ');
}

const DAY = 86_400_000;
const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
/** A draft older than this many days is flagged. */
export const DRAFT_DAYS = 30;
/** An incident with moderate or high impact needs a postmortem within this many days. */
export const POSTMORTEM_DUE_DAYS = 14;

const actionItems = (doc: RuleDocument) => (doc.data.actionItems as Postmortem['actionItems']) ?? [];

export const postmortems = defineKind({
  name: 'postmortems',
  noun: 'postmortem',
  description: 'Blameless incident reviews: timeline, contributing factors, tracked action items.',
  format: 'markdown',
  oneSentenceSummary: true,
  schema: PostmortemSchema,
  sections: [
    { name: 'Summary' },
    { name: 'Impact' },
    { name: 'Timeline' },
    { name: 'Contributing Factors', aliases: ['Root Cause', 'Root Causes', 'Causes'] },
    { name: 'What Went Well', severity: 'warning' },
    { name: 'Lessons', aliases: ['Lessons Learned'], severity: 'warning' },
  ],
  pageAnchors: ['durations', 'tracked-action-items'],
  search: {
    facets: [facet.field('severity', 'Severity', 'severity'), facet.services(), facet.team(), facet.field('status', 'Status', 'status'), facet.year()],
    exact: (d) => strings(d.alerts),
    keywords: (d) => [...strings(d.operations), ...strings(d.runbooks), ...(((d.actionItems as Postmortem['actionItems']) ?? []).flatMap((a) => (a.ticket ? [a.ticket] : [])))],
    meta: (d) => ({ date: d.date as string | undefined }),
  },
  list: [
    { label: 'Date', field: 'date' },
    { label: 'Severity', field: 'severity' },
    { label: 'Status', field: 'status' },
    { label: 'Services', field: 'services' },
  ],
  sortBy: 'date',
  usage: { fields: ['runbooks'], dateField: 'date' },
  offline: 'visited',
  nav: 40,
  rules: [
    { id: 'postmortem/timeline', stage: 'validation', severity: 'error', summary: 'postmortem times out of order (startedAt ≤ detectedAt ≤ mitigatedAt ≤ resolvedAt)' },
    {
      id: 'postmortem/unknown-alert',
      stage: 'validation',
      severity: 'warning',
      summary: 'a postmortem names an alert that no runbook lists: an alert that fired with no runbook',
      validate: ({ documents, knownAlerts, report }) => {
        for (const doc of documents) {
          strings(doc.data.alerts).forEach((alert, i) => {
            if (!knownAlerts.has(alert.toLowerCase())) report(doc, ['alerts', i], `No runbook lists the alert "${alert}" that fired`, `Add it to the "alerts" of the runbook that answers it, or write one (npm run new -- runbook …).`);
          });
        }
      },
    },
    {
      id: 'audit/overdue-action-item',
      stage: 'audit',
      severity: 'error',
      group: 'Postmortems',
      summary: 'an open postmortem action item past its due date',
      audit: ({ subjects, today, report }) => {
        for (const doc of subjects()) {
          actionItems(doc).forEach((item, i) => {
            if (item.status === 'open' && item.due < today) {
              report(doc, ['actionItems', i, 'due'], `Action item "${item.action}" was due on ${item.due}, ${daysFrom(item.due, today)} days ago, and is still open`, 'Finish it and set status: done, agree a new due date, or set status: wont-do with the reason in the text.', item.owner);
            }
          });
        }
      },
    },
    {
      id: 'audit/stale-draft-postmortem',
      stage: 'audit',
      severity: 'warning',
      group: 'Postmortems',
      summary: `a draft postmortem whose incident is more than ${DRAFT_DAYS} days old`,
      audit: ({ subjects, today, report }) => {
        for (const doc of subjects()) {
          const age = daysFrom(String(doc.data.date), today);
          if (doc.data.status === 'draft' && age > DRAFT_DAYS) report(doc, ['status'], `This postmortem is still a draft ${age} days after the incident`, 'Hold the review and move it to in-review or published: learnings fade.');
        }
      },
    },
    {
      id: 'audit/missing-postmortem',
      stage: 'audit',
      severity: 'warning',
      group: 'Postmortems',
      summary: `an incident-response operation with moderate or high service impact that no postmortem lists ${POSTMORTEM_DUE_DAYS} days after it`,
      audit: ({ documents, today, report }) => {
        const reviewed = new Set(documents('postmortems').flatMap((p) => strings(p.data.operations)));
        for (const op of documents('operations')) {
          const { category, serviceImpact, date, operationId } = op.data as { category: string; serviceImpact: string; date: string; operationId: string };
          // A postmortem may name the record by its path id or by its operationId.
          if (category !== 'incident-response' || !['moderate', 'high'].includes(serviceImpact) || reviewed.has(op.id) || reviewed.has(operationId)) continue;
          const age = daysFrom(date, today);
          if (age > POSTMORTEM_DUE_DAYS) report(op, ['category'], `This incident had ${serviceImpact} service impact ${age} days ago and no postmortem lists it`, `Write one (npm run new -- postmortem ${operationId.slice(11)} --date ${date} --operations ${operationId}).`);
        }
      },
    },
  ],
  template: {
    fields: [
      { name: 'title', question: 'Title (what happened)', required: true },
      { name: 'summary', question: 'One sentence: what happened and to whom', required: true },
      { name: 'date', question: 'Day the incident began (YYYY-MM-DD)', required: false, fallback: (_a, today) => today },
      { name: 'severity', question: 'Severity', required: true, choices: PostmortemSeverity.options },
      { name: 'owner', question: 'Team that drives the review (id)', required: true, references: 'teams' },
      { name: 'services', question: 'Service ids affected (comma-separated)', required: true, list: true, references: 'services' },
      { name: 'operations', question: 'Operation ids of the incident response (comma-separated)', required: false, list: true, references: 'operations' },
    ],
    path: ({ id, answers }) => `content/postmortems/${answers.date!.slice(0, 4)}/${/^\d{4}-\d{2}-\d{2}-/.test(id) ? id : `${answers.date}-${id}`}.md`,
    render: ({ answers: a }) =>
      lines(
        '---',
        `title: ${yamlString(a.title!)}`,
        `summary: ${yamlString(a.summary!)}`,
        `date: ${a.date}`,
        `severity: ${a.severity}`,
        'status: draft',
        `owner: ${a.owner}`,
        `services: ${yamlList(splitList(a.services))}`,
        splitList(a.operations).length > 0 && `operations: ${yamlList(splitList(a.operations))}`,
        '# startedAt, detectedAt, mitigatedAt, resolvedAt: ISO 8601 with offset, e.g. 2026-03-14T09:05:00Z',
        '---',
        '',
        '## Summary',
        '',
        '<!-- What happened, in a few sentences, without blame. -->',
        '',
        '## Impact',
        '',
        '<!-- Who was affected, how badly and for how long. -->',
        '',
        '## Timeline',
        '',
        '<!-- UTC times: start, detection, key decisions, mitigation, resolution. -->',
        '',
        '## Contributing Factors',
        '',
        '<!-- The conditions that allowed it: systems, signals, decisions. Not people. -->',
        '',
        '## What Went Well',
        '',
        '## Lessons',
      ),
  },
});
