/**
 * `npm run import -- <folder> [--as <layout>] [--dry-run] [--out <dir>] …`:
 * turns an existing folder of Markdown into Opsbook content under
 * <out>/content/ and writes what it decided to <out>/import-report.json and
 * import-report.md (with --dry-run: prints the report, writes nothing).
 * Exit 0 when the imported files pass check, 1 when check finds errors in
 * them, 2 on a usage error.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { today } from '../src/core/clock.ts';
import { LAYOUTS, REPORT_JSON, REPORT_MARKDOWN, runImport } from '../src/core/import/index.ts';
import type { Layout } from '../src/core/import/types.ts';
import { slugProblem } from '../src/model/template-text.ts';
import { parseOptions, usageError } from './args.ts';

const USAGE = `Usage: npm run import -- <folder> [--as ${LAYOUTS.join('|')}] [--dry-run] [--out <project root>]
       [--owner <team id>] [--service <service id>] [--rules <rule files glob>]… [--site-url <https://…>] [--trust-aliases]`;
const { values, positionals } = parseOptions(
  {
    as: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    out: { type: 'string', default: process.cwd() },
    owner: { type: 'string', default: 'imported' },
    service: { type: 'string' },
    rules: { type: 'string', multiple: true, default: [] },
    'site-url': { type: 'string', default: process.env.OPSBOOK_SITE },
    'trust-aliases': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  USAGE,
  true,
);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1) usageError(positionals.length ? `Give one folder to import, not ${positionals.length}.` : 'Give the folder to import.', USAGE);
const input = positionals[0]!;
const where = process.env.INIT_CWD ?? process.cwd();
if (!existsSync(resolve(where, input)) || !statSync(resolve(where, input)).isDirectory()) usageError(`${input} is not a folder.`, USAGE);
if (values.as !== undefined && !LAYOUTS.includes(values.as as Layout)) usageError(`Unknown layout "${values.as}". Use ${LAYOUTS.join(', ')}.`, USAGE);
for (const [flag, id] of [['--owner', values.owner], ['--service', values.service]] as const) {
  const problem = id === undefined ? undefined : slugProblem(flag === '--owner' ? 'team' : 'service', id);
  if (problem) usageError(`${flag}: ${problem}`, USAGE);
}
const rules = values.rules ?? [];
if (rules.length && !values['site-url']) usageError('--rules needs --site-url (or OPSBOOK_SITE): runbook_url annotations are full URLs, e.g. https://ops.example.com', USAGE);
if (values['site-url'] && !/^https?:\/\/[^\s/]+/.test(values['site-url'])) usageError(`--site-url must be an http(s) URL, not "${values['site-url']}".`, USAGE);

let now: string;
try {
  now = today();
} catch (error) {
  usageError((error as Error).message, USAGE);
}

const { report, markdown } = await runImport({
  input,
  out: values.out!,
  layout: values.as as Layout | undefined,
  dryRun: values['dry-run']!,
  owner: values.owner!,
  fallbackService: values.service,
  rules,
  siteUrl: values['site-url'],
  trustAliases: values['trust-aliases'],
  today: now,
  // npm runs scripts in the project root; paths the user typed are read from where they typed them.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

if (report.dryRun) {
  console.log(markdown.trimEnd());
} else {
  const converted = Object.entries(report.counts.converted).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing';
  console.log(`Imported ${input} (${report.layout.name} layout): ${converted}; ${report.counts.assets} asset${report.counts.assets === 1 ? '' : 's'}; ${report.counts.skipped} file${report.counts.skipped === 1 ? '' : 's'} skipped.`);
  console.log(`${report.counts.guesses} guessed values to review: ${REPORT_MARKDOWN} (and ${REPORT_JSON}) in ${values.out}.`);
  if (report.sectionAliases.config) {
    console.log(`Proposed section aliases for opsbook.config.ts:\n${report.sectionAliases.config}`);
    if (!values['trust-aliases']) console.log('Until they are there, each such heading has a section pointing to it (listed in the report); --trust-aliases leaves those out.');
  }
}
if (report.check) {
  const c = report.check;
  console.log(`check on the imported files: ${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}.`);
  for (const line of c.findings.filter((f) => / error /.test(f))) console.log(line);
}
process.exit(report.check && report.check.errors > 0 ? 1 : 0);
