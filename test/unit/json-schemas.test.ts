/** The editor JSON Schemas: generated, current, and they agree with the model on real documents. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { openProject } from '../../src/core/project.ts';
import { BUILTIN_KINDS } from '../../src/model/index.ts';
import { generateSchemas, SCHEMA_DIR } from '../../scripts/schemas.ts';
import { REPO_ROOT } from '../helpers/content.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);

test('schemas/ is what `npm run schemas` generates from the model', async () => {
  const generated = await generateSchemas();
  expect(readdirSync(SCHEMA_DIR).sort()).toEqual(Object.keys(generated).sort());
  for (const [name, text] of Object.entries(generated)) expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), name).toBe(text);
});

test('fields carry their JSDoc as descriptions, nested ones too', () => {
  const services = JSON.parse(readFileSync(join(SCHEMA_DIR, 'services.schema.json'), 'utf8'));
  expect(services.properties.tier.description).toBe('Criticality from 1 (most critical) to 4.');
  expect(services.properties.slo.properties.availability.description).toBe('Availability target in percent, e.g. 99.95.');
  expect(services.properties.dependsOn.items.anyOf[1].properties.kind.description).toBe('sync (request/response), async (queue, events) or data (a data store).');
  const teams = JSON.parse(readFileSync(join(SCHEMA_DIR, 'teams.schema.json'), 'utf8'));
  expect(teams.properties.oncall.properties.chat.description).toBe('Chat channel, e.g. "#payments-oncall".');
});

describe.each(BUILTIN_KINDS.map((k) => k.name))('%s', (collection) => {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `${collection}.schema.json`), 'utf8'));
  const validate = ajv.compile(schema);

  test('accepts every example document', async () => {
    const project = await openProject(REPO_ROOT);
    const docs = [...project.byId[collection]!.values()];
    expect(docs.length).toBeGreaterThan(2);
    for (const doc of docs) expect(validate(doc.raw), `${doc.file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  });
});

test.each([
  ['runbooks', 'title: T\nsummary: s\nowner: x\nservices: []\nlastReviewed: 2026-1-5\nseverity: high\nlastReveiwed: 2026-01-05', ['/services must NOT have fewer than 1 items', '/lastReviewed must match format "date"', '/severity must be equal to one of the allowed values', 'must NOT have additional properties']],
  ['services', 'name: X\nowner: t\ntier: 5\nzone: 3', ['/tier must be', '/zone must be string']],
  ['operations', 'operationId: Not An Id\ntitle: T\ndate: 2026-01-01\noperator: a\ncategory: maintenance\nriskLevel: low\nserviceImpact: none\nstatus: done\nservices: [x]\nstartedAt: yesterday', ['/operationId must match pattern', '/status must be equal to one of the allowed values', '/startedAt must match format "date-time"']],
])('rejects a broken %s document', (collection, yaml, messages) => {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `${collection}.schema.json`), 'utf8'));
  const validate = ajv.compile(schema);
  expect(validate(parseYaml(yaml).toJS())).toBe(false);
  const text = ajv.errorsText(validate.errors, { separator: '\n' });
  for (const message of messages) expect(text).toContain(message);
});
