/**
 * The one declaration of the operations export's columns and of how a record
 * becomes CSV and JSON. The site's /operations.csv and /operations.json and the
 * log's "export the rows shown" in the browser both write with these, so a
 * filtered export reads like the full one. Nothing here loads the model at
 * run time, so the browser script can import it.
 */
import type { Operation } from '../../model/operation.ts';
import { toCsv } from './csv.ts';

/** Frontmatter fields of an operation, in the order the model declares them. */
export const OPERATION_FIELDS = [
  'operationId',
  'title',
  'date',
  'startedAt',
  'completedAt',
  'operator',
  'supervisor',
  'category',
  'riskLevel',
  'serviceImpact',
  'status',
  'services',
  'procedure',
  'runbooks',
  'changeTicket',
  'nextReview',
] as const satisfies readonly (keyof Operation)[];

// A field added to the model but not here fails the type check, naming the field.
type Unlisted = Exclude<keyof Operation, (typeof OPERATION_FIELDS)[number]>;
const everyField: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;
void everyField;

/** Columns of the export: the frontmatter fields, then where the record lives. */
export const OPERATION_COLUMNS: readonly string[] = [...OPERATION_FIELDS, 'id', 'file', 'url'];

/** One operation as exported: every field as text, lists as lists of text. */
export type OperationRecord = Record<string, string | string[]>;

/** The address of a record: absolute on the site's public origin when it is known, else a path. */
export function recordUrl(path: string, site?: string): string {
  return site ? new URL(path, site).href : path;
}

/** CSV of the records; list values are joined with line breaks (one per line in a spreadsheet cell). */
export function operationsCsv(records: readonly OperationRecord[]): string {
  return toCsv(
    OPERATION_COLUMNS,
    records.map((r) => Object.fromEntries(OPERATION_COLUMNS.map((c) => [c, Array.isArray(r[c]) ? (r[c] as string[]).join('\n') : ((r[c] as string | undefined) ?? '')]))),
  );
}

/** JSON of the records, as /operations.json serves it. */
export function operationsJson(records: readonly OperationRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}
