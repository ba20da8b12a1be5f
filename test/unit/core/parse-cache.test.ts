/**
 * The Markdown trees kept between runs: a second run over the example content
 * parses nothing and finds exactly what a run without the cache finds (same
 * trees, same findings); a changed body is parsed again, a deleted one's tree
 * is removed, a damaged file costs only a parse, MDX is never kept, and
 * `npm run check` prints the same findings with and without it. New bodies
 * parsed ahead on worker threads give the same trees as the main thread's parse.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openProject, type Project } from '../../../src/core/project.ts';
import { parseCache } from '../../../src/lib/parse-cache.ts';
import { formatText } from '../../../src/core/diagnostics/diagnostics.ts';
import { runScript } from '../../helpers/cli.ts';

const REPO_ROOT = join(import.meta.dirname, '../../..');
let root: string;
const cacheDir = () => join(root, '.cache/opsbook/markdown');
/** The trees the cache's index lists, and the packs that hold them (see src/lib/tree-packs.ts). */
const kept = () => JSON.parse(readFileSync(join(cacheDir(), 'index.json'), 'utf8')) as { trees: Record<string, string>; packs: Record<string, number> };
const keptTrees = () => Object.keys(kept().trees).length;
/** Every pack listed is on disk, every pack on disk is listed, and each holds the lines the index says. */
function expectPacksInOrder() {
  const { packs } = kept();
  const onDisk = readdirSync(cacheDir()).filter((f) => f.endsWith('.pack'));
  expect(onDisk.sort()).toEqual(Object.keys(packs).sort());
  for (const pack of onDisk) expect(readFileSync(join(cacheDir(), pack), 'utf8').split('\n').filter(Boolean)).toHaveLength(packs[pack]!);
  expect(readdirSync(cacheDir()).filter((f) => !f.endsWith('.pack') && f !== 'index.json')).toEqual([]);
}
const trees = (project: Project) => project.documents.map((d) => [d.file, JSON.stringify(d.body?.mdast), d.body?.headings, d.body?.sections.map((s) => [s.key, s.nodes.length])]);

async function run(options: { parallelFrom?: number } = {}) {
  const cache = parseCache(root, options)!;
  const project = await openProject(root, cache);
  await cache.save();
  return { project, stats: { ...cache.stats } };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsbook-parse-cache-'));
  for (const part of ['content', 'opsbook.config.ts']) cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('parse cache', () => {
  let plain: Project;
  let markdown: number;
  beforeAll(async () => {
    plain = await openProject(root);
    markdown = plain.documents.filter((d) => d.ext === '.md').length;
  });

  test('the first run parses every Markdown body and keeps one tree per body; MDX is not kept', async () => {
    const { project, stats } = await run();
    expect(markdown).toBeGreaterThan(20);
    expect(stats).toEqual({ reused: 0, parsed: markdown, ahead: 0 });
    expect(keptTrees()).toBe(markdown);
    expectPacksInOrder();
    expect(plain.documents.some((d) => d.ext === '.mdx')).toBe(true);
    expect(trees(project)).toEqual(trees(plain));
  });

  test('the second run parses nothing and gives the same trees, headings, sections and findings', async () => {
    const { project, stats } = await run();
    expect(stats).toEqual({ reused: markdown, parsed: 0, ahead: 0 });
    expect(trees(project)).toEqual(trees(plain));
    expect(formatText(project.diagnostics)).toBe(formatText(plain.diagnostics));
    expect(project.links.map((l) => `${l.from.file} ${l.path}`)).toEqual(plain.links.map((l) => `${l.from.file} ${l.path}`));
  });

  test('a changed body is parsed again and its old tree removed; the others are reused', async () => {
    const changed = plain.documents.find((d) => d.collection === 'runbooks' && d.ext === '.md')!;
    const file = join(root, changed.file);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}\n## Notes\n\nA line added by the test, with a [broken link](./nowhere.md).\n`);
    const keptBefore = kept().trees;
    const { project, stats } = await run();
    expect(stats).toEqual({ reused: markdown - 1, parsed: 1, ahead: 0 });
    // One tree in, one out: the index lists exactly the bodies of this run.
    expect(keptTrees()).toBe(markdown);
    expect(Object.keys(kept().trees).filter((name) => !(name in keptBefore))).toHaveLength(1);
    expectPacksInOrder();
    // The new body is what the findings see.
    expect(project.diagnostics.some((d) => d.file === changed.file && /nowhere/.test(d.message))).toBe(true);
    writeFileSync(file, before);
  });

  test('a damaged cache file is parsed again, not trusted', async () => {
    await run();
    for (const name of readdirSync(cacheDir())) if (name.endsWith('.pack')) writeFileSync(join(cacheDir(), name), readFileSync(join(cacheDir(), name), 'utf8').replace(/\t(.{20}).*$/gm, '\t$1'));
    const { project, stats } = await run();
    expect(stats).toEqual({ reused: 0, parsed: markdown, ahead: 0 });
    expect(trees(project)).toEqual(trees(plain));
  });

  test('new bodies parsed on worker threads give the same trees, findings and cache files', async () => {
    rmSync(cacheDir(), { recursive: true, force: true });
    const { project, stats } = await run({ parallelFrom: 1 });
    // Every Markdown body was parsed ahead (none by the main thread), and kept for the next run.
    expect(stats).toEqual({ reused: 0, parsed: markdown, ahead: markdown });
    expect(keptTrees()).toBe(markdown);
    // A pack per batch the workers parsed, not a file per body.
    expect(Object.keys(kept().packs).length).toBeLessThan(markdown);
    expectPacksInOrder();
    expect(trees(project)).toEqual(trees(plain));
    expect(formatText(project.diagnostics)).toBe(formatText(plain.diagnostics));
    expect((await run({ parallelFrom: 1 })).stats).toEqual({ reused: markdown, parsed: 0, ahead: 0 });
  });

  test('fewer new bodies than the threshold are parsed on the main thread', async () => {
    const changed = plain.documents.find((d) => d.collection === 'procedures' && d.ext === '.md')!;
    const file = join(root, changed.file);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}
One more line.
`);
    try {
      expect((await run({ parallelFrom: 2 })).stats).toEqual({ reused: markdown - 1, parsed: 1, ahead: 0 });
    } finally {
      writeFileSync(file, before);
    }
  });

  test('npm run check keeps the trees and prints the same findings from them', () => {
    rmSync(cacheDir(), { recursive: true, force: true });
    const first = runScript('check.ts', ['--root', root], { OPSBOOK_PARSE_CACHE: '' });
    expect(keptTrees()).toBe(markdown);
    const second = runScript('check.ts', ['--root', root], { OPSBOOK_PARSE_CACHE: '' });
    const off = runScript('check.ts', ['--root', root]);
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(off.stdout).toBe(first.stdout);
  });

  test('OPSBOOK_PARSE_CACHE=0 turns it off', () => {
    process.env.OPSBOOK_PARSE_CACHE = '0';
    try {
      expect(parseCache(root)).toBeUndefined();
    } finally {
      delete process.env.OPSBOOK_PARSE_CACHE;
    }
  });

  test("Mermaid's verdicts are kept too: the next run takes them instead of parsing its diagrams", async () => {
    const file = join(root, '.cache/opsbook/mermaid-verdicts.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { version: string; records: Record<string, string | null> };
    const sources = new Set(plain.documents.flatMap((d) => [...(d.source.matchAll(/```mermaid\n([\s\S]*?)```/g))].map((m) => m[1])));
    expect(sources.size).toBeGreaterThanOrEqual(3);
    expect(Object.values(saved.records)).toEqual([...sources].map(() => null));
    // What the file says is what the next run reports: it did not ask Mermaid again.
    const [first] = Object.keys(saved.records);
    writeFileSync(file, JSON.stringify({ ...saved, records: { ...saved.records, [first!]: 'Parse error on line 1: kept verdict' } }));
    const { project } = await run();
    expect(project.diagnostics.filter((d) => d.rule === 'mermaid/syntax').map((d) => d.message)).toEqual(['This Mermaid diagram cannot be parsed: kept verdict']);
    // A run without the cache asks Mermaid, which finds nothing wrong.
    expect((await openProject(root)).diagnostics.filter((d) => d.rule === 'mermaid/syntax')).toEqual([]);
    writeFileSync(file, JSON.stringify(saved));
  });

  test('clean frontmatter parses are kept: the next run takes values, warnings and field places from them', async () => {
    // A runbook with a warning in its YAML (an unquoted "yes") and an error placed by a field's position (an unknown service).
    const file = join(root, 'content/runbooks/parse-cache-probe.md');
    writeFileSync(file, ['---', 'title: Probe runbook', 'summary: Checks what the kept frontmatter gives back.', 'owner: payments', 'services: [checkout-api, no-such-service]', 'alerts: [ProbeAlert]', 'severity: warning', 'lastReviewed: 2026-11-12', 'reviewCycle: quarterly', 'notes: yes', '---', '', '## Symptoms', '', 'Nothing.', ''].join('\n'));
    try {
      const findings = (project: Project) => formatText(project.diagnostics.filter((d) => d.file.endsWith('parse-cache-probe.md')));
      const fresh = await openProject(root);
      expect(findings(fresh)).toMatch(/parse-cache-probe\.md:5:\d+/); // the unknown service, on its line
      expect(findings(fresh)).toContain('yaml/ambiguous-boolean');
      await run();
      const kept = await run();
      expect(findings(kept.project)).toBe(findings(fresh));
      expect(formatText(kept.project.diagnostics)).toBe(formatText(fresh.diagnostics));
      const probe = (project: Project) => [...project.alerts.values()].filter((a) => a.name === 'ProbeAlert').map((a) => a.line);
      expect(probe(kept.project)).toEqual([6]);
      expect(probe(fresh)).toEqual([6]);
      // What the file says is what the next run reads: the text was not parsed again.
      const store = join(root, '.cache/opsbook/frontmatter.json');
      const saved = JSON.parse(readFileSync(store, 'utf8')) as { version: string; records: Record<string, { data: { title?: string } }> };
      const [key] = Object.entries(saved.records).find(([, r]) => r.data.title === 'Probe runbook')!;
      saved.records[key]!.data.title = 'Title from the kept parse';
      writeFileSync(store, JSON.stringify(saved));
      const { project } = await run();
      expect(project.byId.runbooks!.get('parse-cache-probe')?.raw?.title).toBe('Title from the kept parse');
    } finally {
      rmSync(file);
    }
  });
});
