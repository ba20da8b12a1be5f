/**
 * `npm run import`: fixture trees in the shapes runbook repositories come in
 * (one file per alert on Hugo; a mixed folder of runbooks, how-tos, READMEs,
 * an image, a Hugo section page and a bold-field change record; German
 * headings) imported with the real CLI into temporary projects. The report
 * is pinned (test/fixtures/import-expected/), every input file is accounted
 * for, `check` passes, and the prometheus-style tree builds with a page per
 * alert.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { alertSlug } from '../../src/core/links/urls.ts';
import type { ImportReport } from '../../src/core/import/types.ts';
import { fixturePath } from '../helpers/content.ts';
import { runScript } from '../helpers/cli.ts';
import { buildSite, prepareSite, type SiteBuild } from '../helpers/site.ts';

const NOW = '2026-11-23';
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A scratch folder holding a copy of a fixture at `<tmp>/<name>` (the folder name is the fallback service). */
function scratch(fixture: string, name: string): { tmp: string; input: string; out: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'opsbook-import-'));
  temps.push(tmp);
  cpSync(fixturePath(fixture), join(tmp, name), { recursive: true });
  return { tmp, input: join(tmp, name), out: join(tmp, 'site') };
}

const importCli = (args: string[], cwd: string) => runScript('import.ts', args, { OPSBOOK_NOW: NOW, INIT_CWD: cwd });
const check = (root: string) => runScript('check.ts', ['--root', root]);
const readReport = (out: string) => JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8')) as ImportReport;
/** The report with the scratch folder's path replaced, for pinning. */
const pinned = (report: ImportReport, tmp: string) => `${JSON.stringify(report, null, 2).replaceAll(tmp, '<tmp>')}\n`;

function allFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

/** Every input file is in the report exactly once (files inside a listed folder count as that folder). */
function expectAccountedFor(report: ImportReport, input: string) {
  const folders = report.files.filter((f) => f.source.endsWith('/')).map((f) => f.source);
  const listed = report.files.filter((f) => !f.source.endsWith('/')).map((f) => f.source);
  expect(new Set(listed).size).toBe(listed.length);
  expect(allFiles(input).filter((f) => !folders.some((d) => f.startsWith(d))).sort()).toEqual([...listed].sort());
  for (const entry of report.files) expect(entry.reason).not.toBe('');
}

describe('one file per alert on Hugo (the prometheus-operator layout)', () => {
  let dirs: ReturnType<typeof scratch>;
  let result: ReturnType<typeof runScript>;
  let report: ImportReport;
  let site: SiteBuild;
  const rulesBefore: Record<string, string> = {};

  beforeAll(() => {
    dirs = scratch('import-prometheus', 'example-runbooks');
    cpSync(fixturePath('import-rules'), join(dirs.tmp, 'rules'), { recursive: true });
    for (const name of readdirSync(join(dirs.tmp, 'rules'))) rulesBefore[name] = readFileSync(join(dirs.tmp, 'rules', name), 'utf8');
    result = importCli([dirs.input, '--out', dirs.out, '--rules', 'rules/*.yaml', '--site-url', 'https://ops.example.com'], dirs.tmp);
    report = readReport(dirs.out);
    site = buildSite(prepareSite('import-prometheus', dirs.out), { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_NOW: NOW });
  });

  test('the command says what it did and exits 0: the imported tree has no errors', () => {
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        `Imported ${dirs.input} (prometheus layout): 3 guides, 5 runbooks; 0 assets; 7 files skipped.`,
        `53 guessed values to review: import-report.md (and import-report.json) in ${dirs.out}.`,
        'check on the imported files: 0 errors, 10 warnings.',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
  });

  test('the report is pinned', async () => {
    await expect(pinned(report, dirs.tmp)).toMatchFileSnapshot('../fixtures/import-expected/prometheus.report.json');
    await expect(readFileSync(join(dirs.out, 'import-report.md'), 'utf8').replaceAll(dirs.tmp, '<tmp>')).toMatchFileSnapshot('../fixtures/import-expected/prometheus.report.md');
  });

  test('every input file is accounted for: converted, copied or skipped with a reason', () => {
    expectAccountedFor(report, dirs.input);
    expect(report.files.filter((f) => f.action === 'skipped').map((f) => [f.source, f.reason.split(':')[0]])).toEqual([
      ['LICENSE', 'repository housekeeping (licence, changelog, contribution rules), not operational knowledge'],
      ['archetypes/default.md', 'a Hugo archetype (the template for new pages), not a document'],
      ['config.yaml', 'the Hugo site configuration'],
      ['content/runbooks/_index.md', 'a _index.md section page with no text (only bookHidden)'],
      ['content/runbooks/database/_index.md', 'a _index.md section page with no text (only title, bookCollapseSection, weight)'],
      ['content/runbooks/queue/_index.md', 'a _index.md section page with no text (only title, weight)'],
      ['layouts/404.html', "part of the Hugo site's layouts/"],
    ]);
  });

  test('a runbook missing sections gets stubs saying so; one with none gets all four', () => {
    const lag = readFileSync(join(dirs.out, 'content/runbooks/database/DatabaseReplicationLag.md'), 'utf8');
    expect(lag).toBe(
      [
        '---',
        'title: DatabaseReplicationLag',
        'summary: A replica is more than 30 seconds behind its primary.',
        'owner: imported',
        'services: [database]',
        'alerts: [DatabaseReplicationLag]',
        'severity: warning',
        `lastReviewed: ${NOW}`,
        '---',
        '',
        '## Meaning',
        '',
        'A replica is more than 30 seconds behind its primary.',
        '',
        '## Impact',
        '',
        'Not written yet: the imported document had no Impact section.',
        '',
        '## Diagnosis',
        '',
        "Compare the replay position of each replica with the primary's.",
        '',
        '## Mitigation',
        '',
        'Stop the heaviest batch job, then wait for the replica to catch up.',
        '',
      ].join('\n'),
    );
    const disk = readFileSync(join(dirs.out, 'content/runbooks/database/DatabaseDiskFull.md'), 'utf8');
    expect(disk.split('\n---\n')[1]).toBe(
      [
        '',
        'See [Database Down](./DatabaseDown.md) for what happens when the disk is full.',
        '',
        '## Meaning',
        '',
        'Not written yet: the imported document had no Meaning section.',
        '',
        '## Impact',
        '',
        'Not written yet: the imported document had no Impact section.',
        '',
        '## Diagnosis',
        '',
        'Not written yet: the imported document had no Diagnosis section.',
        '',
        '## Mitigation',
        '',
        'Not written yet: the imported document had no Mitigation section.',
        '',
      ].join('\n'),
    );
  });

  test('check passes with no errors; only the recommended sections are warnings', () => {
    const result = check(dirs.out);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^By rule: body\/missing-section 10\.$/m);
    expect(result.stdout).toMatch(/^0 errors and 10 warnings in 5 files\.$/m);
    expect(report.check).toMatchObject({ errors: 0, warnings: 10, byRule: { 'body/missing-section': 10 } });
  });

  test('the tree builds, and every alert is reachable at /alerts/<name>/', () => {
    expect(site.status, site.output).toBe(0);
    const alerts = report.files.flatMap((f) => (f.guesses.find((g) => g.field === 'alerts')?.value as string[] | undefined) ?? []);
    expect(alerts.sort()).toEqual(['DatabaseDiskFull', 'DatabaseDown', 'DatabaseReplicationLag', 'QueueBacklogGrowing', 'QueueConsumerDown']);
    for (const alert of alerts) {
      const entry = report.files.find((f) => (f.guesses.find((g) => g.field === 'alerts')?.value as string[] | undefined)?.includes(alert))!;
      const page = site.page(`/alerts/${alertSlug(alert)}/`);
      const runbook = `/runbooks/${entry.target!.replace(/^content\/runbooks\//, '').replace(/\.md$/, '').toLowerCase()}/`;
      expect(page).toContain(`href="${runbook}"`);
      expect(site.exists(runbook)).toBe(true);
    }
    // Links rewritten from Hugo shortcodes and site paths lead to the pages.
    expect(site.page('/runbooks/database/databasedown/')).toContain('href="/runbooks/database/databasereplicationlag/#mitigation"');
    expect(site.page('/guides/index/')).toContain('href="/guides/how-to-add/"');
    expect(site.page('/guides/how-to-add/')).toContain('href="https://github.com/example/runbooks/new/main/content/runbooks/database"');
  });

  test('rule files get runbook_url annotations for the alerts found, and nothing else changes', () => {
    const platform = readFileSync(join(dirs.tmp, 'rules/platform.rules.yaml'), 'utf8');
    expect(platform).toBe(
      rulesBefore['platform.rules.yaml']!
        .replace('https://runbooks.example.org/runbooks/database/databasedown/', 'https://ops.example.com/alerts/databasedown/')
        .replace('          summary: A replica is behind\n', '          summary: A replica is behind\n          runbook_url: https://ops.example.com/alerts/databasereplicationlag/\n')
        .replace('          severity: critical\n  - name: queue', '          severity: critical\n        annotations:\n          runbook_url: https://ops.example.com/alerts/databasediskfull/\n  - name: queue')
        .replace('{ summary: "The backlog grows" }', '{ summary: "The backlog grows", runbook_url: https://ops.example.com/alerts/queuebackloggrowing/ }'),
    );
    const resource = readFileSync(join(dirs.tmp, 'rules/queue.prometheusrule.yaml'), 'utf8');
    expect(resource).toBe(rulesBefore['queue.prometheusrule.yaml']!.replace('        severity: critical\n', '        severity: critical\n      annotations:\n        runbook_url: https://ops.example.com/alerts/queueconsumerdown/\n'));
    expect(report.rules!.files.map((f) => [f.file, f.action, f.annotations.map((a) => a.alert), f.withoutRunbook])).toEqual([
      ['rules/platform.rules.yaml', 'updated', ['DatabaseDown', 'DatabaseReplicationLag', 'DatabaseDiskFull', 'QueueBacklogGrowing'], ['QueueDiskAlmostFull']],
      ['rules/queue.prometheusrule.yaml', 'updated', ['QueueConsumerDown'], []],
    ]);
  });

  test('with the rule files configured, check accepts every runbook_url and names the alert without a runbook', () => {
    const root = mkdtempSync(join(tmpdir(), 'opsbook-import-rules-'));
    temps.push(root);
    cpSync(join(dirs.out, 'content'), join(root, 'content'), { recursive: true });
    cpSync(join(dirs.tmp, 'rules'), join(root, 'alert-rules'), { recursive: true });
    // Opsbook reads plain rule files (one YAML document each); the PrometheusRule bundle stays out of alertRules.
    writeFileSync(join(root, 'opsbook.config.ts'), "export default { alertRules: ['alert-rules/platform.rules.yaml'] };\n");
    const findings = check(root).stdout.split('\n').filter((l) => /:\d+:\d+ (error|warning) /.test(l) && !/body\/missing-section$/.test(l));
    // No alerts/runbook-url warning: every annotation leads to its alert's page.
    expect(findings).toEqual([
      'alert-rules/platform.rules.yaml:31:16 error Alert "QueueDiskAlmostFull" has no runbook. Add "QueueDiskAlmostFull" to the alerts of the runbook on-call should follow when it fires. alerts/no-runbook',
      'content/runbooks/queue/QueueConsumerDown.md:6:10 warning No alert rule defines "QueueConsumerDown". Check the spelling against alert-rules/platform.rules.yaml, or remove the alert if it was deleted. alerts/no-rule',
    ]);
  });

  test('a second import into the same project overwrites nothing: every document exists', () => {
    const before = readFileSync(join(dirs.out, 'content/runbooks/queue/QueueConsumerDown.md'), 'utf8');
    writeFileSync(join(dirs.out, 'content/runbooks/queue/QueueConsumerDown.md'), `${before}\nEdited by hand.\n`);
    const again = importCli([dirs.input, '--out', dirs.out], dirs.tmp);
    expect(again.status).toBe(0);
    const second = readReport(dirs.out);
    expect(second.counts.converted).toEqual({});
    expect(second.files.filter((f) => f.reason.startsWith('exists:')).map((f) => f.source)).toHaveLength(8);
    expect(readFileSync(join(dirs.out, 'content/runbooks/queue/QueueConsumerDown.md'), 'utf8')).toBe(`${before}\nEdited by hand.\n`);
    // No document was imported, so no team or service is named.
    expect(second.catalogue).toEqual([]);
  });
});

describe('a mixed folder: runbooks, how-tos, READMEs, an image, a Hugo section page, a change record', () => {
  let dirs: ReturnType<typeof scratch>;
  let result: ReturnType<typeof runScript>;
  let report: ImportReport;

  beforeAll(() => {
    dirs = scratch('import-mixed', 'payments-ops');
    result = importCli([dirs.input, '--out', dirs.out], dirs.tmp);
    report = readReport(dirs.out);
  });

  test('every file is accounted for, and the report is pinned', async () => {
    expect(result.status, result.stdout).toBe(0);
    expectAccountedFor(report, dirs.input);
    expect(report.files.map((f) => `${f.action} ${f.source}${f.target ? ` → ${f.target}` : ''}`)).toEqual([
      'skipped CHANGELOG.md',
      'converted README.md → content/guides/README.md',
      'converted changes/2026-03-10-payments-db-upgrade.md → content/operations/2026/2026-03-10-infrastructure-payments-db-upgrade.md',
      'converted howto/_index.md → content/guides/howto/index.md',
      'converted howto/rotate-certificates.md → content/guides/howto/rotate-certificates.md',
      'skipped notes.txt',
      'converted runbooks/README.md → content/guides/runbooks/README.md',
      'converted runbooks/checkout-latency.md → content/runbooks/checkout-latency.md',
      'asset runbooks/img/dashboard.png → content/runbooks/img/dashboard.png',
      'skipped runbooks/img/old-dashboard.png',
      'converted runbooks/payments-api-errors.md → content/runbooks/payments-api-errors.md',
    ]);
    await expect(pinned(report, dirs.tmp)).toMatchFileSnapshot('../fixtures/import-expected/mixed.report.json');
  });

  test('check passes with no errors', () => {
    const result = check(dirs.out);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^0 errors and 2 warnings in 1 file\.$/m);
  });

  test('the change record becomes an operation with typed front matter, its body kept', () => {
    const text = readFileSync(join(dirs.out, 'content/operations/2026/2026-03-10-infrastructure-payments-db-upgrade.md'), 'utf8');
    const end = text.indexOf('\n---\n', 4);
    const frontmatter = text.slice(4, end + 1);
    const body = text.slice(end + 5);
    expect(frontmatter).toBe(
      [
        'operationId: 2026-03-10-infrastructure-payments-db-upgrade',
        'title: "Infrastructure Operation: Payments database upgrade to PostgreSQL 16"',
        'date: 2026-03-10',
        'startedAt: "2026-03-10T21:00:00Z"',
        'operator: a.brennan',
        'supervisor: k.haddad',
        'category: infrastructure-change',
        'riskLevel: high',
        'serviceImpact: minimal',
        'status: completed',
        'completedAt: "2026-03-10T22:15:00Z"',
        'services: [payments-db, payments-api]',
        'nextReview: 2026-09-10',
        '',
      ].join('\n'),
    );
    const source = readFileSync(join(dirs.input, 'changes/2026-03-10-payments-db-upgrade.md'), 'utf8');
    // The body as written, but for the title heading, the two section names operations read, and a Rollback pointer.
    expect(body).toBe(
      `\n${source
        .replace(/^# .*\n\n/, '')
        .replace('## Operation Summary', '## Summary')
        .replace('## Post-Operation Infrastructure Verification', '## Verification')
        .replace('## Disaster Recovery Plan', '## Rollback\n\nSee [Rollback Procedures](#rollback-procedures).\n\n## Disaster Recovery Plan')}`,
    );
    expect(body).toContain('**Risk Level**: High');
  });

  test('images are copied beside their document and links lead to the new places', () => {
    expect(readFileSync(join(dirs.out, 'content/runbooks/img/dashboard.png'))).toEqual(readFileSync(join(dirs.input, 'runbooks/img/dashboard.png')));
    expect(existsSync(join(dirs.out, 'content/runbooks/img/old-dashboard.png'))).toBe(false);
    const runbook = readFileSync(join(dirs.out, 'content/runbooks/payments-api-errors.md'), 'utf8');
    expect(runbook).toContain('![Error rate dashboard](./img/dashboard.png)');
    expect(runbook).toContain('[rotating them](../guides/howto/rotate-certificates.md#before-you-start)');
    expect(runbook).toContain('`payctl provider switch <provider-name>`');
    const readme = readFileSync(join(dirs.out, 'content/guides/README.md'), 'utf8');
    expect(readme).toContain('- [Runbooks](./runbooks/README.md) for alerts, starting with [payment errors](../runbooks/payments-api-errors.md).');
    // The changelog was not imported: the link keeps its text.
    expect(readme).toContain('- The changelog says what changed in this repository.');
  });

  test('--dry-run writes nothing and prints the report it would write', () => {
    const fresh = join(dirs.tmp, 'dry');
    const dry = importCli([dirs.input, '--out', fresh, '--dry-run'], dirs.tmp);
    expect(dry.status).toBe(0);
    expect(existsSync(fresh)).toBe(false);
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    expect(dry.stdout).toContain('`npm run check` on the imported files: 0 errors, 2 warnings (body/missing-section 2).');
    expect(dry.stdout).toContain('- `runbooks/img/dashboard.png` → `content/runbooks/img/dashboard.png`: linked from runbooks/payments-api-errors.md: copied beside it');
  });

  test('in a git checkout, lastReviewed is the last commit of each file', () => {
    const repo = scratch('import-mixed', 'payments-git');
    const git = (...args: string[]) =>
      spawnSync('git', ['-C', repo.input, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_COMMITTER_DATE: '2025-05-06T10:00:00Z', GIT_AUTHOR_DATE: '2025-05-06T10:00:00Z' } });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'runbooks');
    writeFileSync(join(repo.input, 'howto/rotate-certificates.md'), `${readFileSync(join(repo.input, 'howto/rotate-certificates.md'), 'utf8')}\nNew line.\n`);
    const imported = importCli([repo.input, '--out', repo.out], repo.tmp);
    expect(imported.status).toBe(0);
    const dates = Object.fromEntries(readReport(repo.out).files.flatMap((f) => f.guesses.filter((g) => g.field === 'lastReviewed').map((g) => [f.source, `${g.value} (${g.why})`])));
    expect(dates['runbooks/payments-api-errors.md']).toBe('2025-05-06 (the last commit of the file (git log -1 --format=%cs))');
    expect(dates['howto/rotate-certificates.md']).toBe('2025-05-06 (the last commit of the file (git log -1 --format=%cs))');
  });
});

describe('MkDocs', () => {
  test('docs_dir and nav titles are read, admonitions become quotes, links and images follow the documents', () => {
    const dirs = scratch('import-mkdocs', 'search-docs');
    const result = importCli([dirs.input, '--out', dirs.out], dirs.tmp);
    expect(result.status, result.stdout).toBe(0);
    const report = readReport(dirs.out);
    expectAccountedFor(report, dirs.input);
    expect(report.layout).toEqual({ name: 'mkdocs', detected: true, reasons: ['an MkDocs configuration (mkdocs.yml)', 'titles for 3 pages from its nav'] });
    expect(report.files.map((f) => [f.source, f.action, f.target, f.guesses.find((g) => g.field === 'title')?.value])).toEqual([
      ['docs/img/lag.png', 'asset', 'content/runbooks/img/lag.png', undefined],
      ['docs/index.md', 'converted', 'content/guides/index.md', 'Home'],
      ['docs/services/search/index-lag.md', 'converted', 'content/runbooks/services/search/index-lag.md', 'Index lag'],
      ['docs/services/search/reindex.md', 'converted', 'content/guides/services/search/reindex.md', 'Reindexing'],
      ['mkdocs.yml', 'skipped', undefined, undefined],
    ]);
    const runbook = readFileSync(join(dirs.out, 'content/runbooks/services/search/index-lag.md'), 'utf8');
    expect(runbook).toContain('> **Do not restart the cluster**\n>\n> A restart drops the queue and makes the lag worse.\n>\n> Scale the indexers instead.\n');
    expect(runbook).toContain('[reindexing](../../../guides/services/search/reindex.md#steps)');
    expect(runbook).toContain('![Lag dashboard](../../img/lag.png)');
    expect(check(dirs.out).status).toBe(0);
  });
});

describe('consistent non-English headings', () => {
  const proposals = [
    { collection: 'runbooks', section: 'Symptoms', alias: 'Symptome', documents: 2, basis: 'dictionary' },
    { collection: 'runbooks', section: 'Impact', alias: 'Auswirkungen', documents: 2, basis: 'dictionary' },
    { collection: 'runbooks', section: 'Diagnosis', alias: 'Diagnose', documents: 2, basis: 'dictionary' },
    { collection: 'runbooks', section: 'Mitigation', alias: 'Behebung', documents: 2, basis: 'dictionary' },
  ];
  const config = 'sections: {\n  runbooks: { Symptoms: { aliases: ["Symptome"] }, Impact: { aliases: ["Auswirkungen"] }, Diagnosis: { aliases: ["Diagnose"] }, Mitigation: { aliases: ["Behebung"] } },\n},';

  test('import proposes section aliases, and points to each such heading until they are configured: check passes', () => {
    const dirs = scratch('import-aliases', 'zahlungen');
    const result = importCli([dirs.input, '--out', dirs.out], dirs.tmp);
    const report = readReport(dirs.out);
    expect(report.sectionAliases).toEqual({ proposals, config });
    expect(report.files.map((f) => `${f.source} ${f.kind}`)).toEqual(['runbooks/zahlungen/anleitung.md guides', 'runbooks/zahlungen/webhook-rueckstau.md runbooks', 'runbooks/zahlungen/zahlungsfehler.md runbooks']);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain(`Proposed section aliases for opsbook.config.ts:\n${config}\nUntil they are there, each such heading has a section pointing to it`);
    const text = readFileSync(join(dirs.out, 'content/runbooks/zahlungen/zahlungsfehler.md'), 'utf8');
    expect(text).toContain('## Impact\n\nSee [Auswirkungen](#auswirkungen).\n\n## Auswirkungen\n\nKunden können nicht bezahlen.');
    expect(report.files.find((f) => f.source === 'runbooks/zahlungen/zahlungsfehler.md')!.changes.filter((c) => c.what === 'section-added').map((c) => c.detail)).toEqual([
      'added the section "Symptoms", pointing to "Symptome": remove it once "Symptome" is an alias of Symptoms in opsbook.config.ts',
      'added the section "Impact", pointing to "Auswirkungen": remove it once "Auswirkungen" is an alias of Impact in opsbook.config.ts',
      'added the section "Diagnosis", pointing to "Diagnose": remove it once "Diagnose" is an alias of Diagnosis in opsbook.config.ts',
      'added the section "Mitigation", pointing to "Behebung": remove it once "Behebung" is an alias of Mitigation in opsbook.config.ts',
    ]);
    expect(check(dirs.out).status).toBe(0);
  });

  test('--trust-aliases keeps the headings alone: check fails until the aliases are in opsbook.config.ts, then passes', () => {
    const dirs = scratch('import-aliases', 'zahlungen');
    const result = importCli([dirs.input, '--out', dirs.out, '--trust-aliases'], dirs.tmp);
    expect(result.status).toBe(1);
    const text = readFileSync(join(dirs.out, 'content/runbooks/zahlungen/zahlungsfehler.md'), 'utf8');
    expect(text.split('\n---\n')[1]).toBe('\n## Symptome\n\nMehr als 2 % der Zahlungen schlagen fehl.\n\n## Auswirkungen\n\nKunden können nicht bezahlen.\n\n## Diagnose\n\nStatusseite des Anbieters prüfen.\n\n## Behebung\n\nAuf den zweiten Anbieter umschalten.\n');
    expect(check(dirs.out).stdout).toMatch(/^By rule: body\/missing-section 12\.$/m);
    writeFileSync(join(dirs.out, 'opsbook.config.ts'), `export default {\n${readReport(dirs.out).sectionAliases.config}\n};\n`);
    const checked = check(dirs.out);
    expect(checked.status, checked.stdout).toBe(0);
    expect(checked.stdout).toMatch(/^0 errors and 4 warnings in 2 files\.$/m);
  });
});

describe('usage', () => {
  test.each([
    [['--formt', 'json', 'x'], /^Unknown option '--formt'/],
    [[], /^Give the folder to import\./],
    [['does-not-exist'], /^does-not-exist is not a folder\./],
    [[fixturePath('import-mixed'), '--as', 'sphinx'], /^Unknown layout "sphinx". Use prometheus, hugo, mkdocs, github\./],
    [[fixturePath('import-mixed'), '--owner', 'Payments Team'], /^--owner: "Payments Team" is not a valid team id/],
    [[fixturePath('import-mixed'), '--rules', 'rules/*.yaml'], /^--rules needs --site-url/],
  ])('%j is a usage error: exit 2, nothing written', (args, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'opsbook-import-usage-'));
    temps.push(cwd);
    const result = runScript('import.ts', [...args, '--out', join(cwd, 'site')], { OPSBOOK_NOW: NOW, INIT_CWD: cwd, OPSBOOK_SITE: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run import -- <folder>');
    expect(existsSync(join(cwd, 'site'))).toBe(false);
  });
});
