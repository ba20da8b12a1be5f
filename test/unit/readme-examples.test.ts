/** The authoring guide's examples are valid documents: the README cannot drift from the model. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { CollectionName } from '../../src/model/index.ts';
import { checkText, REPO_ROOT } from '../helpers/content.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The first fenced block after a heading. */
function exampleAfter(heading: string): string {
  const start = readme.indexOf(`\n${heading}`);
  expect(start, heading).toBeGreaterThan(-1);
  const match = /```\w*\n([\s\S]*?)```/.exec(readme.slice(start));
  return match![1]!;
}

test.each<[string, CollectionName, string]>([
  ['### Team', 'teams', 'payments.yaml'],
  ['### Service', 'services', 'payments-api.yaml'],
  ['### Runbook', 'runbooks', 'payments/payments-db-failover.md'],
  ['### Procedure', 'procedures', 'database-migration.md'],
  ['### Operation record', 'operations', '2026/2026-01-14-payments-db-failover-drill.md'],
  ['### Postmortem', 'postmortems', '2026/2026-01-20-payments-db-failover.md'],
  ['### Guide', 'guides', 'payments/payments-platform-overview.md'],
])('the README example under "%s" is a valid %s document', (heading, collection, path) => {
  expect(checkText(collection, path, exampleAfter(heading))).toEqual([]);
});
