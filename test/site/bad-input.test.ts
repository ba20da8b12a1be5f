/**
 * The bad-input suite: one fixture per unsafe or broken input, each with its
 * exact diagnostic, and proof that nothing else in the tree is affected: the
 * good documents beside them validate, and build.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics/diagnostics.ts';
import { findSecrets, mask } from '../../src/core/validate/secrets.ts';
import { checkFixture, fixturePath, openFixture } from '../helpers/content.ts';
import { buildSite, prepareSite } from '../helpers/site.ts';

const EXPECTED = [
  "content/runbooks/anchor.md:4:14 error YAML anchors (&team) are not allowed. Remove the anchor and write values out in full. yaml/anchor",
  "content/runbooks/anchor.md:6:11 error YAML aliases (*team) are not allowed. Write the value out in full; aliases hide what a document says. yaml/alias",
  "content/runbooks/comment-cut.md:2:8 error \"title\" is read as \"Restart\": YAML takes \"#2 pod\" as a comment. Quote the value: title: \"Restart #2 pod\". yaml/comment-in-value",
  "content/runbooks/empty.md:1:1 error This runbook is empty. Write the runbook's fields, or delete the file. file/empty",
  "content/runbooks/html-events.md:11:1 error The attribute ontoggle= runs script. Remove it: event handlers are never allowed. html/event-handler",
  "content/runbooks/html-events.md:13:1 error Raw HTML <textarea> is not allowed: it changes how the rest of the page is read. Use Markdown instead, or the HTML GitHub shows (<details>, <summary>, <kbd>, <p>, <div align=\"center\">, <img>, <a>, <table>…). html/not-allowed",
  "content/runbooks/html-iframe.md:11:1 error <iframe> is not allowed in documents. Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it. html/forbidden",
  "content/runbooks/html-object-style.md:11:1 error <object> is not allowed in documents. Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it. html/forbidden",
  "content/runbooks/html-object-style.md:13:1 error <style> is not allowed in documents. Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it. html/forbidden",
  "content/runbooks/html-script.md:11:1 error <script> is not allowed in documents. Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it. html/forbidden",
  "content/runbooks/html-urls.md:11:1 error The link \"javascript:alert(1)\" runs script or embeds data. Link to an https:// address or a file in content/. html/unsafe-url",
  "content/runbooks/html-urls.md:13:1 error The link \"data:image/png;base64,iVBORw0KGgo=\" runs script or embeds data. Link to an https:// address or a file in content/. html/unsafe-url",
  "content/runbooks/html-urls.md:15:1 error The link \"vbscript:msgbox\" runs script or embeds data. Link to an https:// address or a file in content/. html/unsafe-url",
  "content/runbooks/latin1.md:0:0 error This file is not valid UTF-8. Save it as UTF-8 (most editors have an \"encoding\" setting). file/encoding",
  "content/runbooks/linked-outside.md:0:0 error This symbolic link leads outside content/. Copy the file into content/ instead; links out of it are not followed. file/symlink",
  "content/runbooks/mdx-foreign.mdx:11:1 error MDX documents may not export code. Remove the export: a document holds content, and exported code runs at build time. mdx/export",
  "content/runbooks/mdx-foreign.mdx:11:1 error Import from \"chart-lib\" is not allowed. MDX may use the project's components only (Callout, no import needed), or import from src/components/. mdx/import",
  "content/runbooks/mdx-foreign.mdx:15:1 error <Chart> is not one of the project's components. Use <Callout>, or HTML GitHub shows (<details>, <summary>, <kbd>, <p>, <div align=\"center\">, <img>, <a>, <table>…). mdx/component",
  "content/runbooks/mdx-foreign.mdx:17:1 error MDX expressions ({…}) run code at build time and are not allowed. Write the text out, or escape the braces as \\{ \\}. mdx/expression",
  "content/runbooks/mdx-foreign.mdx:19:1 error The attribute onClick= runs script. Remove it: event handlers are never allowed. html/event-handler",
  "content/runbooks/secret-in-frontmatter.md:3:21 error This looks like a GitHub token: ghp_…(42 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:12:37 error This looks like an AWS access key id: AKIA…(20 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:13:25 error This looks like a bearer token: eyJh…(62 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:14:1 error This looks like a password on a curl command line: hunt…(14 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:15:6 error This looks like a password in a connection string: Pr0d…(12 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:18:17 error This looks like a GitHub token: ghp_…(40 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:20:8 error This looks like a Slack token: xoxb…(31 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:20:48 error This looks like a GitLab token: glpa…(26 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:20:83 error This looks like a Google API key: AIza…(39 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
  "content/runbooks/secrets.md:23:1 error This looks like a private key: ----…(35 characters). Remove it and rotate it: it is in the git history now. Write a placeholder (<token>, $API_TOKEN) instead; a reviewed false alarm can carry the comment opsbook:allow-secret. secrets/credential",
];

/** A runbook of about `bytes` bytes: an incident log, hour by hour, with commands and output. */
function hugeRunbook(bytes: number): string {
  const head = '---\ntitle: Incident log, 2026-11-23\nsummary: The full log of a long incident, kept with its runbook.\nowner: shop\nservices: [checkout]\nlastReviewed: 2026-11-01\n---\n\n## Symptoms\n\nx\n\n## Impact\n\nx\n\n## Diagnosis\n\n';
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const hour = i % 24;
    const chunk = `${i % 200 === 0 ? `### Hour ${hour}\n\n` : ''}At ${String(hour).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} the checkout pods restarted again (event ${i}); the operator drained node ip-10-0-${i % 250}-${i % 200} and **watched** the error rate.\n\n\`\`\`bash\nkubectl -n shop rollout status deploy/checkout --timeout=120s # run ${i}\n\`\`\`\n\n`;
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push('## Mitigation\n\nx\n\n## Escalation\n\nx\n\n## Verification\n\n- [x] Done.\n');
  return parts.join('');
}

describe('bad input', () => {
  test('every unsafe or broken file is reported, exactly, in one run', async () => {
    expect(await checkFixture('bad-input')).toEqual(EXPECTED);
  });

  test('secrets are never echoed whole', () => {
    for (const line of EXPECTED.filter((l) => l.endsWith('secrets/credential'))) {
      for (const secret of ['AKIAZ7VRSQ4TDEXAMPL3', 'hunter2hunter2', 'Pr0dPassw0rd', 'ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5', 'xoxb-2048-4096-aBcDeFgHiJkLmNoP', 'glpat-Ab3De5Fg7Hi9Jk1Lm3No', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q']) {
        expect(line).not.toContain(secret);
      }
    }
    expect(mask('ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5')).toBe('ghp_…(40 characters)');
  });

  test.each([
    ['AKIAIOSFODNN7EXAMPLE', 0],
    ['curl -H "Authorization: Bearer <token>" https://x', 0],
    ['curl -H "Authorization: Bearer $TOKEN" https://x', 0],
    ['postgres://app:${DB_PASSWORD}@db/app', 0],
    ['redis://:changeme@cache:6379', 0],
    ['export KEY=AKIA2E0A8F3B244C9986 # opsbook:allow-secret', 0],
    ['export KEY=AKIA2E0A8F3B244C9986', 1],
    ['https://hooks.slack.com/services/T0123ABCD/B0123ABCD/abcdefghijklmnopqrstuvwx', 1],
  ])('%s: %i finding(s)', (line, count) => {
    expect(findSecrets('f.md', line)).toHaveLength(count);
  });

  test('the good documents beside the bad ones are unaffected', async () => {
    const project = await openFixture('bad-input');
    const clean = ['fine', 'bom-crlf', 'kafka lag (eu) über', 'linked-inside'];
    for (const id of clean) {
      const doc = project.byId.runbooks.get(id)!;
      expect(doc.data, id).toBeDefined();
      expect(project.diagnostics.filter((d) => d.file === doc.file).map(formatDiagnostic)).toEqual([]);
    }
  });

  test('MDX can be switched off', async () => {
    expect(await checkFixture('mdx-off')).toEqual([
      'content/runbooks/component.mdx:1:1 error MDX documents are switched off for this site. Rename it to .md and remove the components, or set mdx: true in opsbook.config.ts. mdx/disabled',
    ]);
  });

  test('without the bad files the tree builds: allowed HTML renders, code stays literal, names get clean URLs, a symlink inside content/ is followed, a 5 MB document builds', { timeout: 180_000 }, () => {
    const root = mkdtempSync(join(tmpdir(), 'opsbook-good-'));
    try {
      const runbooks = join(fixturePath('bad-input'), 'content/runbooks');
      for (const dir of ['teams', 'services']) cpSync(join(fixturePath('bad-input'), 'content', dir), join(root, 'content', dir), { recursive: true });
      for (const name of ['fine.md', 'bom-crlf.md', 'Kafka Lag (EU) Über.md', 'linked-inside.md']) cpSync(join(runbooks, name), join(root, 'content/runbooks', name), { verbatimSymlinks: true });
      writeFileSync(join(root, 'content/runbooks/incident-log.md'), hugeRunbook(5 * 1024 * 1024));
      const site = buildSite(prepareSite('good-input', root));
      expect(site.status, site.output).toBe(0);
      const fine = site.page('/runbooks/fine/');
      expect(fine).toContain('<kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>.<br>');
      expect(fine).toMatch(/<details>\s*<summary>More<\/summary>\s*<p>Hidden.<\/p>\s*<\/details>/);
      expect(fine).not.toContain('a note to authors');
      expect(fine).toContain('&#x3C;script>alert(\'code blocks stay literal\')&#x3C;/script>');
      expect(site.exists('/runbooks/kafka-lag-eu-uber/')).toBe(true);
      expect(site.page('/runbooks/bom-crlf/')).toContain('<h1>Windows</h1>');
      expect(site.exists('/runbooks/linked-inside/')).toBe(true);
      const huge = site.page('/runbooks/incident-log/');
      expect(huge.length).toBeGreaterThan(5 * 1024 * 1024);
      expect(huge).toContain('<h3 id="hour-8">Hour 8');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
