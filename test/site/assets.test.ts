/**
 * Files beside documents are published only when their type is allowed and
 * their content cannot script; everything else is said, never dropped
 * silently, and every text file is scanned for secrets.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runScript } from '../helpers/cli.ts';
import { fixturePath } from '../helpers/content.ts';
import { builtSite } from '../helpers/site.ts';

test('allowed, safe files are published; a type the site does not serve is a warning and stays out', () => {
  const site = builtSite('assets');
  expect(site.status, site.output).toBe(0);
  expect(site.exists('/runbooks/ops/img/layout.svg')).toBe(true);
  expect(site.exists('/runbooks/ops/files/df-report.txt')).toBe(true);
  expect(site.exists('/runbooks/ops/files/notes.xyz')).toBe(false);
  expect(site.output).toContain('content/runbooks/ops/files/notes.xyz:0:0 warning This file is not published: the site does not serve .xyz files.');
});

test('HTML, scripting SVG and a secret in an attachment fail check, each named with its file', () => {
  const root = mkdtempSync(join(tmpdir(), 'opsbook-assets-'));
  try {
    cpSync(fixturePath('assets'), root, { recursive: true });
    const files = join(root, 'content/runbooks/ops/files');
    writeFileSync(join(files, 'page.html'), '<html><body><script>fetch("/steal")</script></body></html>\n');
    writeFileSync(join(root, 'content/runbooks/ops/img/evil.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n');
    writeFileSync(join(files, 'aws.ini'), '[default]\naws_access_key_id = AKIAQ7RZLM3KXW2PBT4N\naws_secret_access_key = 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\n');
    const result = runScript('check.ts', ['--root', root]);
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines.some((l) => l.startsWith('content/runbooks/ops/files/page.html:0:0 error') && l.endsWith('assets/forbidden'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('content/runbooks/ops/img/evil.svg:') && l.endsWith('assets/unsafe-svg')).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => l.startsWith('content/runbooks/ops/files/aws.ini:2:') && l.endsWith('secrets/credential'))).toBe(true);
    // The secret is never echoed back.
    expect(result.stdout).not.toContain('AKIAQ7RZLM3KXW2PBT4N');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
