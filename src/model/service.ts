import { z } from 'astro/zod';
import { Dashboard, Reference } from './common.ts';
import { fieldReference, type FieldReference } from './reference.ts';

/** The kind of a dependency edge, drawn differently in topology maps. */
export const DependencyKind = z.enum(['sync', 'async', 'data']);

/** A dependency with details: `{ service: orders-db, kind: data, note: "writes orders" }`. */
export const DependencyObjectSchema = z.strictObject({
  /** Id of the service depended on. */
  service: Reference,
  /** sync (request/response), async (queue, events) or data (a data store). */
  kind: DependencyKind.optional(),
  /** What the dependency is for. */
  note: z.string().optional(),
});

/** A dependency: a service id, or an object with kind and note. */
export const DependencySchema = z.union([Reference, DependencyObjectSchema]);

/** `content/services/<id>.yaml`: one entry of the service catalogue. */
export const ServiceSchema = z.strictObject({
  /** Display name, e.g. "Payments API". */
  name: z.string().min(1),
  /** Id of the owning team (a file in content/teams/). */
  owner: Reference,
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

export function serviceReferences(data: Record<string, unknown>): FieldReference[] {
  const refs = fieldReference('owner', data.owner, ['teams']);
  if (Array.isArray(data.dependsOn)) {
    data.dependsOn.forEach((dep: unknown, index) => {
      if (typeof dep === 'string') refs.push({ path: ['dependsOn', index], targets: ['services'], id: dep });
      else if (dep && typeof dep === 'object' && typeof (dep as { service?: unknown }).service === 'string') {
        refs.push({ path: ['dependsOn', index, 'service'], targets: ['services'], id: (dep as { service: string }).service });
      }
    });
  }
  return refs;
}
