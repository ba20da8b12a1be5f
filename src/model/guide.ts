import { z } from 'astro/zod';
import { IsoDate, ReviewCycle } from './common.ts';
import { defineKind, facet } from './kind.ts';
import { ref } from './reference.ts';
import { lines, splitList, yamlList, yamlString } from './template-text.ts';

/**
 * `content/guides/**\/*.md|mdx`: service overviews, how-tos, reference and
 * onboarding pages, which explain a service or a task but are not read to
 * answer an alert. No required sections.
 */
export const GuideSchema = z.strictObject({
  /** Title shown on the page and in search, e.g. "Payments platform overview". */
  title: z.string().min(1),
  /** One sentence: what the reader learns. Shown in search results. */
  summary: z.string().min(1),
  /** Id of the owning team. */
  owner: ref('teams'),
  /** Ids of the services the guide concerns (a guide may concern none). */
  services: z.array(ref('services')).optional(),
  /** Date of the last review, YYYY-MM-DD. */
  lastReviewed: IsoDate,
  /** How often the guide must be reviewed. Default: annual. */
  reviewCycle: ReviewCycle.default('annual'),
  /** Ids of related runbooks, procedures or guides (`guides/<id>` when an id is in more than one). */
  related: z.array(ref('runbooks', 'procedures', 'guides')).optional(),
});

export type GuideInput = z.input<typeof GuideSchema>;
export type Guide = z.output<typeof GuideSchema>;

export const guides = defineKind({
  name: 'guides',
  noun: 'guide',
  description: 'Overviews, how-tos, reference and onboarding pages.',
  format: 'markdown',
  oneSentenceSummary: true,
  schema: GuideSchema,
  search: { facets: [facet.services(), facet.team()] },
  list: [
    { label: 'Owner', field: 'owner' },
    { label: 'Services', field: 'services' },
    { label: 'Reviewed', field: 'lastReviewed' },
  ],
  review: { defaultCycle: 'annual' },
  audit: ['audit/stale-review', 'audit/review-due', 'audit/changed-since-review'],
  offline: 'visited',
  nav: 50,
  template: {
    fields: [
      { name: 'title', question: 'Title', required: true },
      { name: 'summary', question: 'One sentence: what the reader learns', required: true },
      { name: 'owner', question: 'Owning team id', required: true, references: 'teams' },
      { name: 'services', question: 'Service ids it concerns (comma-separated)', required: false, list: true, references: 'services' },
    ],
    render: ({ answers: a, today }) =>
      lines(
        '---',
        `title: ${yamlString(a.title!)}`,
        `summary: ${yamlString(a.summary!)}`,
        `owner: ${a.owner}`,
        splitList(a.services).length > 0 && `services: ${yamlList(splitList(a.services))}`,
        `lastReviewed: ${today}`,
        'reviewCycle: annual',
        '---',
        '',
        '## Overview',
        '',
        '<!-- What this is and who it is for. -->',
        'Describe the service or the task.',
        '',
        '## Details',
        '',
        'The steps, the reference tables or the background the reader needs.',
      ),
  },
});
