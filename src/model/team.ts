import { z } from 'astro/zod';
import { Duration, Url } from './common.ts';
import { defineKind } from './kind.ts';
import { lines, slugProblem, yamlString } from './template-text.ts';

/** How to reach the team's on-call engineer. At least one channel when given. */
export const OnCallSchema = z
  .strictObject({
    /** Paging link (PagerDuty, Opsgenie…) that pages whoever is on call. */
    pager: Url.optional(),
    /** Chat channel, e.g. "#payments-oncall". */
    chat: z.string().min(1).optional(),
    /** Team or on-call mailbox. */
    email: z.email().optional(),
    /** The on-call schedule: who is on call now and next. */
    schedule: Url.optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), {
    message: 'needs at least one of pager, chat, email or schedule',
    params: { rule: 'schema/oncall-empty', hint: 'Add a pager URL, chat channel, email or schedule, or remove "oncall".' },
  });

/** One escalation step: who to contact once the previous one has not answered. */
export const EscalationStepSchema = z.strictObject({
  /** How long after the page this step starts, e.g. "15m", "1h". */
  after: Duration,
  /** Who or what to contact: a person, rota or channel. */
  contact: z.string().min(1),
});

/** `content/teams/<id>.yaml`: who owns services and documents, and who to page. */
export const TeamSchema = z.strictObject({
  /** Display name, e.g. "Payments". */
  name: z.string().min(1),
  /** How to reach the on-call engineer. `audit` warns when a team owning a tier 1–2 service has none. */
  oncall: OnCallSchema.optional(),
  /** Escalation steps, in order. */
  escalation: z.array(EscalationStepSchema).optional(),
});

export type TeamInput = z.input<typeof TeamSchema>;
export type Team = z.output<typeof TeamSchema>;

export const teams = defineKind({
  name: 'teams',
  noun: 'team',
  description: 'Who owns services and documents, and who to page.',
  format: 'yaml',
  schema: TeamSchema,
  pageAnchors: ['services', 'runbooks', 'procedures'],
  search: { facets: [{ name: 'team', label: 'Team', values: (_data, id) => id }] },
  audit: ['audit/team-without-oncall'],
  offline: 'visited',
  nav: 70,
  ownPages: true,
  template: {
    fields: [
      { name: 'name', question: 'Team name', required: true },
      { name: 'chat', question: 'On-call chat channel (e.g. #payments-oncall)', required: false },
      { name: 'pager', question: 'Paging URL', required: false },
    ],
    idProblem: (id) => slugProblem('team', id),
    path: ({ id }) => `content/teams/${id}.yaml`,
    render: ({ answers: a }) =>
      lines(
        `name: ${yamlString(a.name!)}`,
        (a.chat || a.pager) && 'oncall:',
        a.pager && `  pager: ${yamlString(a.pager)}`,
        a.chat && `  chat: ${yamlString(a.chat)}`,
        'escalation:',
        '  - after: 15m',
        `    contact: ${yamlString(`${a.name} secondary on-call`)}`,
      ),
  },
});
