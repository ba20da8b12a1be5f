/** /operations.csv: the same records as operations.json, as RFC 4180 CSV. */
import type { APIRoute } from 'astro';
import { operationRecords, operationsCsv } from '../core/views/exports.ts';
import { currentProject } from '../lib/site.ts';

export const GET: APIRoute = async () => {
  const records = operationRecords(await currentProject(), import.meta.env.BASE_URL, import.meta.env.SITE);
  return new Response(operationsCsv(records), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
