/**
 * Content loader for one collection: globs content/<collection>/ through the
 * shared Project (so each file is read and parsed once, and validated as a
 * whole before anything renders) and hands Astro the validated data and the
 * HTML rendered from the same Markdown tree. MDX is compiled by Astro's MDX
 * integration at render time (deferred render).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import type { Diagnostic } from '../core/diagnostics/diagnostics.ts';
import { formatText } from '../core/diagnostics/diagnostics.ts';
import { renderMarkdown } from '../markdown/render.ts';
import type { CollectionName } from '../model/index.ts';
import { getProject, invalidateProject } from './project-cache.ts';

async function sync(collection: CollectionName, context: LoaderContext, root: string): Promise<void> {
  const project = await getProject(root);
  const failures: Diagnostic[] = [];
  context.store.clear();
  for (const doc of project.documents) {
    if (doc.collection !== collection || !doc.raw || !doc.data) continue;
    // Already validated by the same schema (defaults applied): no second zod pass over every entry.
    const data = doc.data;
    const digest = context.generateDigest(`${doc.file}\n${doc.bodyText ?? ''}\n${JSON.stringify(doc.raw)}`);
    const entry = { id: doc.id, data, filePath: doc.file, digest, ...(doc.bodyText === undefined ? {} : { body: doc.bodyText }) };
    if (doc.ext === '.mdx') {
      context.store.set({ ...entry, deferredRender: true });
    } else if (doc.body) {
      try {
        const html = renderMarkdown(doc.body.mdast, context.config.base);
        const headings = doc.body.headings.map(({ depth, slug, text }) => ({ depth, slug, text }));
        context.store.set({ ...entry, rendered: { html, metadata: { headings } } });
      } catch (error) {
        failures.push({ file: doc.file, line: doc.body.firstLine, column: 1, severity: 'error', rule: 'render/failed', message: `This document could not be rendered: ${(error as Error).message}` });
      }
    } else {
      context.store.set(entry);
    }
  }
  if (failures.length) {
    // A page must never be published empty: a render failure fails the build.
    throw new AstroError(`Rendering failed:\n${formatText(failures)}`, 'Fix the documents above; `npm run check` shows all content problems.');
  }
}

export function opsbookLoader(collection: CollectionName): Loader {
  return {
    name: `opsbook-${collection}`,
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      await sync(collection, context, root);
      context.watcher?.on('all', async (_event, path) => {
        if (!path.startsWith(join(root, 'content'))) return;
        invalidateProject(root);
        await sync(collection, context, root);
      });
    },
  };
}
