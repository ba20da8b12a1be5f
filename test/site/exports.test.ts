/** operations.json and operations.csv parse back to exactly the operation records in the content. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { OPERATION_COLUMNS, OPERATION_FIELDS } from '../../src/core/views/exports.ts';
import { openProject } from '../../src/core/project.ts';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { parseCsv } from '../helpers/csv.ts';
import { builtSite } from '../helpers/site.ts';

/** What the content says: every frontmatter field of every operation, as text. */
async function expectedRecords(root: string) {
  const project = await openProject(root);
  return [...project.byId.operations.values()]
    .map((doc) => {
      const record: Record<string, string | string[]> = {};
      for (const key of OPERATION_FIELDS) {
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
