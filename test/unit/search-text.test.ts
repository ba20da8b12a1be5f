/** What a search result quotes: body text around the matches, never the index-only words; query words marked in summaries. */
import { expect, test } from 'vitest';
import { bodyExcerpt, highlight, INDEX_ONLY_ID, queryTerms, type IndexedText, type Segment } from '../../src/scripts/search-text.ts';

const text = (segments: Segment[] | undefined) => segments?.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('') ?? '';

/** A page as Pagefind returns it: `words` of body, then the index-only block; hits at the given word positions. */
function page(body: string, indexOnly: string, hits: number[]): IndexedText {
  const words = body.split(' ');
  return {
    content: `${body} ${indexOnly}`,
    anchors: [{ id: 'diagnosis', location: 3 }, { id: INDEX_ONLY_ID, location: words.length }],
    weighted_locations: hits.map((location) => ({ location, balanced_score: 1 })),
  };
}

test('an excerpt quotes the body around its matches, with the matches marked', () => {
  const body = Array.from({ length: 80 }, (_, i) => `w${i}`);
  body[50] = 'disk';
  const excerpt = text(bodyExcerpt(page(body.join(' '), 'OrdersDbDiskUsageHigh k.haddad', [50])));
  expect(excerpt).toContain('[disk]');
  // The match sits inside its context, not at an edge.
  expect(excerpt).toMatch(/^… w3\d .* \[disk\] w5\d .* w6\d …$/);
});

test('matches among the index-only words are never quoted', () => {
  const p = page('Orders database disk usage high. Free or add storage.', 'OrdersDbDiskUsageHigh. k.haddad CHG-2304.', [9, 10]);
  expect(bodyExcerpt(p)).toBeUndefined();
  const both = page('Orders database disk usage high. Free or add storage.', 'OrdersDbDiskUsageHigh. k.haddad CHG-2304.', [2, 9]);
  expect(text(bodyExcerpt(both))).toBe('Orders database [disk] usage high. Free or add storage.');
});

test('an excerpt can start after the title and summary the result already shows', () => {
  const p = page('Disk full. Free disk space. Symptoms. The disk alert fires.', '', [0, 3, 7]);
  expect(text(bodyExcerpt(p, 6))).toBe('The [disk] alert fires.');
  expect(bodyExcerpt(page('Disk full. Free disk space.', '', [0, 3]), 5)).toBeUndefined();
});

test('query words are marked where a word starts with them, in any case, and text stays text', () => {
  expect(text(highlight('Free disk space before Disks fill; no diskless node', queryTerms('DISK')))).toBe('Free [disk] space before [Disks] fill; no [diskless] node');
  expect(text(highlight('Runbook for <b>PaymentsDbPrimaryDown</b>', queryTerms('paymentsdb')))).toBe('Runbook for <b>[PaymentsDbPrimaryDown]</b>');
  expect(text(highlight('a (b) c', queryTerms('(b')))).toBe('a ([b]) c');
  expect(highlight('nothing to mark', [])).toEqual([{ text: 'nothing to mark', mark: false }]);
  expect(queryTerms('alertname="OrdersDbDiskUsageHigh" disk')).toEqual(['alertname', 'ordersdbdiskusagehigh', 'disk']);
  expect(text(highlight('One card payment, many payments; the access log', queryTerms('payments access')))).toBe('One card [payment], many [payments]; the [access] log');
});
