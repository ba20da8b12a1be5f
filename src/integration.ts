/**
 * The validation gate: before Astro loads or renders anything, every document
 * is validated and every problem printed. A build with errors stops here;
 * `astro dev` prints them and keeps serving the valid documents.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import type { ResolvedConfig } from './core/config.ts';
import { countBySeverity, formatText } from './core/diagnostics.ts';
import { getProject } from './lib/project-cache.ts';

const CONFIG_MODULE = 'virtual:opsbook/config';

/** `import config from 'virtual:opsbook/config'`: the resolved opsbook.config.ts, for pages. */
function configModule(config: ResolvedConfig) {
  return {
    name: 'opsbook:config',
    resolveId: (id: string) => (id === CONFIG_MODULE ? `\0${CONFIG_MODULE}` : undefined),
    load: (id: string) => (id === `\0${CONFIG_MODULE}` ? `export default ${JSON.stringify(config)};` : undefined),
  };
}

export default function opsbook(): AstroIntegration {
  return {
    name: 'opsbook',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
        const root = fileURLToPath(config.root);
        const project = await getProject(root);
        updateConfig({ vite: { plugins: [configModule(project.config)] } });
        const counts = countBySeverity(project.diagnostics);
        if (project.diagnostics.length) process.stderr.write(`${formatText(project.diagnostics)}\n`);
        else logger.info(`Validated ${project.documents.length} documents: no problems.`);
        if (counts.error > 0 && command === 'build') {
          const error = new AstroError(
            `Content validation failed with ${counts.error} error${counts.error === 1 ? '' : 's'}; nothing was built.`,
            'Each problem is listed above as path:line:column. Fix them and build again (`npm run check` gives the same list faster).',
          );
          error.stack = ''; // The problems are in the content, not in this file: no stack trace.
          throw error;
        }
      },
    },
  };
}
