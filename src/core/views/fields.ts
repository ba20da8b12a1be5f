/**
 * How a document's fields are shown on the shared page of a kind: each
 * top-level field of the schema (title and summary aside), with what the
 * schema says it is, so a kind with no page of its own still shows every
 * value it holds.
 */
import type { Kind } from '../../model/index.ts';
import { fieldWords } from '../text.ts';

export type FieldView =
  | { field: string; label: string; type: 'references'; targets: readonly string[]; ids: string[] }
  | { field: string; label: string; type: 'date'; value: string }
  | { field: string; label: string; type: 'text'; values: string[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function label(field: string): string {
  const words = fieldWords(field);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shapeKeys(kind: Kind): string[] {
  const def = (kind.schema as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def;
  return Object.keys(def.shape ?? {});
}

/** The fields of `data` to show, in the schema's order; `skip` leaves out those a kind's component shows itself. */
export function fieldViews(kind: Kind, data: Record<string, unknown>, skip: readonly string[] = []): FieldView[] {
  const hidden = new Set([kind.titleField, kind.summaryField, ...skip]);
  return shapeKeys(kind).flatMap((field): FieldView[] => {
    const value = data[field];
    if (hidden.has(field) || value === undefined || value === null) return [];
    const targets = kind.referenceFields.get(field);
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v !== null && typeof v === 'object')) return []; // structured values: the kind's component shows them
    const texts = list.map(String);
    if (targets) return [{ field, label: label(field), type: 'references', targets, ids: texts }];
    if (!Array.isArray(value) && typeof value === 'string' && DATE.test(value)) return [{ field, label: label(field), type: 'date', value }];
    return texts.length ? [{ field, label: label(field), type: 'text', values: texts }] : [];
  });
}
