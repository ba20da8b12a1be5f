/**
 * Templates for `npm run new`: the fields each kind of document asks for,
 * where the file goes, and a starting text with every required section.
 */
import { OperationCategory, ProcedureStatus, RiskLevel, ServiceImpact, Severity, SUPERVISED_RISKS, ROLLBACK_RISKS } from '../../model/index.ts';
import type { CollectionName } from '../../model/index.ts';

export const KINDS = ['runbook', 'procedure', 'operation', 'service', 'team'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_COLLECTION: Record<Kind, CollectionName> = { runbook: 'runbooks', procedure: 'procedures', operation: 'operations', service: 'services', team: 'teams' };

export type Answers = Record<string, string>;

export interface FieldSpec {
  /** Flag name, also the answer key: --owner. */
  name: string;
  question: string;
  /** Required always, or depending on other answers (then `when` says when). */
  required: boolean | ((answers: Answers) => boolean);
  when?: string;
  choices?: readonly string[];
  /** A comma-separated list. */
  list?: boolean;
  /** Value used when the field is left out. */
  fallback?: (answers: Answers, today: string) => string;
}

export const FIELDS: Record<Kind, FieldSpec[]> = {
  team: [
    { name: 'name', question: 'Team name', required: true },
    { name: 'chat', question: 'On-call chat channel (e.g. #payments-oncall)', required: false },
    { name: 'pager', question: 'Paging URL', required: false },
  ],
  service: [
    { name: 'name', question: 'Service name', required: true },
    { name: 'owner', question: 'Owning team id', required: true },
    { name: 'tier', question: 'Tier (1 most critical … 4)', required: true, choices: ['1', '2', '3', '4'] },
    { name: 'zone', question: 'Zone (region, segment or trust boundary)', required: false },
    { name: 'description', question: 'What it does, in a sentence', required: false },
  ],
  runbook: [
    { name: 'title', question: 'Title', required: true },
    { name: 'summary', question: 'One sentence: when to use it', required: true },
    { name: 'owner', question: 'Owning team id', required: true },
    { name: 'services', question: 'Service ids it covers (comma-separated)', required: true, list: true },
    { name: 'alerts', question: 'Alert names that lead here (comma-separated)', required: false, list: true },
    { name: 'severity', question: 'Severity', required: false, choices: Severity.options },
  ],
  procedure: [
    { name: 'title', question: 'Title', required: true },
    { name: 'summary', question: 'One sentence: what it achieves', required: true },
    { name: 'owner', question: 'Owning team id', required: true },
    { name: 'status', question: 'Status', required: false, choices: ProcedureStatus.options, fallback: () => 'draft' },
  ],
  operation: [
    { name: 'title', question: 'Title', required: true },
    { name: 'date', question: 'Date (YYYY-MM-DD)', required: false, fallback: (_a, today) => today },
    { name: 'operator', question: 'Operator (who does it)', required: true },
    { name: 'category', question: 'Category', required: true, choices: OperationCategory.options },
    { name: 'risk', question: 'Risk level', required: true, choices: RiskLevel.options },
    { name: 'supervisor', question: 'Supervisor', required: (a) => SUPERVISED_RISKS.includes(a.risk ?? ''), when: 'for high or critical risk' },
    { name: 'impact', question: 'Service impact', required: true, choices: ServiceImpact.options },
    { name: 'services', question: 'Service ids it touches (comma-separated)', required: true, list: true },
    // A new record is written before or while the work happens; the end is recorded later.
    { name: 'status', question: 'Status', required: false, choices: ['planned', 'in-progress'], fallback: () => 'planned' },
    { name: 'procedure', question: 'Procedure followed (id)', required: false },
  ],
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** Why an id cannot be used, or undefined. */
export function idProblem(kind: Kind, id: string): string | undefined {
  if (kind === 'operation') {
    const slug = id.replace(/^\d{4}-\d{2}-\d{2}-/, '');
    return SLUG.test(slug) ? undefined : `"${id}" is not a valid operation slug: use lower-case words joined by hyphens, e.g. db-failover-drill.`;
  }
  if (kind === 'service' || kind === 'team') return SLUG.test(id) ? undefined : `"${id}" is not a valid ${kind} id: use lower-case words joined by hyphens, e.g. payments-api.`;
  return ID.test(id) ? undefined : `"${id}" is not a valid ${kind} id: use lower-case words joined by hyphens, optionally in folders, e.g. payments/db-failover.`;
}

/** The operation id for a slug and a date: 2026-12-01-db-failover-drill. A slug that already starts with a date keeps it. */
export function operationId(slug: string, date: string): string {
  return /^\d{4}-\d{2}-\d{2}-/.test(slug) ? slug : `${date}-${slug}`;
}

/** Path of the new file, relative to the project root. */
export function newDocumentPath(kind: Kind, id: string, answers: Answers): string {
  switch (kind) {
    case 'team':
    case 'service':
      return `content/${KIND_COLLECTION[kind]}/${id}.yaml`;
    case 'operation': {
      const opId = operationId(id, answers.date!);
      return `content/operations/${opId.slice(0, 4)}/${opId}.md`;
    }
    default:
      return `content/${KIND_COLLECTION[kind]}/${id}.md`;
  }
}

/** A YAML scalar, quoted when YAML could read it as something other than the text. */
export function yamlString(value: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9 _./()'-]*$/.test(value) && !/^(y|yes|n|no|on|off|true|false|null|~)$/i.test(value) && !/^[\d.]+$/.test(value) && !/\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

function yamlList(values: string[]): string {
  return `[${values.map(yamlString).join(', ')}]`;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

function lines(...rows: (string | false | undefined)[]): string {
  return `${rows.filter((r): r is string => typeof r === 'string').join('\n')}\n`;
}

export function renderTemplate(kind: Kind, id: string, answers: Answers, today: string): string {
  const a = answers;
  switch (kind) {
    case 'team':
      return lines(
        `name: ${yamlString(a.name!)}`,
        (a.chat || a.pager) && 'oncall:',
        a.pager && `  pager: ${yamlString(a.pager)}`,
        a.chat && `  chat: ${yamlString(a.chat)}`,
        'escalation:',
        '  - after: 15m',
        `    contact: ${yamlString(`${a.name} secondary on-call`)}`,
      );
    case 'service':
      return lines(`name: ${yamlString(a.name!)}`, `owner: ${a.owner}`, `tier: ${a.tier}`, a.zone && `zone: ${yamlString(a.zone)}`, a.description && `description: ${yamlString(a.description)}`, 'dependsOn: []');
    case 'runbook':
      return lines(
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
        '- The alert fires.',
        '',
        '## Impact',
        '',
        '<!-- Who is affected and how badly; how fast it gets worse. -->',
        'Describe the impact on users and on other services.',
        '',
        '## Diagnosis',
        '',
        '<!-- Steps to find the cause, each with the command to run. -->',
        '1. Check the service dashboards.',
        '',
        '## Mitigation',
        '',
        '<!-- Steps that stop the bleeding, safest first. -->',
        '1. Describe the first safe action.',
        '',
        '## Escalation',
        '',
        `Page the ${a.owner} on-call if the mitigation does not work within 15 minutes.`,
        '',
        '## Verification',
        '',
        '- [ ] The alert has cleared.',
      );
    case 'procedure':
      return lines(
        '---',
        `title: ${yamlString(a.title!)}`,
        `summary: ${yamlString(a.summary!)}`,
        `owner: ${a.owner}`,
        `status: ${a.status}`,
        'version: "0.1"',
        `lastReviewed: ${today}`,
        'reviewCycle: annual',
        '---',
        '',
        '## Purpose',
        '',
        'Why this procedure exists and what success looks like.',
        '',
        '## Trigger',
        '',
        'What starts it (another procedure, a request, a schedule).',
        '',
        '## Required Inputs',
        '',
        '- [ ] What must exist before starting.',
        '',
        '## Workflow',
        '',
        '### Step 1: Prepare',
        '',
        'Purpose, actions, decisions and outputs of the step.',
        '',
        '### Step 2: Carry out',
        '',
        'Purpose, actions, decisions and outputs of the step.',
        '',
        '## Definition of Done',
        '',
        '- [ ] The outcome is verified.',
        '- [ ] The operation is recorded in the operations log.',
        '',
        '## Exit States',
        '',
        '- **Completed**: every Definition of Done item is checked.',
        '- **Blocked**: an input is missing; say which and who owns it.',
      );
    case 'operation': {
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
    }
  }
}
