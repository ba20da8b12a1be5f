/** OPSBOOK_NOW pins "today"; a date that does not exist is refused, never rolled over. */
import { describe, expect, test } from 'vitest';
import { pinnedDateProblem, today } from '../../../src/core/clock.ts';

describe('OPSBOOK_NOW', () => {
  test('a real date is today', () => {
    expect(today({ OPSBOOK_NOW: '2026-11-23' })).toBe('2026-11-23');
    expect(today({ OPSBOOK_NOW: '2028-02-29' })).toBe('2028-02-29');
  });

  test.each([
    ['2026-02-30', 'OPSBOOK_NOW is not a real date: 2026-02-30 (February 2026 has 28 days); dates are never rolled over.'],
    ['2026-04-31', 'OPSBOOK_NOW is not a real date: 2026-04-31 (April 2026 has 30 days); dates are never rolled over.'],
    ['2026-13-01', 'OPSBOOK_NOW is not a real date: 2026-13-01 (there is no month 13); dates are never rolled over.'],
    ['2026-00-10', 'OPSBOOK_NOW is not a real date: 2026-00-10 (there is no month 0); dates are never rolled over.'],
    ['2026-01-00', 'OPSBOOK_NOW is not a real date: 2026-01-00 (January 2026 has 31 days); dates are never rolled over.'],
    ['23.11.2026', 'OPSBOOK_NOW must be a date written YYYY-MM-DD, not "23.11.2026".'],
  ])('%s is refused with a clear error', (value, message) => {
    expect(() => today({ OPSBOOK_NOW: value })).toThrow(new Error(message));
  });

  test('without OPSBOOK_NOW it is the UTC date', () => {
    expect(today({})).toBe(new Date().toISOString().slice(0, 10));
    expect(pinnedDateProblem('2026-02-28')).toBeUndefined();
  });
});
