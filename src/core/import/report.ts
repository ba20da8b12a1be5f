/**
 * The import report, as JSON (stable, `version: 1`) and as Markdown for the
 * pull request that brings the imported tree in: every file and what became
 * of it, every guessed value with its reason, the catalogue stubs, proposed
 * section aliases, rule-file annotations and what `check` says of the result.
 */
import type { FileEntry, Guess, ImportReport } from './types.ts';

export const REPORT_JSON = 'import-report.json';
export const REPORT_MARKDOWN = 'import-report.md';

const cell = (value: unknown) =>
  (Array.isArray(value) ? value.join(', ') : String(value))
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function guessRows(guesses: readonly Guess[]): string[] {
  return guesses.map((g) => `| ${g.field} | ${cell(g.value)} | ${cell(g.why)} |`);
}

function fileLine(entry: FileEntry): string {
  const where = entry.target ? ` → ${code(entry.target)}` : '';
  return `- ${code(entry.source)}${where}: ${entry.reason}`;
}

export function renderMarkdownReport(report: ImportReport): string {
  const out: string[] = [];
  const { counts } = report;
  const converted = Object.entries(counts.converted)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  out.push(`# Import report`, '');
  out.push(`Imported ${code(report.input)} into ${code(report.out)}${report.dryRun ? ' (dry run: nothing was written)' : ''} on ${report.today}.`, '');
  out.push(`Layout: **${report.layout.name}** (${report.layout.detected ? 'detected' : 'named'}: ${report.layout.reasons.join('; ')}).`, '');
  out.push(`| files | converted | assets | skipped | guessed values |`, `| ---: | --- | ---: | ---: | ---: |`, `| ${counts.files} | ${converted || 'none'} | ${counts.assets} | ${counts.skipped} | ${counts.guesses} |`, '');
  if (report.check) {
    const rules = Object.entries(report.check.byRule)
      .map(([rule, n]) => `${rule} ${n}`)
      .join(', ');
    out.push(`## What check says`, '');
    out.push(`\`npm run check\` on the imported files: ${report.check.errors} error${report.check.errors === 1 ? '' : 's'}, ${report.check.warnings} warning${report.check.warnings === 1 ? '' : 's'}${rules ? ` (${rules})` : ''}.`, '');
    const errors = report.check.findings.filter((f) => / error /.test(f));
    if (errors.length) out.push('Errors to fix before this can be merged:', '', '```', ...errors, '```', '');
  }
  if (report.sectionAliases.proposals.length) {
    out.push(`## Proposed section aliases`, '');
    out.push('Many documents use these headings in place of a required section. Add them to `opsbook.config.ts` (import does not edit it); until then those documents miss the section:', '');
    out.push('| collection | section | heading used | documents | basis |', '| --- | --- | --- | ---: | --- |');
    for (const p of report.sectionAliases.proposals) out.push(`| ${p.collection} | ${p.section} | ${cell(p.alias)} | ${p.documents} | ${p.basis === 'dictionary' ? 'a translation of the name' : 'same place in each document: confirm it'} |`);
    out.push('', '```ts', report.sectionAliases.config ?? '', '```', '');
  }
  const groups: [string, FileEntry[]][] = [
    ['Converted', report.files.filter((f) => f.action === 'converted')],
    ['Copied as assets', report.files.filter((f) => f.action === 'asset')],
    ['Skipped', report.files.filter((f) => f.action === 'skipped')],
  ];
  for (const [title, entries] of groups) {
    if (!entries.length) continue;
    out.push(`## ${title} (${entries.length})`, '');
    out.push(...entries.map(fileLine), '');
  }
  const guessed = report.files.filter((f) => f.guesses.length || f.changes.length);
  if (guessed.length) {
    out.push(`## Values and changes to review`, '');
    for (const entry of guessed) {
      out.push(`### ${entry.target ?? entry.source}`, '');
      if (entry.target) out.push(`From ${code(entry.source)}.`, '');
      if (entry.guesses.length) out.push('| field | value | why |', '| --- | --- | --- |', ...guessRows(entry.guesses), '');
      if (entry.changes.length) out.push(...entry.changes.map((c) => `- ${c.line ? `line ${c.line}: ` : ''}${c.detail}`), '');
    }
  }
  if (report.catalogue.length) {
    out.push(`## Catalogue`, '');
    for (const entry of report.catalogue) {
      out.push(`- ${code(entry.target)}: ${entry.action === 'created' ? 'a new stub' : 'exists, kept as it is'}`);
      if (entry.guesses.length) out.push(...entry.guesses.map((g) => `  - ${g.field}: ${cell(g.value)} (${g.why})`));
    }
    out.push('');
  }
  if (report.rules) {
    out.push(`## Alert rule files`, '');
    for (const file of report.rules.files) {
      out.push(`- ${code(file.file)}: ${file.action}${file.reason ? ` (${file.reason})` : ''}`);
      for (const a of file.annotations) out.push(`  - ${a.alert}: runbook_url ${a.url}${a.previous ? ` (was ${a.previous})` : ''}`);
      if (file.withoutRunbook.length) out.push(`  - no imported runbook for ${file.withoutRunbook.join(', ')}`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
