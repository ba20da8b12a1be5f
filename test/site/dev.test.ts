/** `npm run dev` prints, on every save of a document, the findings that changed. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { fixturePath, REPO_ROOT } from '../helpers/content.ts';
import { prepareSite } from '../helpers/site.ts';

let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
});

test('a save that breaks a reference prints it; the save that fixes it says so', { timeout: 120_000 }, async () => {
  const root = prepareSite('dev-server', fixturePath('valid'));
  let output = '';
  server = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'dev', '--root', root, '--port', '4391', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', OPSBOOK_DIAGRAMS: 'client' },
  });
  server.stdout!.on('data', (chunk) => (output += String(chunk)));
  server.stderr!.on('data', (chunk) => (output += String(chunk)));
  const waitFor = async (pattern: RegExp, from: number) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (pattern.test(output.slice(from))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`Timed out waiting for ${pattern} in:\n${output}`);
  };
  await waitFor(/ready in|Local\s+http/i, 0);
  const file = join(root, 'content/runbooks/checkout/slow-checkout.md');
  const good = readFileSync(file, 'utf8');
  let mark = output.length;
  writeFileSync(file, good.replace('owner: shop', 'owner: shpo'));
  await waitFor(/content\/runbooks\/checkout\/slow-checkout\.md:4:8 error "owner" names no team "shpo"; did you mean "shop"\?/, mark);
  mark = output.length;
  writeFileSync(file, good);
  await waitFor(/Fixed: 1 problem\./, mark);
  expect(output.slice(mark)).not.toContain('names no team "shpo"');
});
