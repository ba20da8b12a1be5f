import { z } from 'astro/zod';
import { IsoDate, ReviewCycle } from './common.ts';
import { defineKind, facet } from './kind.ts';
import { ref } from './reference.ts';
import { lines, yamlString } from './template-text.ts';

/** Whether a procedure is in force. */
export const ProcedureStatus = z.enum(['draft', 'active', 'deprecated']);

/** `content/procedures/**\/*.md|mdx`: how the organisation does a kind of work. */
export const ProcedureSchema = z.strictObject({
  /** Title, e.g. "Infrastructure change through IaC". */
  title: z.string().min(1),
  /** One sentence: what the procedure achieves. */
  summary: z.string().min(1),
  /** Id of the owning team. */
  owner: ref('teams'),
  /** draft, active or deprecated. */
  status: ProcedureStatus,
  /** Version label, e.g. "2.1" (quote it: a bare 2.10 is a number in YAML). */
  version: z.string().min(1).optional(),
  /** Date of the last review, YYYY-MM-DD. */
  lastReviewed: IsoDate,
  /** How often the procedure must be reviewed. Default: annual. */
  reviewCycle: ReviewCycle.default('annual'),
  /** Ids of procedures that hand over to this one. */
  triggers: z.array(ref('procedures')).optional(),
  /** Ids of procedures that consume this one's outputs. */
  downstream: z.array(ref('procedures')).optional(),
  /** Ids of the services the procedure touches. */
  services: z.array(ref('services')).optional(),
  /** Ids of runbooks used along the way. */
  runbooks: z.array(ref('runbooks')).optional(),
});

export type ProcedureInput = z.input<typeof ProcedureSchema>;
export type Procedure = z.output<typeof ProcedureSchema>;

export const procedures = defineKind({
  name: 'procedures',
  noun: 'procedure',
  description: 'How the organisation does a kind of work.',
  format: 'markdown',
  schema: ProcedureSchema,
  sections: [
    { name: 'Purpose' },
    { name: 'Trigger' },
    { name: 'Required Inputs' },
    { name: 'Workflow', steps: true },
    { name: 'Definition of Done', taskList: true },
    { name: 'Exit States' },
  ],
  orderedSections: true,
  search: { facets: [facet.services(), facet.team(), facet.field('status', 'Status', 'status')] },
  list: [
    { label: 'Status', field: 'status' },
    { label: 'Owner', field: 'owner' },
    { label: 'Reviewed', field: 'lastReviewed' },
  ],
  review: { defaultCycle: 'annual' },
  audit: ['audit/stale-review', 'audit/review-due', 'audit/changed-since-review', 'audit/missing-dod', 'audit/draft-linked'],
  offline: 'visited',
  nav: 20,
  ownPages: true,
  template: {
    fields: [
      { name: 'title', question: 'Title', required: true },
      { name: 'summary', question: 'One sentence: what it achieves', required: true },
      { name: 'owner', question: 'Owning team id', required: true, references: 'teams' },
      { name: 'status', question: 'Status', required: false, choices: ProcedureStatus.options, fallback: () => 'draft' },
    ],
    render: ({ answers: a, today }) =>
      lines(
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
      ),
  },
});
