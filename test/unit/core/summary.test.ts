/** A summary is one sentence where the kind asks for one: a second sentence is a warning, abbreviations and versions are not. */
import { expect, test } from 'vitest';
import { sentenceCount } from '../../../src/core/validate/authoring.ts';
import { checkText, lines } from '../../helpers/content.ts';

test.each([
  ['Restore writes when the payments database primary is down.', 1],
  ['Restart the consumer. Then check the lag.', 2],
  ['Use a replica, e.g. the one in zone b, while the primary recovers.', 1],
  ['Version 4.0.1 of the gateway fails under load.', 1],
  ['Call `db.failover()`. Then watch replication.', 2],
  ['Purge the cache! Then rebuild it? Never twice.', 3],
  ['Roll back; the canary is at 25 % and failing.', 1],
])('%j has %i sentence(s)', (text, count) => {
  expect(sentenceCount(text)).toBe(count);
});

test('a runbook summary of two sentences is a warning at its line', () => {
  const doc = lines('---', 'title: T', 'summary: Restart the consumer. Then check the lag.', 'owner: shop', 'services: [checkout]', 'lastReviewed: 2026-11-01', '---', '', '## Symptoms', '## Impact', '## Diagnosis', '## Mitigation', '## Escalation', '## Verification');
  expect(checkText('runbooks', 'a.md', doc)).toEqual([
    'content/runbooks/a.md:3:10 warning "summary" has 2 sentences; a runbook\'s summary is one. Keep the one sentence a reader needs in a search result; move the rest into the body. schema/summary-sentences',
  ]);
});
