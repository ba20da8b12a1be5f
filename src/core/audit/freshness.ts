/**
 * Review dates: when a document is next due for review and how far off that
 * is. The audit and the pages' freshness badges both ask this module.
 */
import { REVIEW_CYCLE_MONTHS, type ReviewCycle } from '../../model/index.ts';
import { plural } from '../text.ts';

const DAY = 86_400_000;

function utc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** `date` plus whole months, clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY);
}

/** How many days before the due date a review counts as "due soon". */
export const DUE_SOON_DAYS = 14;

export type FreshnessState = 'fresh' | 'due-soon' | 'overdue';

export interface Freshness {
  lastReviewed: string;
  cycle: ReviewCycle;
  /** The day the next review is due. */
  due: string;
  /** Days since the last review. */
  age: number;
  /** Days until due (negative: overdue by that many days). */
  daysLeft: number;
  state: FreshnessState;
}

export function freshness(lastReviewed: string, cycle: ReviewCycle, today: string): Freshness {
  const due = addMonths(lastReviewed, REVIEW_CYCLE_MONTHS[cycle]);
  const daysLeft = daysBetween(today, due);
  return {
    lastReviewed,
    cycle,
    due,
    age: daysBetween(lastReviewed, today),
    daysLeft,
    state: daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'due-soon' : 'fresh',
  };
}


/** "Reviewed 41 days ago · next due 2027-01-02", "Review due in 7 days (2026-11-30)", "Review overdue by 12 days". */
export function freshnessLabel(f: Freshness): string {
  if (f.state === 'overdue') return `Review overdue by ${plural(-f.daysLeft, 'day')} (due ${f.due})`;
  const reviewed = f.age === 0 ? 'Reviewed today' : f.age < 0 ? `Reviewed ${f.lastReviewed}` : `Reviewed ${plural(f.age, 'day')} ago`;
  if (f.state === 'due-soon') return `${reviewed} · review due ${f.daysLeft === 0 ? 'today' : `in ${plural(f.daysLeft, 'day')}`} (${f.due})`;
  return `${reviewed} · next due ${f.due}`;
}

/** Freshness of a reviewed document (one with `lastReviewed`), or undefined for others and for deprecated ones. */
export function documentFreshness(doc: { data?: Record<string, unknown> | undefined }, today: string): Freshness | undefined {
  const data = doc.data;
  if (!data || typeof data.lastReviewed !== 'string' || data.status === 'deprecated') return undefined;
  return freshness(data.lastReviewed, (data.reviewCycle as ReviewCycle | undefined) ?? 'annual', today);
}
