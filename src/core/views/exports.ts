/**
 * The operations export (operations.json / operations.csv): every frontmatter
 * field of every operation, plus its id, source file and URL, newest first.
 */
import { OperationSchema } from '../../model/index.ts';
import { toCsv } from './csv.ts';
import { validDocuments, type Project } from '../project.ts';
import { documentPath, withBase } from '../links/urls.ts';

/** Frontmatter fields in the order the model declares them. */
export const OPERATION_FIELDS: readonly string[] = Object.keys(OperationSchema.shape);

/** Columns of the export: the frontmatter fields, then where the record lives. */
export const OPERATION_COLUMNS: readonly string[] = [...OPERATION_FIELDS, 'id', 'file', 'url'];

export type OperationRecord = Record<string, string | string[]>;

export function operationRecords(project: Project, base: string, site?: string): OperationRecord[] {
  return validDocuments(project, 'operations')
    .sort((a, b) => b.data.date.localeCompare(a.data.date) || b.id.localeCompare(a.id))
    .map((doc) => {
      const record: OperationRecord = {};
      for (const key of OPERATION_FIELDS) {
        const value = (doc.data as Record<string, unknown>)[key];
        if (value !== undefined) record[key] = Array.isArray(value) ? value.map(String) : String(value);
      }
      const path = withBase(base, documentPath('operations', doc.id));
      return { ...record, id: doc.id, file: doc.file, url: site ? new URL(path, site).href : path };
    });
}

/** CSV of the records; list values are joined with line breaks (one per line in a spreadsheet cell). */
export function operationsCsv(records: readonly OperationRecord[]): string {
  return toCsv(
    OPERATION_COLUMNS,
    records.map((r) => Object.fromEntries(OPERATION_COLUMNS.map((c) => [c, Array.isArray(r[c]) ? (r[c] as string[]).join('\n') : ((r[c] as string | undefined) ?? '')]))),
  );
}
