/** How a schema names the references in a document, so core/ can check and link them. */
export type CollectionName = 'teams' | 'services' | 'runbooks' | 'procedures' | 'operations';

/** One frontmatter reference: where it is and which collections it may point into. */
export interface FieldReference {
  /** Path of the value inside the frontmatter, e.g. ['services', 2]. */
  path: (string | number)[];
  /** Collections the id may name, in the order they are tried. */
  targets: CollectionName[];
  /** The id as written. */
  id: string;
}

/** References in a list field, e.g. `services: [a, b]`. */
export function listReferences(field: string, values: unknown, targets: CollectionName[]): FieldReference[] {
  if (!Array.isArray(values)) return [];
  return values.flatMap((id, index) => (typeof id === 'string' ? [{ path: [field, index], targets, id }] : []));
}

/** A reference in a single-valued field, e.g. `owner: platform`. */
export function fieldReference(field: string, value: unknown, targets: CollectionName[]): FieldReference[] {
  return typeof value === 'string' ? [{ path: [field], targets, id: value }] : [];
}
