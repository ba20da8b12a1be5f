/**
 * `npm run check`: validates the content tree and prints every problem.
 * Exit 0 when there are no errors, 1 when there are, 2 on a usage error.
 */
import { formatGithub, formatJson, formatText } from '../src/core/diagnostics/diagnostics.ts';
import { BASELINE_FILE, baselineSummary, writeBaseline } from '../src/core/diagnostics/baseline.ts';
import { hasErrors } from '../src/core/project.ts';
import { openCachedProject } from '../src/lib/parse-cache.ts';
import { parseOptions, requireContentFolder, usageError } from './args.ts';

const USAGE = 'Usage: npm run check -- [--format text|json|github] [--root <dir>] [--write-baseline]';
const { values } = parseOptions(
  {
    root: { type: 'string', default: process.cwd() },
    format: { type: 'string', default: process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'text' },
    'write-baseline': { type: 'boolean', default: false },
  },
  USAGE,
);

const formatters = { text: formatText, json: formatJson, github: formatGithub } as const;
const format = values.format as keyof typeof formatters;
if (!(format in formatters)) usageError(`Unknown --format "${values.format}". Use text, json or github.`, USAGE);
requireContentFolder(values.root!, USAGE);

let project;
try {
  project = await openCachedProject(values.root!);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (values['write-baseline']) {
  const all = [...project.diagnostics, ...project.baseline.known];
  writeBaseline(values.root!, 'validation', all);
  console.log(`Wrote ${BASELINE_FILE}: ${all.length} finding${all.length === 1 ? '' : 's'} recorded as known. From now on only new ones fail; commit the file.`);
  process.exit(0);
}
const output =
  format === 'json'
    ? JSON.stringify({ ...JSON.parse(formatJson(project.diagnostics)), known: project.baseline.known, removable: project.baseline.removable }, null, 2)
    : formatters[format](project.diagnostics);
if (output) console.log(output);
if (format === 'text') for (const line of baselineSummary(project.baseline, 'npm run check')) console.log(line);
// MDX runs as code at build time: reviewers should know which documents are MDX.
const mdx = project.documents.filter((d) => d.ext === '.mdx').map((d) => d.file);
if (format === 'text' && mdx.length) console.log(`${mdx.length} MDX document${mdx.length === 1 ? '' : 's'} (run${mdx.length === 1 ? 's' : ''} as code at build time): ${mdx.join(', ')}`);
process.exit(hasErrors(project) ? 1 : 0);
