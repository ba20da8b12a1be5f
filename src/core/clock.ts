/**
 * Today's date in UTC, as YYYY-MM-DD. Freshness and "recent" depend on it, so
 * it can be pinned with OPSBOOK_NOW (tests, reproducible builds).
 */
import { impossibleDateReason } from '../model/common.ts';

/**
 * Why a pinned date is refused (`must be a date written YYYY-MM-DD`, `is not
 * a real date: 2026-02-30 (February 2026 has 28 days)`), or undefined when it
 * is a real calendar date. Dates are never rolled over into the next month.
 */
export function pinnedDateProblem(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `must be a date written YYYY-MM-DD, not "${text}"`;
  const reason = impossibleDateReason(text);
  return reason ? `is not a real date: ${text} (${reason}); dates are never rolled over` : undefined;
}

/** Today, or the date OPSBOOK_NOW pins; throws an Error naming OPSBOOK_NOW when that is not a real date. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.OPSBOOK_NOW;
  if (pinned !== undefined) {
    const problem = pinnedDateProblem(pinned);
    if (problem) throw new Error(`OPSBOOK_NOW ${problem}.`);
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** The date `days` days before (negative: after) a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
