/**
 * `npm run audit`: Definition-of-Done gaps, stale reviews and coverage gaps.
 * Exit 0 when nothing reaches --fail-on, 1 when something does, 2 on a usage
 * error or when the content cannot be read.
 */
import { parseOptions, requireContentFolder } from './args.ts';
import { auditGithub, auditJson, auditMarkdown, auditText } from '../src/core/audit/audit-format.ts';
import { auditRules, runAudit } from '../src/core/audit/audit.ts';
import { today } from '../src/core/clock.ts';
import { openCachedProject } from '../src/lib/parse-cache.ts';
import { applyBaseline, BASELINE_FILE, baselineSummary, readBaseline, writeBaseline } from '../src/core/diagnostics/baseline.ts';

const USAGE = `Usage: npm run audit -- [--now YYYY-MM-DD] [--format text|json|github|markdown] [--fail-on error|warning|never] [--owner <team>] [--rule <id>] [--root <dir>] [--write-baseline]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseOptions(
    {
      now: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'error' },
      owner: { type: 'string' },
      rule: { type: 'string' },
      root: { type: 'string', default: process.cwd() },
      'write-baseline': { type: 'boolean', default: false },
    },
  USAGE,
);

let now: string;
try {
  now = values.now ?? today();
} catch (error) {
  fail((error as Error).message);
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(now) || Number.isNaN(Date.parse(`${now}T00:00:00Z`)) || new Date(`${now}T00:00:00Z`).toISOString().slice(0, 10) !== now) {
  fail(`--now must be a real date written YYYY-MM-DD, not "${now}".`);
}
const formats = { text: () => auditText(findings, now), json: () => auditJson(findings, now), github: () => auditGithub(findings), markdown: () => auditMarkdown(findings, now) };
if (!(values.format! in formats)) fail(`Unknown --format "${values.format}".`);
if (!['error', 'warning', 'never'].includes(values['fail-on']!)) fail(`Unknown --fail-on "${values['fail-on']}".`);
requireContentFolder(values.root!, USAGE, `No content/ folder in ${values.root}.`);

let project;
try {
  project = await openCachedProject(values.root!);
} catch (error) {
  console.error(`The content could not be read: ${(error as Error).message}`);
  process.exit(2);
}
const ruleIds = auditRules(project).map((r) => r.id);
if (values.rule && !ruleIds.includes(values.rule)) fail(`Unknown --rule "${values.rule}". Rules: ${ruleIds.join(', ')}.`);
if (values.owner && !project.byId.teams.has(values.owner) && values.owner !== 'unowned') {
  fail(`Unknown --owner "${values.owner}". Teams: ${[...project.byId.teams.keys()].join(', ')}.`);
}

const all = runAudit(project, { today: now, owner: values.owner, rule: values.rule });
if (values['write-baseline']) {
  writeBaseline(values.root!, 'audit', all);
  console.log(`Wrote the audit part of ${BASELINE_FILE}: ${all.length} finding${all.length === 1 ? '' : 's'} recorded as known. Commit the file.`);
  process.exit(0);
}
// Findings the baseline records are known debt: listed in the summary, never failing.
const baseline = applyBaseline(all, readBaseline(values.root!)?.audit);
const findings = baseline.fresh;
const output = formats[values.format as keyof typeof formats]();
if (output) console.log(output);
if (values.format === 'text' || values.format === 'markdown') for (const line of baselineSummary(baseline, 'npm run audit')) console.log(line);
const failOn = values['fail-on'];
const failing = failOn === 'never' ? [] : findings.filter((f) => failOn === 'warning' || f.severity === 'error');
process.exit(failing.length ? 1 : 0);
