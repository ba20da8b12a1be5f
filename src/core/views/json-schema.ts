/**
 * JSON Schemas for editors, generated from the zod schemas of the content
 * model (never written by hand): one per collection, for frontmatter and
 * catalogue files. Field descriptions come from the model's JSDoc comments,
 * which the caller extracts (scripts/schemas.ts).
 */
import { z } from 'astro/zod';
import type { Kind } from '../../model/index.ts';

/** Field documentation per object schema: the schema's object → (field path → text). */
export type FieldDocs = Map<unknown, Record<string, string>>;

type Json = Record<string, unknown>;

function def(schema: unknown): Record<string, unknown> | undefined {
  return (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
}

/** Walks a zod schema and its JSON Schema together, adding descriptions to object properties. */
function describe(schema: unknown, json: Json | undefined, docs: FieldDocs, inherited: Record<string, string> | undefined): void {
  const d = def(schema);
  if (!d || !json) return;
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return describe(d.innerType, json, docs, inherited);
    case 'pipe':
      return describe(d.in, json, docs, inherited);
    case 'array':
      return describe(d.element, json.items as Json, docs, inherited);
    case 'union':
      (d.options as unknown[]).forEach((option, i) => describe(option, (json.anyOf as Json[] | undefined)?.[i], docs, inherited));
      return;
    case 'object': {
      const own = docs.get(schema) ?? inherited ?? {};
      const properties = (json.properties ?? {}) as Record<string, Json>;
      for (const [key, field] of Object.entries(d.shape as Record<string, unknown>)) {
        const property = properties[key];
        if (!property) continue;
        if (own[key] && property.description === undefined) property.description = own[key];
        const nested = Object.fromEntries(
          Object.entries(own)
            .filter(([path]) => path.startsWith(`${key}.`))
            .map(([path, text]) => [path.slice(key.length + 1), text]),
        );
        describe(field, property, docs, Object.keys(nested).length ? nested : undefined);
      }
    }
  }
}

export function collectionJsonSchema(spec: Kind, docs: FieldDocs = new Map()): Json {
  const collection = spec.name;
  const json = z.toJSONSchema(spec.schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Json;
  describe(spec.schema, json, docs, undefined);
  const where = spec.format === 'yaml' ? `content/${collection}/*.yaml` : `the frontmatter of content/${collection}/**/*.md`;
  return {
    $schema: json.$schema,
    title: `Opsbook ${spec.noun}`,
    description: `${where[0]!.toUpperCase()}${where.slice(1)}. Generated from src/model by \`npm run schemas\`; do not edit.`,
    ...Object.fromEntries(Object.entries(json).filter(([key]) => key !== '$schema')),
  };
}
