/**
 * Content loader for one collection: globs content/<collection>/ through the
 * shared Project (so each file is read and parsed once, and validated as a
 * whole before anything renders). Markdown bodies are rendered here from the
 * same tree, for their pages (body-html.ts); Astro's store keeps only a digest
 * of each document, which tells the next build's sync what changed. MDX
 * documents are stored whole: Astro's MDX integration compiles them at render
 * time (deferred render).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import type { Diagnostic } from '../core/diagnostics/diagnostics.ts';
import { formatDiagnostic, formatText, summarise } from '../core/diagnostics/diagnostics.ts';
import type { CollectionName } from '../model/index.ts';
import { bodyHtml } from './body-html.ts';
import { sourceVersion } from './cache-dir.ts';
import { getProject, invalidateProject } from './project-cache.ts';

/** The code that turns a Markdown tree into HTML and stores entries: an entry made by other code is made again. */
function rendererVersion(root: string): string {
  return sourceVersion(['src/markdown', 'src/core/load', 'src/core/links', 'src/lib/loader.ts'].map((d) => join(root, d)));
}

const versions = new Map<string, string>();

async function sync(collection: CollectionName, context: LoaderContext, root: string): Promise<void> {
  const project = await getProject(root);
  const failures: Diagnostic[] = [];
  let version = versions.get(root);
  if (!version) versions.set(root, (version = rendererVersion(root)));
  // Where each document's body links lead: a link's address changes when its target moves.
  const targets = new Map<string, string[]>();
  for (const link of project.links) {
    if (link.from.collection !== collection) continue;
    const paths = targets.get(link.from.id);
    if (paths) paths.push(link.path);
    else targets.set(link.from.id, [link.path]);
  }
  // Entries kept from the last build when their digest is unchanged (Astro keeps the store between
  // builds): only new and changed documents are rendered; entries of documents gone are deleted.
  const kept = new Set<string>();
  for (const doc of project.documents) {
    if (doc.collection !== collection || !doc.raw || !doc.data) continue;
    const digest = context.generateDigest(`${version}\n${context.config.base}\n${doc.file}\n${doc.bodyText ?? ''}\n${JSON.stringify(doc.data)}\n${(targets.get(doc.id) ?? []).join('\n')}`);
    kept.add(doc.id);
    if (context.store.get(doc.id)?.digest === digest) continue;
    if (doc.ext === '.mdx') {
      // Astro's MDX integration compiles the body from the file: the entry keeps its data (already validated
      // by the same schema, defaults applied) and its body text, as Astro's glob loader would.
      context.store.set({ id: doc.id, data: doc.data, filePath: doc.file, digest, ...(doc.bodyText === undefined ? {} : { body: doc.bodyText }), deferredRender: true });
      continue;
    }
    // A Markdown body is rendered here, so a failure is reported with its file, and left for its page
    // (body-html.ts). Every other entry is only its digest: pages read the project, and Astro bundles the
    // whole store into the build's server code as one string. At 10,000 documents, a store holding every
    // body's HTML took 40 MB and Vite 7.9 s; with the data alone, 4.6 MB and 2.8 s; digests, 1.6 MB and 1.5 s.
    if (doc.body) {
      try {
        bodyHtml(doc, context.config.base);
      } catch (error) {
        failures.push({ file: doc.file, line: doc.body.firstLine, column: 1, severity: 'error', rule: 'render/failed', message: `This document could not be rendered: ${(error as Error).message}` });
      }
    }
    context.store.set({ id: doc.id, data: {}, filePath: doc.file, digest });
  }
  for (const id of context.store.keys()) if (!kept.has(id)) context.store.delete(id);
  if (failures.length) {
    // A page must never be published empty: a render failure fails the build.
    throw new AstroError(`Rendering failed:\n${formatText(failures)}`, 'Fix the documents above; `npm run check` shows all content problems.');
  }
}

function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0; // deleted
  }
}

const printed = new Map<string, Set<string>>();

/**
 * After a save in `astro dev`: the findings that are new since the last run
 * and how many were fixed, or that nothing changed. The first run's list is
 * printed by the integration.
 */
export function reportChanges(root: string, diagnostics: readonly Diagnostic[], print: (text: string) => void): void {
  const before = printed.get(root) ?? new Set(diagnostics.map(formatDiagnostic));
  const now = new Set(diagnostics.map(formatDiagnostic));
  printed.set(root, now);
  const added = [...now].filter((line) => !before.has(line));
  const fixed = [...before].filter((line) => !now.has(line)).length;
  const lines = [...added, ...(fixed ? [`Fixed: ${fixed} problem${fixed === 1 ? '' : 's'}.`] : []), summarise(diagnostics)];
  print(added.length || fixed ? lines.join('\n') : `No change in the findings: ${summarise(diagnostics)}`);
}

export function opsbookLoader(collection: CollectionName): Loader {
  return {
    name: `opsbook-${collection}`,
    load: async (context) => {
      const root = fileURLToPath(context.config.root);
      await sync(collection, context, root);
      if (!printed.has(root)) printed.set(root, new Set((await getProject(root)).diagnostics.map(formatDiagnostic)));
      context.watcher?.on('all', async (event, path) => {
        if (!path.startsWith(join(root, 'content'))) return;
        const first = invalidateProject(root, `${event} ${path} ${modified(path)}`);
        await sync(collection, context, root);
        // One loader of the many that hear the save reports what changed.
        if (first) reportChanges(root, (await getProject(root)).diagnostics, (text) => context.logger.info(text));
      });
    },
  };
}
