/** /operations.json: every operation record with all its frontmatter fields and its URL. */
import type { APIRoute } from 'astro';
import { operationRecords, operationsJson } from '../core/views/exports.ts';
import { currentProject } from '../lib/site.ts';

export const GET: APIRoute = async () => {
  const records = operationRecords(await currentProject(), import.meta.env.BASE_URL, import.meta.env.SITE);
  return new Response(operationsJson(records), { headers: { 'Content-Type': 'application/json' } });
};
