import { z } from 'astro/zod';
import { Dashboard } from './common.ts';
import { defineKind } from './kind.ts';
import { ref } from './reference.ts';
import { lines, slugProblem, yamlString } from './template-text.ts';

/** The kind of a dependency edge, drawn differently in topology maps. */
export const DependencyKind = z.enum(['sync', 'async', 'data']);

/** A dependency with details: `{ service: orders-db, kind: data, note: "writes orders" }`. */
export const DependencyObjectSchema = z.strictObject({
  /** Id of the service depended on. */
  service: ref('services'),
  /** sync (request/response), async (queue, events) or data (a data store). */
  kind: DependencyKind.optional(),
  /** What the dependency is for. */
  note: z.string().optional(),
});

/** A dependency: a service id, or an object with kind and note. */
export const DependencySchema = z.union([ref('services'), DependencyObjectSchema]);

/** `content/services/<id>.yaml`: one entry of the service catalogue. */
export const ServiceSchema = z.strictObject({
  /** Display name, e.g. "Payments API". */
  name: z.string().min(1),
  /** Id of the owning team (a file in content/teams/). */
  owner: ref('teams'),
  /** Criticality from 1 (most critical) to 4. */
  tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** What the service does, in a sentence or two. */
  description: z.string().optional(),
  /** Services this one calls or reads from. Cycles are allowed; `audit` reports them. */
  dependsOn: z.array(DependencySchema).optional(),
  /** Grouping for diagrams: a region, network segment or trust boundary. */
  zone: z.string().min(1).optional(),
  /** Service level objectives. */
  slo: z
    .strictObject({
      /** Availability target in percent, e.g. 99.95. */
      availability: z.number().gt(0).max(100).optional(),
      /** 99th percentile latency target in milliseconds. */
      latencyP99Ms: z.number().positive().optional(),
    })
    .optional(),
  /** Dashboards for the service. */
  dashboards: z.array(Dashboard).optional(),
});

export type ServiceInput = z.input<typeof ServiceSchema>;
export type Service = z.output<typeof ServiceSchema>;
export type Dependency = z.output<typeof DependencySchema>;

/** A dependency in its long form, whichever way it was written. */
export function normaliseDependency(dependency: Dependency): z.output<typeof DependencyObjectSchema> {
  return typeof dependency === 'string' ? { service: dependency } : dependency;
}

export const services = defineKind({
  name: 'services',
  noun: 'service',
  description: 'The service catalogue the topology maps are drawn from.',
  format: 'yaml',
  schema: ServiceSchema,
  pageAnchors: ['neighbourhood', 'depends-on', 'used-by', 'runbooks', 'procedures', 'operations'],
  search: {
    facets: [{ name: 'service', label: 'Service', values: (_data, id) => id }, { name: 'team', label: 'Team', values: (d) => d.owner }],
    meta: (d) => ({ tier: d.tier === undefined ? undefined : String(d.tier) }),
  },
  audit: ['audit/uncovered-service', 'audit/dependency-cycle'],
  offline: 'visited',
  nav: 60,
  ownPages: true,
  template: {
    fields: [
      { name: 'name', question: 'Service name', required: true },
      { name: 'owner', question: 'Owning team id', required: true, references: 'teams' },
      { name: 'tier', question: 'Tier (1 most critical … 4)', required: true, choices: ['1', '2', '3', '4'] },
      { name: 'zone', question: 'Zone (region, segment or trust boundary)', required: false },
      { name: 'description', question: 'What it does, in a sentence', required: false },
    ],
    idProblem: (id) => slugProblem('service', id),
    path: ({ id }) => `content/services/${id}.yaml`,
    render: ({ answers: a }) =>
      lines(`name: ${yamlString(a.name!)}`, `owner: ${a.owner}`, `tier: ${a.tier}`, a.zone && `zone: ${yamlString(a.zone)}`, a.description && `description: ${yamlString(a.description)}`, 'dependsOn: []'),
  },
});
