/**
 * `npm run impact -- --base <ref>`: what a change touches — services and
 * their blast radius, runbooks to check, teams to tell, stale documents.
 * Exit 0 whatever it finds; 2 on a usage error, a base that names no commit,
 * or a folder outside git.
 */
import { parseOptions, requireContentFolder, usageError } from './args.ts';
import { loadConfig } from '../src/core/config.ts';
import { buildProject } from '../src/core/project.ts';
import { projectBefore } from '../src/core/impact/before.ts';
import { impactJson, impactMarkdown, impactText } from '../src/core/impact/format.ts';
import { changedFiles, GitProblem, type ChangeSet } from '../src/core/impact/git.ts';
import { analyseImpact } from '../src/core/impact/impact.ts';

const USAGE = `Usage: npm run impact -- --base <git ref> [--format text|markdown|json] [--root <dir>]
Compares the working tree (commits, staged, unstaged and untracked files) with the merge base of <git ref> and HEAD.`;

const { values } = parseOptions(
  {
    base: { type: 'string' },
    format: { type: 'string', default: 'text' },
    root: { type: 'string', default: process.cwd() },
  },
  USAGE,
);

const formats = { text: impactText, markdown: impactMarkdown, json: impactJson };
if (!values.base) usageError('--base is required: the branch the change goes into, e.g. --base origin/main.', USAGE);
if (!(values.format! in formats)) usageError(`Unknown --format "${values.format}".`, USAGE);
const root = values.root!;
requireContentFolder(root, USAGE, `No content/ folder in ${root}.`);

let change: ChangeSet;
try {
  change = changedFiles(root, values.base);
} catch (error) {
  if (!(error instanceof GitProblem)) throw error;
  usageError(`${error.message}\nHint: ${error.hint}`, USAGE);
}

const { config } = await loadConfig(root);
const after = buildProject(root, config);
const before = projectBefore(root, config, change.mergeBase, change.files, after);
console.log(formats[values.format as keyof typeof formats](analyseImpact(before, after, change)));
