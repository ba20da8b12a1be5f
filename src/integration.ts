/**
 * The validation gate: before Astro loads or renders anything, every document
 * is validated and every problem printed. A build with errors stops here;
 * `astro dev` prints them and keeps serving the valid documents.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { unified } from '@astrojs/markdown-remark';
import type { ResolvedConfig, SiteSettings } from './core/config.ts';
import { headersFile } from './core/views/csp.ts';
import { today } from './core/clock.ts';
import { countBySeverity, formatText } from './core/diagnostics/diagnostics.ts';
import { baselineSummary } from './core/diagnostics/baseline.ts';
import { assetPath, documentFile, documentPath } from './core/links/urls.ts';
import { assetType } from './core/validate/assets.ts';
import { getProject } from './lib/project-cache.ts';
import { diagramMode, drawAheadInBackground, renderSiteDiagrams } from './lib/diagram-render.ts';
import { bodyHtml } from './lib/body-html.ts';
import { keepLastIndex, searchPartPages, writeSearchIndex } from './lib/search-index.ts';
import { kitPdfChoice, kitPdfOverride, writeKitPdfs } from './lib/kit-pdf.ts';
import { KIT_PDF_TEXT_LIMIT, kitPrintable } from './core/views/kit.ts';
import { upfrontCandidates } from './lib/offline/upfront.ts';
import { hashOutputAhead, offlineSummary, writeServiceWorker } from './lib/service-worker.ts';
import { mdxProcessorOptions } from './markdown/pipeline.ts';
import { projectMapSpecs } from './core/graph/page-maps.ts';
import { mapStats } from './core/graph/maps.ts';
import { prefetchLayouts, type Prefetch } from './lib/layout-prefetch.ts';
import { openOutputDigest } from './lib/output-digest.ts';
import { cachePath } from './lib/cache-dir.ts';
import { keptSummary, leaveOutputMark, outputKey, pageFiles, pruneOutput, takeOutputMark } from './lib/kept-output.ts';

const CONFIG_MODULE = 'virtual:opsbook/config';

/** `import config from 'virtual:opsbook/config'`: the resolved opsbook.config.ts, for pages. */
function configModule(config: ResolvedConfig, root: string) {
  return {
    name: 'opsbook:config',
    resolveId: (id: string) => (id === CONFIG_MODULE ? `\0${CONFIG_MODULE}` : undefined),
    load: (id: string) => (id === `\0${CONFIG_MODULE}` ? `export default ${JSON.stringify({ title: config.title, tagline: config.tagline, editUrl: config.editUrl } satisfies SiteSettings)};\nexport const root = ${JSON.stringify(root)};` : undefined),
  };
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** The diagram mode this build runs in, or why it cannot run (which stops it later, with that message). */
function diagramSetting(config: ResolvedConfig): string {
  try {
    return diagramMode(config).mode;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A step's result with how long it took, for the build log ("12.3 s"). */
async function timed<T extends object>(step: () => Promise<T>): Promise<T & { seconds: string }> {
  const started = performance.now();
  const result = await step();
  return { ...result, seconds: seconds(started) };
}

/** The HTML of each valid Markdown body that may hold an authored diagram (rendered once: the pages take the same string). */
function* bodiesWithDiagrams(project: Awaited<ReturnType<typeof getProject>>, base: string): Generator<{ html: string; where: string }> {
  for (const doc of project.documents) {
    if (!doc.data || !doc.bodyText?.includes('mermaid')) continue;
    const html = bodyHtml(doc, base);
    if (html) yield { html, where: doc.file };
  }
}

/**
 * Starts the post-build steps that read the pages: the search index and the diagram pass (which draws what
 * was not drawn ahead and publishes each map as a file), sharing the digest of what earlier builds learnt
 * of each output file, so unchanged ones are not read again.
 */
function startPostBuild(dist: string, project: Awaited<ReturnType<typeof getProject>>, diagramsAhead: Promise<ReadonlyMap<string, string>> | undefined) {
  const digest = openOutputDigest(dist, cachePath(project.root, 'output-digest.json'));
  const searching = timed(() => writeSearchIndex(dist, project.documents.filter((d) => d.data).map((d) => documentFile(d.collection, d.id)), { digest }));
  searching.catch(() => undefined); // a failure is reported where it is awaited, in astro:build:done
  const { mode, reason } = diagramMode(project.config);
  const drawing = timed(() => renderSiteDiagrams(dist, mode, reason, project.root, digest, diagramsAhead));
  drawing.catch(() => undefined);
  return { digest, searching, drawing };
}

export default function opsbook(): AstroIntegration {
  let projectRoot = '';
  let siteBase = '/';
  let prefetch: Prefetch | undefined;
  let diagramsAhead: Promise<ReadonlyMap<string, string>> | undefined;
  let early: ReturnType<typeof startPostBuild> | undefined;
  // Set when a build starts: whether the last build's output folder is kept (lib/kept-output.ts), and the key it is kept by.
  let output: { startedMs: number; key: string; kept: boolean } | undefined;
  return {
    name: 'opsbook',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        // Serve files kept beside documents (images, attachments) in `astro dev`.
        server.middlewares.use((req, res, next) => {
          void getProject(projectRoot).then((project) => {
            const base = server.config.base.replace(/\/+$/, '');
            const path = decodeURIComponent((req.url ?? '').split('?')[0]!.slice(base.length));
            const asset = project.assets.find((a) => a.publish && (assetPath(a.file) === encodeURI(path) || a.file === `content${path}`));
            if (!asset) return next();
            res.setHeader('Content-Type', assetType(asset.file)?.mime ?? 'text/plain; charset=utf-8');
            createReadStream(join(project.root, asset.file)).pipe(res);
          }, next);
        });
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const base = siteBase;
        const dist = fileURLToPath(dir);
        // Publish files kept beside documents at their place under content/.
        const project = await getProject(projectRoot);
        // Before anything reads the folder: what this build neither wrote nor reused goes (a removed document's page).
        const pruned = output?.kept ? pruneOutput(dist, output.startedMs, pageFiles(dist, assets)) : undefined;
        for (const asset of project.assets) {
          if (!asset.publish) continue; // refused or of a type the site does not serve: check said why
          const target = join(dist, asset.file.replace(/^content\//, ''));
          await mkdir(dirname(target), { recursive: true });
          await copyFile(join(project.root, asset.file), target);
        }
        // The search index is built while diagrams are drawn: it reads each authored diagram as its source,
        // drawn or not (lib/diagram-html.ts), and the drawing pass replaces pages whole. A cold build started both
        // as soon as the pages were written (astro:build:generated, below).
        const started = early;
        early = undefined;
        const { digest, searching, drawing } = started ?? startPostBuild(dist, project, diagramsAhead);
        const diagrams = await drawing;
        const { mode, reason } = diagrams;
        if (diagrams.errors.length) {
          await searching.catch(() => undefined); // let Pagefind stop before the build does
          const error = new AstroError(`Drawing diagrams failed:\n${diagrams.errors.join('\n')}`, 'Fix the diagrams above and build again.');
          error.stack = '';
          throw error;
        }
        // Maps are drawn in Node while pages render; this is that time, and the sharing across pages.
        await prefetch?.finish();
        const ahead = prefetch ? `; layouts: ${prefetch.stats.cached} from the last build, ${prefetch.stats.ahead} by the layout worker, ${mapStats().laidOut} on the page thread` : '';
        logger.info(`Maps: ${diagrams.maps} (${diagrams.mapFiles} distinct), ${(diagrams.mapMs / 1000).toFixed(1)} s on the page thread${ahead}.`);
        logger.info(
          mode === 'build'
            ? `Diagrams: ${diagrams.diagrams} drawn at build time as SVG (${diagrams.rendered + diagrams.cached} distinct${diagrams.rendered ? `: ${diagrams.ahead} drawn while pages rendered, ${diagrams.rendered - diagrams.ahead} after them` : ''}, ${diagrams.cached} from the cache of earlier builds; ${reason}), done ${diagrams.seconds} after the pages${diagrams.drawnBefore ? `; ${diagrams.drawnBefore} more already drawn in pages kept from the last build` : ''}.`
            : `Diagrams: ${diagrams.diagrams} left for the reader's browser to draw (${reason}).`,
        );
        // Incident kits as PDF, printed from the finished pages (diagrams drawn) while the index is still being built.
        const services = [...project.byId.services.values()].filter((s) => s.data);
        const kits = services.filter((s) => kitPrintable(project, s.id)).map((s) => documentPath('services', s.id));
        const tooLarge = services.length - kits.length;
        const pdf = kitPdfChoice(project.config);
        const printing = pdf.enabled ? timed(() => writeKitPdfs(dist, base, kits)) : undefined;
        // Every file but the index's (and the PDFs being printed) is final: a cold build hashes them for the offline copy
        // while the index is written. A rebuild knows most hashes from its digest, and hashing ahead would only stat every file twice.
        if (started) hashOutputAhead(dist, digest);
        const [printed, search] = await Promise.all([printing, searching]);
        if (printed?.errors.length) {
          // A kit page links its PDF: a missing one is a broken link, like an undrawn diagram.
          const error = new AstroError(`Printing incident kits to PDF failed:\n${printed.errors.join('\n')}`, 'Build again; if it persists, build with OPSBOOK_KIT_PDF=off (kit pages without their PDF, which a browser prints the same) or set diagrams to "client" to build without a browser.');
          error.stack = '';
          throw error;
        }
        if (printed) logger.info(`Incident kits: ${printed.written} of ${kits.length} printed to PDF in ${printed.seconds}${tooLarge ? `; ${tooLarge} too large to print (over ${KIT_PDF_TEXT_LIMIT / 1e6} MB of runbook text), their pages without a PDF link` : ''}.`);
        else logger.info(`Incident kits: ${kits.length} pages, no PDF (${pdf.reason}).`);
        if (search.errors.length) {
          const error = new AstroError(`Building the search index failed:\n${search.errors.join('\n')}`, 'The site was built but cannot be searched; fix the errors above and build again.');
          error.stack = '';
          throw error;
        }
        const parts = search.parts > 1 ? ` in ${search.parts} parts (${search.reused} from the last build)` : search.reused ? ' (from the last build)' : '';
        const alongside = [mode === 'build' ? 'diagrams' : '', printed ? 'kit PDFs' : ''].filter(Boolean).join(' and ');
        logger.info(`Search index: ${search.indexed} documents${parts} in ${search.seconds}${alongside ? ` (alongside the ${alongside})` : ''}.`);
        await writeFile(join(dist, '_headers'), headersFile());
        // The build day (OPSBOOK_NOW when set), not the clock: two builds of one commit write the same worker.
        const upfront = project.kinds.all.filter((k) => k.offline === 'upfront').map((k) => k.name);
        const offline = await timed(() => writeServiceWorker(dist, base, `${today()}T00:00:00Z`, upfrontCandidates(project.documents, upfront), upfront, undefined, digest));
        digest.save();
        logger.info(`${offlineSummary(offline)} Written in ${offline.seconds}.`);
        if (pruned) logger.info(keptSummary(dist, pruned));
        if (output) leaveOutputMark(projectRoot, dist, output.key);
      },
      'astro:build:generated': async ({ dir }) => {
        // Every page is written. With no output kept from the last build there is nothing to prune first,
        // so the steps that read the pages start now, while Astro finishes its own work, rather than at astro:build:done.
        if (!output || output.kept) return;
        early = startPostBuild(fileURLToPath(dir), await getProject(projectRoot), diagramsAhead);
      },
      'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
        const root = fileURLToPath(config.root);
        projectRoot = root;
        siteBase = config.base;
        const started = performance.now();
        const project = await getProject(root);
        updateConfig({
          // Scripts and styles always as files of the site's own: cached across pages,
          // and a strict Content-Security-Policy needs no inline hashes.
          build: { inlineStylesheets: 'never' },
          vite: { plugins: [configModule(project.config, root)], build: { assetsInlineLimit: 0 } },
          markdown: {
            // Markdown documents are parsed and rendered once by Opsbook (src/core);
            // this processor compiles .mdx only, with the same plugins.
            processor: unified(mdxProcessorOptions({ root, base: config.base })),
            syntaxHighlight: false,
          },
        });
        const counts = countBySeverity(project.diagnostics);
        if (project.diagnostics.length) process.stderr.write(`${formatText(project.diagnostics)}\n`);
        else logger.info(`Validated ${project.documents.length} documents in ${seconds(started)}: no problems.`);
        for (const line of baselineSummary(project.baseline, 'npm run check')) logger.info(line);
        if (counts.error > 0 && command === 'build') {
          const error = new AstroError(
            `Content validation failed with ${counts.error} error${counts.error === 1 ? '' : 's'}; nothing was built.`,
            'Each problem is listed above as path:line:column. Fix them and build again (`npm run check` gives the same list faster).',
          );
          error.stack = ''; // The problems are in the content, not in this file: no stack trace.
          throw error;
        }
        if (command === 'build') {
          // A bad OPSBOOK_SEARCH_PART_PAGES or OPSBOOK_KIT_PDF stops the build now, not after its pages.
          try {
            searchPartPages();
            kitPdfOverride();
          } catch (problem) {
            const error = new AstroError((problem as Error).message, 'Fix the setting and build again.');
            error.stack = '';
            throw error;
          }
          // The last build's output folder is kept when it finished with the same post-build code and settings:
          // Astro then leaves unchanged pages where they are instead of copying them back from its cache.
          const outDir = fileURLToPath(config.outDir);
          const key = outputKey({ base: config.base, diagrams: diagramSetting(project.config), kitPdf: kitPdfChoice(project.config).enabled });
          output = { key, ...takeOutputMark(root, outDir, key) };
          if (output.kept) updateConfig({ vite: { build: { emptyOutDir: false } } });
          // The last build's search index, out of the output folder before Astro empties or keeps it (its unchanged parts are used again).
          await keepLastIndex(outDir);
          // The maps' layouts, worked out on the second core while content syncs and pages render.
          prefetch = await prefetchLayouts(root, projectMapSpecs(project));
          // Authored diagrams are drawn from the bodies' HTML (rendered here once, for the pages too) while content syncs and pages render;
          // not when the last build's pages are kept: most are reused, with their diagrams, and the few others are drawn after them.
          if (diagramSetting(project.config) === 'build' && !output.kept) diagramsAhead = drawAheadInBackground(bodiesWithDiagrams(project, config.base), root);
        }
      },
    },
  };
}
