/**
 * References between documents, declared once in the schema: a field built
 * with `ref('teams')` holds the id of a team. Checking, backlinks and hints
 * read the declaration back from the schema, so no kind writes its
 * references a second time.
 */
import { z } from 'astro/zod';

/** One frontmatter reference: where it is and which collections it may point into. */
export interface FieldReference {
  /** Path of the value inside the frontmatter, e.g. ['services', 2]. */
  path: (string | number)[];
  /** Collections the id may name, in the order they are tried. */
  targets: string[];
  /** The id as written. */
  id: string;
}

const references = z.registry<{ targets: readonly string[] }>();

/**
 * The id of a document of one of `targets` (collection names, tried in
 * order): a file path inside its collection folder, without the extension.
 */
export function ref(...targets: string[]) {
  const schema = z.string().min(1);
  references.add(schema, { targets });
  return schema;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The collections a schema's values refer to, when it is a reference (through optional/default wrappers). */
export function referenceTargets(schema: z.ZodType): readonly string[] | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const meta = references.get(current);
    if (meta) return meta.targets;
    const def = defOf(current);
    current = def.type === 'optional' || def.type === 'default' || def.type === 'nullable' ? def.innerType : undefined;
  }
  return undefined;
}

function walk(schema: z.ZodType, value: unknown, path: (string | number)[], out: FieldReference[]): void {
  const targets = references.get(schema)?.targets;
  if (targets) {
    if (typeof value === 'string') out.push({ path, targets: [...targets], id: value });
    return;
  }
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      walk(def.innerType!, value, path, out);
      return;
    case 'pipe':
      walk(def.in!, value, path, out);
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, index) => walk(def.element!, item, [...path, index], out));
      return;
    case 'object':
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [key, field] of Object.entries(def.shape!)) {
          const item = (value as Record<string, unknown>)[key];
          if (item !== undefined) walk(field, item, [...path, key], out);
        }
      }
      return;
    case 'union': {
      // Follow the first option whose shape fits the value (a string or a mapping).
      const kind = typeof value === 'string' ? 'string' : value && typeof value === 'object' ? 'object' : undefined;
      const option = def.options!.find((o) => (references.has(o) ? 'string' : defOf(o).type) === kind);
      if (option) walk(option, value, path, out);
      return;
    }
  }
}

/** Every reference in a document's fields, found by walking its schema. */
export function schemaReferences(schema: z.ZodType, data: Record<string, unknown>): FieldReference[] {
  const out: FieldReference[] = [];
  walk(schema, data, [], out);
  return out;
}

/** The top-level fields of a schema that hold references, with their targets (for hints and labels). */
export function referenceFields(schema: z.ZodType): Map<string, readonly string[]> {
  const fields = new Map<string, readonly string[]>();
  const def = defOf(schema);
  if (def.type !== 'object') return fields;
  for (const [key, field] of Object.entries(def.shape!)) {
    let inner: z.ZodType | undefined = field;
    while (inner && ['optional', 'default', 'nullable'].includes(defOf(inner).type)) inner = defOf(inner).innerType;
    if (inner && defOf(inner).type === 'array') inner = defOf(inner).element;
    const targets = inner ? referenceTargets(inner) : undefined;
    if (targets) fields.set(key, targets);
  }
  return fields;
}
