/** /alerts.json: alert name → its alert page and runbook, for alerting tools and scripts. */
import type { APIRoute } from 'astro';
import { siteAlerts } from '../lib/alerts.ts';

export const GET: APIRoute = async () => {
  const alerts = Object.fromEntries(
    (await siteAlerts()).map((a) => [a.name, { url: a.url, runbook: a.runbook.id, runbookUrl: a.runbook.url, title: a.runbook.title, severity: a.runbook.severity ?? null }]),
  );
  return new Response(`${JSON.stringify(alerts, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
