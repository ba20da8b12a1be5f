/**
 * `npm run check`: validates the content tree and prints every problem.
 * Exit 0 when there are no errors, 1 when there are, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { formatGithub, formatJson, formatText } from '../src/core/diagnostics/diagnostics.ts';
import { hasErrors, openProject } from '../src/core/project.ts';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: process.cwd() },
    format: { type: 'string', default: process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text' },
  },
  allowPositionals: false,
});

const formatters = { text: formatText, json: formatJson, github: formatGithub } as const;
const format = values.format as keyof typeof formatters;
if (!(format in formatters)) {
  console.error(`Unknown --format "${values.format}". Use text, json or github.`);
  process.exit(2);
}

let project;
try {
  project = await openProject(values.root!);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const output = formatters[format](project.diagnostics);
if (output) console.log(output);
// MDX runs as code at build time: reviewers should know which documents are MDX.
const mdx = project.documents.filter((d) => d.ext === '.mdx').map((d) => d.file);
if (format === 'text' && mdx.length) console.log(`${mdx.length} MDX document${mdx.length === 1 ? '' : 's'} (run${mdx.length === 1 ? 's' : ''} as code at build time): ${mdx.join(', ')}`);
process.exit(hasErrors(project) ? 1 : 0);
