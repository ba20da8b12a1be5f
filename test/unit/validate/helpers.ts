/** A document for the validators, parsed from text with the project's own Markdown parser (no loader, no schema). */
import { extname } from 'node:path';
import type { Diagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import type { ContentDocument } from '../../../src/core/load/load.ts';
import { parseBody } from '../../../src/core/load/markdown.ts';

export function documentFromBody(body: string, file = 'content/runbooks/x.md'): ContentDocument {
  const ext = extname(file);
  const out: Diagnostic[] = [];
  const parsed = parseBody(body, { file, mdx: ext === '.mdx', firstLine: 1 }, out);
  if (out.length) throw new Error(`The test document does not parse: ${out.map((d) => d.message).join('; ')}`);
  return { collection: 'runbooks', id: 'x', file, ext, data: undefined, raw: undefined, yaml: undefined, body: parsed, bodyText: body, source: body };
}
