import { z } from 'astro/zod';
import { Dashboard, IsoDate, ReviewCycle } from './common.ts';
import { defineKind, facet } from './kind.ts';
import { ref } from './reference.ts';
import { lines, splitList, yamlList, yamlString } from './template-text.ts';

/** Severity of the alerts a runbook answers. */
export const Severity = z.enum(['critical', 'warning', 'info']);

/** `content/runbooks/**\/*.md|mdx`: what on-call reads during an incident. */
export const RunbookSchema = z.strictObject({
  /** Title shown on the page and in search, e.g. "Payments database failover". */
  title: z.string().min(1),
  /** One sentence: when to use this runbook. Shown in search results. */
  summary: z.string().min(1),
  /** Id of the owning team. */
  owner: ref('teams'),
  /** Ids of the services this runbook covers (at least one). */
  services: z.array(ref('services')).min(1),
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
  /** Ids of related runbooks, procedures or guides (`procedures/<id>` when an id is in more than one). */
  related: z.array(ref('runbooks', 'procedures', 'guides')).optional(),
  /** Dashboards to open while following the runbook. */
  dashboards: z.array(Dashboard).optional(),
});

export type RunbookInput = z.input<typeof RunbookSchema>;
export type Runbook = z.output<typeof RunbookSchema>;

export const runbooks = defineKind({
  name: 'runbooks',
  noun: 'runbook',
  description: 'What on-call reads to answer an alert.',
  format: 'markdown',
  oneSentenceSummary: true,
  schema: RunbookSchema,
  sections: [
    { name: 'Symptoms', aliases: ['Meaning', 'Overview'] },
    { name: 'Impact' },
    { name: 'Diagnosis' },
    { name: 'Mitigation' },
    { name: 'Escalation', severity: 'warning' },
    { name: 'Verification', severity: 'warning' },
  ],
  // Read top-down in an incident.
  orderedSections: true,
  pageAnchors: ['services-in-context'],
  search: {
    facets: [facet.services(), facet.team(), facet.field('severity', 'Severity', 'severity')],
    exact: (d) => (d.alerts as string[] | undefined) ?? [],
  },
  list: [
    { label: 'Severity', field: 'severity' },
    { label: 'Services', field: 'services' },
    { label: 'Alerts', field: 'alerts' },
    { label: 'Reviewed', field: 'lastReviewed' },
  ],
  review: { defaultCycle: 'quarterly' },
  audit: ['audit/stale-review', 'audit/review-due', 'audit/changed-since-review', 'audit/critical-not-exercised', 'audit/orphan-runbook'],
  offline: 'upfront',
  nav: 10,
  ownPages: true,
  template: {
    fields: [
      { name: 'title', question: 'Title', required: true },
      { name: 'summary', question: 'One sentence: when to use it', required: true },
      { name: 'owner', question: 'Owning team id', required: true, references: 'teams' },
      { name: 'services', question: 'Service ids it covers (comma-separated)', required: true, list: true, references: 'services' },
      { name: 'alerts', question: 'Alert names that lead here (comma-separated)', required: false, list: true },
      { name: 'severity', question: 'Severity', required: false, choices: Severity.options },
    ],
    render: ({ answers: a, today }) =>
      lines(
        '---',
        `title: ${yamlString(a.title!)}`,
        `summary: ${yamlString(a.summary!)}`,
        `owner: ${a.owner}`,
        `services: ${yamlList(splitList(a.services))}`,
        splitList(a.alerts).length > 0 && `alerts: ${yamlList(splitList(a.alerts))}`,
        a.severity && `severity: ${a.severity}`,
        `lastReviewed: ${today}`,
        'reviewCycle: quarterly',
        '---',
        '',
        '## Symptoms',
        '',
        '<!-- What on-call sees: the alert, the dashboards, what users report. -->',
        '- Describe what on-call sees: the alert, the dashboards, what users report.',
        '',
        '## Impact',
        '',
        '<!-- Who is affected and how badly; how fast it gets worse. -->',
        'Describe the impact on users and on other services.',
        '',
        '## Diagnosis',
        '',
        '<!-- Steps to find the cause, each with the command to run. -->',
        '1. Describe the first check, with the command to run and what its output means.',
        '',
        '## Mitigation',
        '',
        '<!-- Steps that stop the bleeding, safest first. -->',
        '1. Describe the first safe action, with its command.',
        '',
        '## Escalation',
        '',
        `Page the ${a.owner} on-call if the mitigation does not work within 15 minutes.`,
        '',
        '## Verification',
        '',
        '- [ ] The alert has cleared.',
      ),
  },
});
