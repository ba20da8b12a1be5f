/**
 * operations.json and operations.csv parse back to exactly the operation
 * records in the content; their columns are the model's fields; URLs are
 * absolute when the site's public origin is known; a filtered export's file
 * name says the filter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OPERATION_COLUMNS, OPERATION_FIELDS, operationRecords, operationsCsv } from '../../src/core/views/exports.ts';
import { exportFileName, isIsoDate, matches, recordFacts } from '../../src/core/views/operations-filter.ts';
import { openProject } from '../../src/core/project.ts';
import { OperationSchema } from '../../src/model/index.ts';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { parseCsv } from '../helpers/csv.ts';
import { builtSite } from '../helpers/site.ts';

/** What the content says: every frontmatter field of every operation, as text. */
async function expectedRecords(root: string) {
  const project = await openProject(root);
  return [...project.byId.operations.values()]
    .map((doc) => {
      const record: Record<string, string | string[]> = {};
      for (const key of Object.keys(OperationSchema.shape)) {
        const value = (doc.data as Record<string, unknown>)[key];
        if (value !== undefined) record[key] = Array.isArray(value) ? value.map(String) : String(value);
      }
      return { ...record, id: doc.id, file: doc.file, url: `/operations/${doc.id}/` } as Record<string, string | string[]> & { id: string };
    })
    .sort((a, b) => String(b.date).localeCompare(String(a.date)) || b.id.localeCompare(a.id));
}

describe.each([
  ['example', REPO_ROOT],
  ['valid', fixturePath('valid')],
])('the %s site', (name, root) => {
  const site = builtSite(name);

  test('operations.json has every frontmatter field of every operation, and its URL', async () => {
    const json = JSON.parse(readFileSync(join(site.dist, 'operations.json'), 'utf8'));
    expect(json).toEqual(await expectedRecords(root));
  });

  test('operations.csv round-trips through an RFC 4180 reader', async () => {
    const text = readFileSync(join(site.dist, 'operations.csv'), 'utf8');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(OPERATION_COLUMNS);
    const expected = await expectedRecords(root);
    expect(rows.length).toBe(expected.length);
    rows.forEach((row, i) => {
      const record = expected[i]! as Record<string, string | string[] | undefined>;
      header!.forEach((column, c) => {
        const value = record[column];
        expect(row[c], `${record.id} ${column}`).toBe(Array.isArray(value) ? value.join('\n') : (value ?? ''));
      });
    });
  });

  test('the operations log links to both exports', () => {
    const log = site.page('/operations/');
    expect(log).toContain('href="/operations.csv"');
    expect(log).toContain('href="/operations.json"');
  });
});

test('values with commas, quotes and line breaks are quoted in the CSV', () => {
  const text = readFileSync(join(builtSite('valid').dist, 'operations.csv'), 'utf8');
  expect(text).toContain('"Rotate ""edge"" certificates, then restart the checkout, payments pods"');
  expect(text).toContain('"checkout\npayments"');
  expect(text).toContain('"CHG-9, linked to INC-4"');
});

test('the export columns are the model fields in its order, then id, file and url', () => {
  expect([...OPERATION_FIELDS]).toEqual(Object.keys(OperationSchema.shape));
  expect(OPERATION_COLUMNS).toEqual([...Object.keys(OperationSchema.shape), 'id', 'file', 'url']);
});

describe('record URLs', () => {
  test('are paths below the base when the public origin is unknown', async () => {
    const project = await openProject(REPO_ROOT);
    const records = operationRecords(project, '/opsbook/', undefined);
    expect(records.length).toBe(project.byId.operations.size);
    for (const r of records) expect(r.url).toBe(`/opsbook/operations/${r.id}/`);
  });

  test('are absolute on the public origin when it is known, in the JSON records and the CSV alike', async () => {
    const project = await openProject(REPO_ROOT);
    const records = operationRecords(project, '/opsbook/', 'https://ops.example.com');
    for (const r of records) expect(r.url).toBe(`https://ops.example.com/opsbook/operations/${r.id}/`);
    const [header, ...rows] = parseCsv(operationsCsv(records));
    const url = header!.indexOf('url');
    expect(rows.map((row) => row[url])).toEqual(records.map((r) => r.url));
    expect(operationRecords(project, '/', 'https://ops.example.com/')[0]!.url).toMatch(/^https:\/\/ops\.example\.com\/operations\/\d{4}\//);
  });
});

describe('the filtered export', () => {
  test('a file name says the filter', () => {
    expect(exportFileName({}, 'csv')).toBe('operations.csv');
    expect(exportFileName({ risk: 'high', from: '2026-10-01', to: '2026-10-31' }, 'csv')).toBe('operations-risk-high-2026-10.csv');
    expect(exportFileName({ person: 'e.sorensen', from: '2026-01-01', to: '2026-12-31' }, 'json')).toBe('operations-person-e.sorensen-2026.json');
    expect(exportFileName({ service: 'orders-db', status: 'rolled-back', from: '2026-02-01', to: '2026-02-27' }, 'csv')).toBe('operations-service-orders-db-status-rolled-back-from-2026-02-01-to-2026-02-27.csv');
    expect(exportFileName({ to: '2026-02-28' }, 'csv')).toBe('operations-to-2026-02-28.csv');
    // Whatever a URL carries, the name stays a plain file name.
    expect(exportFileName({ service: '../../etc passwd' }, 'csv')).toBe('operations-service-etc-passwd.csv');
  });

  test('the person filter matches the operator or the supervisor', async () => {
    const project = await openProject(REPO_ROOT);
    const records = operationRecords(project, '/', undefined);
    const supervised = records.find((r) => r.supervisor && !records.some((o) => o.operator === r.supervisor))!;
    expect(supervised, 'the example log has a supervisor who never operates').toBeDefined();
    const person = String(supervised.supervisor);
    const hits = records.filter((r) => matches(recordFacts(r), { person }));
    expect(hits.map((r) => r.id)).toEqual(records.filter((r) => r.operator === person || r.supervisor === person).map((r) => r.id));
    expect(hits.length).toBeGreaterThan(0);
  });

  test('dates in the address are checked as calendar days', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('yesterday')).toBe(false);
  });
});
