import { expect, test } from 'vitest';
import { addMonths, daysBetween, freshness, freshnessLabel } from '../../../src/core/audit/freshness.ts';

test.each([
  ['2026-01-31', 1, '2026-02-28'],
  ['2024-01-31', 1, '2024-02-29'],
  ['2026-08-30', 3, '2026-11-30'],
  ['2025-10-01', 12, '2026-10-01'],
  ['2026-11-15', 6, '2027-05-15'],
])('%s + %i months = %s', (date, months, expected) => {
  expect(addMonths(date, months)).toBe(expected);
});

test('days between dates, across a leap day', () => {
  expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
});

test.each([
  ['2026-10-13', 'quarterly', 'fresh', 'Reviewed 41 days ago · next due 2027-01-13'],
  ['2026-08-30', 'quarterly', 'due-soon', 'Reviewed 85 days ago · review due in 7 days (2026-11-30)'],
  ['2026-08-11', 'quarterly', 'overdue', 'Review overdue by 12 days (due 2026-11-11)'],
  ['2026-11-23', 'monthly', 'fresh', 'Reviewed today · next due 2026-12-23'],
  ['2025-11-23', 'annual', 'due-soon', 'Reviewed 365 days ago · review due today (2026-11-23)'],
] as const)('last reviewed %s (%s) on 2026-11-23: %s', (reviewed, cycle, state, label) => {
  const f = freshness(reviewed, cycle, '2026-11-23');
  expect(f.state).toBe(state);
  expect(freshnessLabel(f)).toBe(label);
});
