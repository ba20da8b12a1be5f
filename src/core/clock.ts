/**
 * Today's date in UTC, as YYYY-MM-DD. Freshness and "recent" depend on it, so
 * it can be pinned with OPSBOOK_NOW (tests, reproducible builds).
 */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.OPSBOOK_NOW;
  if (pinned !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || Number.isNaN(Date.parse(`${pinned}T00:00:00Z`))) {
      throw new Error(`OPSBOOK_NOW must be a date written YYYY-MM-DD, not "${pinned}".`);
    }
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** The date `days` days before (negative: after) a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
