/**
 * The operations export (operations.json / operations.csv): every frontmatter
 * field of every operation, plus its id, source file and URL, newest first.
 * The columns and the CSV/JSON writing live in operation-columns.ts, shared
 * with the log's filtered export in the browser.
 */
import { validDocuments, type Project } from '../project.ts';
import { documentPath, withBase } from '../links/urls.ts';
import { OPERATION_FIELDS, recordUrl, type OperationRecord } from './operation-columns.ts';

export { OPERATION_COLUMNS, OPERATION_FIELDS, operationsCsv, operationsJson, recordUrl, type OperationRecord } from './operation-columns.ts';

/** Every valid operation as an export record; `site` (the public origin) makes URLs absolute. */
export function operationRecords(project: Project, base: string, site?: string): OperationRecord[] {
  return validDocuments(project, 'operations')
    .sort((a, b) => b.data.date.localeCompare(a.data.date) || b.id.localeCompare(a.id))
    .map((doc) => {
      const record: OperationRecord = {};
      for (const key of OPERATION_FIELDS) {
        const value = (doc.data as Record<string, unknown>)[key];
        if (value !== undefined) record[key] = Array.isArray(value) ? value.map(String) : String(value);
      }
      return { ...record, id: doc.id, file: doc.file, url: recordUrl(withBase(base, documentPath('operations', doc.id)), site) };
    });
}
