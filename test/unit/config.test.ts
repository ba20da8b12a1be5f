/** opsbook.config.ts is checked like content: a typo fails `check` and the build with the file, the line and a did-you-mean. */
import { expect, test } from 'vitest';
import { checkConfig, ConfigSchema } from '../../src/core/config.ts';

/** The settings the schema has, as the message lists them. */
const SETTINGS = Object.keys(ConfigSchema.shape).join(', ');
import { formatDiagnostic } from '../../src/core/diagnostics/diagnostics.ts';
import { runScript } from '../helpers/cli.ts';
import { fixturePath } from '../helpers/content.ts';
import { builtSite } from '../helpers/site.ts';

const source = (body: string) => `export default {\n${body}\n};\n`;
const problems = (input: unknown, body: string) => checkConfig(input, source(body)).diagnostics.map(formatDiagnostic);

test.each([
  [{ titel: 'Ops' }, "  titel: 'Ops',", `opsbook.config.ts:2:3 error Unknown setting "titel" in opsbook.config.ts. Did you mean "title"? Settings are: ${SETTINGS}. A typo in the config is never ignored. config/unknown-key`],
  [{ diagrams: 'sometimes' }, "  diagrams: 'sometimes',", 'opsbook.config.ts:2:3 error "diagrams" is "sometimes", which is not one of auto, build, client. Set it to one of auto, build, client, or remove it for the default. config/invalid'],
  [{ diagrams: 'bulid' }, "  diagrams: 'bulid',", 'opsbook.config.ts:2:3 error "diagrams" is "bulid", which is not one of auto, build, client. Did you mean "build"? Set it to one of auto, build, client, or remove it for the default. config/invalid'],
  [{ sections: { runbook: {} } }, '  sections: {\n    runbook: {},\n  },', 'opsbook.config.ts:3:5 error "sections.runbook" names no collection with body sections. Did you mean "runbooks"? Collections with sections are: runbooks, procedures, operations, postmortems, guides. config/unknown-collection'],
  [{ sections: { runbooks: { Diagnosis: { alias: ['x'] } } } }, "  sections: {\n    runbooks: { Diagnosis: { alias: ['x'] } },\n  },", 'opsbook.config.ts:3:30 error Unknown setting "sections.runbooks.Diagnosis.alias" in opsbook.config.ts. Did you mean "aliases"? Settings are: aliases, severity. A typo in the config is never ignored. config/unknown-key'],
  [{ kitPdf: 'yes' }, "  kitPdf: 'yes',", 'opsbook.config.ts:2:3 error "kitPdf" expected boolean, received string. See the Configuration section of the README for what each setting takes. config/invalid'],
  [{ kitPDF: true }, '  kitPDF: true,', `opsbook.config.ts:2:3 error Unknown setting "kitPDF" in opsbook.config.ts. Did you mean "kitPdf"? Settings are: ${SETTINGS}. A typo in the config is never ignored. config/unknown-key`],
  [{ mdx: 'no' }, "  mdx: 'no',", 'opsbook.config.ts:2:3 error "mdx" expected boolean, received string. See the Configuration section of the README for what each setting takes. config/invalid'],
  [{ editUrl: 'github.com/kestrel/ops/edit/main/' }, "  editUrl: 'github.com/kestrel/ops/edit/main/',", 'opsbook.config.ts:2:3 error "editUrl" must be an http(s) URL, such as https://github.com/<org>/<repo>/edit/main/. See the Configuration section of the README for what each setting takes. config/invalid'],
  [{ editUrl: 'javascript:alert(1)//' }, "  editUrl: 'javascript:alert(1)//',", 'opsbook.config.ts:2:3 error "editUrl" must be an http(s) URL, such as https://github.com/<org>/<repo>/edit/main/. See the Configuration section of the README for what each setting takes. config/invalid'],
])('%j', (input, body, expected) => {
  expect(problems(input, body)).toEqual([expected]);
});

test('a valid config has no problems', () => {
  expect(problems({ title: 'Ops', diagrams: 'client', kitPdf: true, editUrl: 'https://github.com/kestrel/ops/edit/main/', sections: { runbooks: { Diagnosis: { aliases: ['诊断'] } } } }, '')).toEqual([]);
});

test('check reports every config problem at once and exits 1', () => {
  const result = runScript('check.ts', ['--root', fixturePath('bad-config')]);
  expect(result.status).toBe(1);
  expect(result.stdout.split('\n').filter((l) => l.startsWith('opsbook.config.ts'))).toEqual([
    'opsbook.config.ts:6:5 error "sections.runbook" names no collection with body sections. Did you mean "runbooks"? Collections with sections are: runbooks, procedures, operations, postmortems, guides. config/unknown-collection',
    'opsbook.config.ts:8:3 error "diagrams" is "sometimes", which is not one of auto, build, client. Set it to one of auto, build, client, or remove it for the default. config/invalid',
    `opsbook.config.ts:9:3 error Unknown setting "alertRule" in opsbook.config.ts. Did you mean "alertRules"? Settings are: ${SETTINGS}. A typo in the config is never ignored. config/unknown-key`,
  ]);
});

test('the build stops on them before rendering anything', () => {
  const site = builtSite('bad-config');
  expect(site.status).not.toBe(0);
  expect(site.output).toContain('opsbook.config.ts:8:3 error "diagrams" is "sometimes"');
  expect(site.output).toContain('Content validation failed with 3 errors; nothing was built.');
  expect(site.exists('/')).toBe(false);
});

test("a kind named like one of the site's own pages is refused", async () => {
  // The fixture's own kind, renamed onto a path the site uses.
  const { default: fixture } = await import('../fixtures/custom-kind/opsbook.config.ts');
  const history = { ...fixture.kinds![0]!, name: 'history' };
  const messages = checkConfig({ kinds: [history] }, source('  kinds: [history],')).diagnostics.map((d) => d.message);
  expect(messages).toContain('A kind cannot be named "history": the site\'s own pages live at /history/');
});
