/** Gradual adoption: a baseline of today's findings; new ones fail, known ones do not, fixed ones are reported as removable. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { fixturePath } from '../helpers/content.ts';
import { buildSite, prepareSite } from '../helpers/site.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsbook-baseline-'));
  cpSync(fixturePath('references'), root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = (...args: string[]) => runScript('check.ts', ['--root', root, ...args]);

test('write, add a new defect (fails), fix a known one (reported as removable), and the build honours it', () => {
  expect(check().status).toBe(1);
  const written = check('--write-baseline');
  expect(written.status).toBe(0);
  expect(written.stdout).toBe('Wrote opsbook-baseline.json: 5 findings recorded as known. From now on only new ones fail; commit the file.\n');
  const baseline = JSON.parse(readFileSync(join(root, 'opsbook-baseline.json'), 'utf8'));
  expect(baseline.validation).toHaveLength(5);
  expect(baseline.validation[0]).toEqual({ file: 'content/procedures/release-process.md', rule: 'refs/missing', message: '"triggers[0]" names no procedure "nope"', count: 1 });

  const clean = check();
  expect(clean.status).toBe(0);
  expect(clean.stdout).toContain('No problems found.\nKnown: 5 findings recorded in opsbook-baseline.json, not failing (refs/missing 5).');

  // A new defect fails, and only it is listed as a problem.
  const runbook = join(root, 'content/runbooks/a.md');
  const text = readFileSync(runbook, 'utf8');
  writeFileSync(runbook, text.replace('lastReviewed: ', 'lastReveiwed: '));
  const fresh = check();
  expect(fresh.status).toBe(1);
  expect(fresh.stdout.split('\n').filter((l) => / error /.test(l))).toEqual([
    'content/runbooks/a.md:2:1 error "lastReviewed" is required for runbooks. Add "lastReviewed: …". schema/required',
    'content/runbooks/a.md:6:1 error Unknown field "lastReveiwed" in this runbook. Did you mean "lastReviewed"? schema/unknown-key',
  ]);
  writeFileSync(runbook, text);

  // Fixing a known one is reported: its entry can go.
  writeFileSync(runbook, text.replace('owner: shpo', 'owner: shop'));
  const fixed = check();
  expect(fixed.status).toBe(0);
  expect(fixed.stdout).toContain('Fixed: 1 entry of opsbook-baseline.json no longer occur; remove them with `npm run check -- --write-baseline`:\n  content/runbooks/a.md refs/missing "owner" names no team "shpo"');

  // The build fails only on new errors too.
  const site = buildSite(prepareSite('baseline', root), { OPSBOOK_DIAGRAMS: 'client', OPSBOOK_NOW: '2026-11-23' });
  expect(site.status, site.output).toBe(0);
  expect(site.output).toContain('Known: 4 findings recorded in opsbook-baseline.json, not failing (refs/missing 4).');
  expect(existsSync(join(site.dist, 'index.html'))).toBe(true);
});

test('the audit honours its own part of the baseline', () => {
  const audit = (...args: string[]) => runScript('audit.ts', ['--root', root, '--now', '2026-11-23', ...args]);
  const before = audit('--fail-on', 'warning');
  expect(before.status).toBe(1);
  expect(audit('--write-baseline').status).toBe(0);
  const after = audit('--fail-on', 'warning');
  expect(after.status).toBe(0);
  expect(after.stdout).toMatch(/Known: \d+ findings? recorded in opsbook-baseline\.json, not failing/);
  // check keeps its own part.
  expect(JSON.parse(readFileSync(join(root, 'opsbook-baseline.json'), 'utf8')).validation).toHaveLength(5);
});
