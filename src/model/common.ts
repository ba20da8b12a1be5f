/**
 * Building blocks shared by every collection schema: dates, timestamps,
 * references, durations and links. Plain zod (Astro's copy), no `astro:*`
 * imports, so Node scripts load these modules as they are.
 */
import { z } from 'astro/zod';

/** A custom issue carries its rule id and hint in `params` (see core/diagnostics/zod-issues.ts). */
export interface IssueParams {
  rule: string;
  hint?: string;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Why `YYYY-MM-DD` is not a real calendar date, or undefined when it is one. */
export function impossibleDateReason(text: string): string | undefined {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A calendar date, `YYYY-MM-DD`, checked from the source text: `2026-02-30`
 * is an error, never rolled over into March. Kept as the string the author
 * wrote; dates are shown in UTC.
 */
export const IsoDate = z
  .string()
  .superRefine((value, ctx) => {
  if (!DATE_PATTERN.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a date written YYYY-MM-DD, not "${value}"`,
      params: { rule: 'schema/date', hint: 'Write the date as YYYY-MM-DD, e.g. 2026-03-14.' } satisfies IssueParams,
    });
    return;
  }
  const reason = impossibleDateReason(value);
  if (reason) {
    ctx.addIssue({
      code: 'custom',
      message: `is not a real date: ${value} (${reason})`,
      params: { rule: 'schema/date', hint: 'Correct the day or month; dates are never rolled over.' } satisfies IssueParams,
    });
  }
  })
  .meta({ format: 'date', pattern: DATE_PATTERN.source });

/**
 * A point in time, ISO 8601 with a UTC offset: `2026-01-14T21:05:00Z` or
 * `2026-01-14T22:05:00+01:00`. Seconds are optional.
 */
export const IsoTimestamp = z
  .string()
  .superRefine((value, ctx) => {
  const match = TIMESTAMP_PATTERN.exec(value);
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a timestamp with a UTC offset, not "${value}"`,
      params: { rule: 'schema/timestamp', hint: 'Write it as 2026-01-14T21:05:00Z (or with an offset such as +01:00).' } satisfies IssueParams,
    });
    return;
  }
  const reason = impossibleDateReason(match[1]!);
  if (reason) {
    ctx.addIssue({
      code: 'custom',
      message: `is not a real date: ${match[1]} (${reason})`,
      params: { rule: 'schema/date', hint: 'Correct the day or month; dates are never rolled over.' } satisfies IssueParams,
    });
  }
  })
  .meta({ format: 'date-time', pattern: TIMESTAMP_PATTERN.source });

/** Milliseconds since the epoch of a valid timestamp (for ordering). */
export function timestampMillis(value: string): number {
  return Date.parse(value);
}

/** The id of another document: a file name inside its collection folder, without extension. */
export const Reference = z.string().min(1);

/** An absolute http(s) URL. */
const URL_PATTERN = /^https?:\/\/[^\s/]+/;
export const Url = z
  .string()
  .superRefine((value, ctx) => {
    if (!URL_PATTERN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an http(s) URL, not "${value}"`,
        params: { rule: 'schema/url', hint: 'Write the full address, starting with https://.' } satisfies IssueParams,
      });
    }
  })
  .meta({ format: 'uri', pattern: URL_PATTERN.source });

/** A duration such as `15m`, `1h`, `2h30m` or `1d`. */
const DURATION_PATTERN = /^(?=\d)(\d+d)?(\d+h)?(\d+m)?$/;
export const Duration = z
  .string()
  .superRefine((value, ctx) => {
    if (!DURATION_PATTERN.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a duration such as 15m, 1h or 1h30m, not "${value}"`,
        params: { rule: 'schema/duration', hint: 'Use whole numbers with d, h and m, in that order.' } satisfies IssueParams,
      });
    }
  })
  .meta({ pattern: DURATION_PATTERN.source });


/** A link to a dashboard (Grafana, Datadog…) shown with the document. */
export const Dashboard = z.strictObject({
  /** What the dashboard shows, e.g. "Payments DB replication". */
  title: z.string().min(1),
  /** Full URL of the dashboard. */
  url: Url,
});

/** How often a document must be reviewed. */
export const ReviewCycle = z.enum(['monthly', 'quarterly', 'semiannual', 'annual']);
export type ReviewCycle = z.output<typeof ReviewCycle>;

/** Months in each review cycle. */
export const REVIEW_CYCLE_MONTHS: Record<ReviewCycle, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
};
