/** /search-exact.json: alert names and operation ids that must find their document first. */
import type { APIRoute } from 'astro';
import { exactSearchTerms } from '../core/views/search-facets.ts';
import { currentProject, urlFor } from '../lib/site.ts';

export const GET: APIRoute = async () => {
  const project = await currentProject();
  const terms = exactSearchTerms(project.documents, project.kinds, (doc) => urlFor(doc.collection, doc.id));
  return new Response(JSON.stringify(terms), { headers: { 'Content-Type': 'application/json' } });
};
