/**
 * `npm run import`: an existing folder of Markdown (a Hugo site, MkDocs,
 * plain GitHub Markdown, one file per alert) turned into Opsbook content, and
 * a report of everything decided. The steps, per document:
 *
 *   read     front matter (YAML, TOML, JSON) and body, as written
 *   normalise  MkDocs admonitions, Hugo shortcodes, the `# Title` heading,
 *            `#` sections one level down, placeholders and <img> tags
 *   classify operation record (bold fields), runbook (incident sections, or
 *            one file per alert), guide (everything else), or skipped
 *   shape    the sections the kind requires: renamed headings, stubs
 *   link     every relative link and image to its target's new place
 *   write    front matter stubs, catalogue stubs, assets, the report
 *
 * Nothing existing is overwritten, and every input file ends in the report.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, posix, resolve } from 'node:path';
import type { Root } from 'mdast';
import { slug as githubSlug } from 'github-slugger';
import { loadConfig } from '../config.ts';
import { documentId } from '../load/load.ts';
import { normaliseText } from '../load/source-file.ts';
import { ALLOWED_TAGS } from '../validate/safety.ts';
import { alertSlug, urlSlug } from '../links/urls.ts';
import { assignHeadingIds } from '../../markdown/remark-heading-ids.ts';
import { Severity } from '../../model/runbook.ts';
import { ReviewCycle } from '../../model/common.ts';
import type { SectionRule } from '../../model/sections.ts';
import { catalogueId, catalogueStubs, type ServiceStub } from './catalogue.ts';
import { alertLikeName, camelCase, detectSite, type DocumentFacts, type SiteInfo } from './detect.ts';
import { dateValue, firstSentence, readSourceFrontmatter, renderFrontmatter, titleFromName } from './frontmatter.ts';
import { isGitCheckout, lastCommitDates, webRepository } from './git.ts';
import { isExternal, linkPath, linkSites, relativePath, resolveHugoRef, resolveSource, sourceTree } from './links.ts';
import {
  applyEdits,
  closeRunawayFences,
  convertAdmonitions,
  convertShortcodes,
  demoteHeadings,
  endOf,
  hasText,
  htmlEdits,
  htmlPairEdits,
  leadingTitle,
  parseMarkdown,
  plainText,
  removeNode,
  startOf,
  type Edit,
} from './markdown.ts';
import { isOperationRecord, operationFrontmatter, recordFields, type RecordField } from './operation-record.ts';
import { renderMarkdownReport, REPORT_JSON, REPORT_MARKDOWN } from './report.ts';
import { annotateRuleFiles, readRuleFiles, type RuleFile } from './rules.ts';
import { MARKDOWN_EXTENSIONS, scanFolder, type InputFile } from './scan.ts';
import { aliasConfig, matchSections, proposeAliases, requiredFound, shapeSections, type HeadingUse } from './sections.ts';
import type { Change, FileEntry, Guess, ImportOptions, ImportReport } from './types.ts';
import { checkImported, type PlannedFile } from './verify.ts';

export type { ImportOptions, ImportReport } from './types.ts';
export { LAYOUTS } from './types.ts';
export { renderMarkdownReport, REPORT_JSON, REPORT_MARKDOWN } from './report.ts';

/** Folder names that say what kind of page is inside, not which component: skipped when a service is read from the path. */
const GENERIC_FOLDERS = new Set(['runbooks', 'runbook', 'playbooks', 'playbook', 'sops', 'sop', 'docs', 'doc', 'documentation', 'content', 'guides', 'guide', 'alerts', 'alert', 'howto', 'how-to', 'howtos', 'how-tos', 'procedures', 'operations', 'services', 'components', 'wiki', 'pages', 'en', 'records', 'changes', 'change-records']);
/** Headings that are section aliases but common on any page: they do not make a document a runbook. */
const GENERIC_HEADINGS = new Set(['overview', 'summary', 'introduction', 'intro', 'background', 'description', 'about']);
/** Leading folders dropped from a document's new path, by kind (the collection folder says it). */
const KIND_FOLDERS: Record<string, ReadonlySet<string>> = {
  runbooks: new Set(['runbooks', 'runbook', 'playbooks', 'playbook', 'sops', 'docs', 'doc', 'documentation', 'wiki', 'content']),
  guides: new Set(['guides', 'guide', 'docs', 'doc', 'documentation', 'wiki', 'content']),
};
const HOUSEKEEPING = /^(changelog|changes|history|code_of_conduct|code-of-conduct|security|contributing|license|licence|copying|notice|authors|maintainers|owners|owners_aliases|codeowners|pull_request_template|issue_template|support|governance)(\.[a-z]+)?$/i;
/** An SVG that can run script when opened: never copied (the site refuses it). */
const ACTIVE_SVG = /<script|<foreignObject|\son[a-z]+\s*=|javascript:/i;
const FORBIDDEN_ASSETS = new Set(['.html', '.htm', '.xhtml', '.shtml', '.js', '.mjs', '.cjs', '.jsx', '.ts', '.tsx', '.swf', '.jar', '.exe', '.dll', '.php', '.asp', '.aspx', '.jsp', '.hta', '.wasm', '.css']);

interface Doc {
  file: InputFile;
  stem: string;
  /** Raw text, normalised line ends. */
  source: string;
  frontmatter: Record<string, unknown>;
  frontmatterFormat: string | undefined;
  frontmatterProblem?: string | undefined;
  bodyLine: number;
  /** Body after normalisation. */
  text: string;
  tree: Root;
  title?: { value: string; why: string } | undefined;
  changes: Change[];
  guesses: Guess[];
  fields: Map<string, RecordField>;
  kind?: string | undefined;
  reason: string;
  skip?: string | undefined;
  target?: string | undefined;
  alerts: string[];
  services: string[];
  /** Old slug → new, for links to headings import renamed. */
  renamedAnchors: Map<string, string>;
  /** Slugs of the written document's headings. */
  anchors: Set<string>;
  frontmatterFields: [string, unknown][];
  /** The text of the leading `# Title`, removed when the document is written. */
  titleHeading?: string | undefined;
  /** Edits that give the document its kind's sections (applied with the link edits, on the same text). */
  shapeEdits: Edit[];
  output?: string | undefined;
}

function stemOf(rel: string): string {
  const name = posix.basename(rel);
  const ext = posix.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(abs: string): string | undefined {
  try {
    return normaliseText(utf8.decode(readFileSync(abs)));
  } catch {
    return undefined;
  }
}

/** Why a non-Markdown file is not imported, when it is not linked from any document. */
function skipReason(file: InputFile, site: SiteInfo): string {
  const top = file.rel.split('/')[0]!;
  const name = posix.basename(file.rel);
  if (site.configFiles.has(file.rel)) return site.configFiles.get(file.rel)!;
  if (name.startsWith('.')) return 'hidden file (repository tooling), not content';
  if (file.symlink) return 'a symbolic link: import copies files, not links';
  if (top === 'archetypes') return 'a Hugo archetype (the template for new pages), not a document';
  if (top === 'layouts' || top === 'themes' || top === 'assets' || top === 'i18n' || top === 'data') return `part of the Hugo site's ${top}/: Opsbook's own layout replaces it`;
  if (HOUSEKEEPING.test(name)) return 'repository housekeeping (licence, changelog, contribution rules), not operational knowledge';
  if (file.ext === '.rst' || file.ext === '.adoc' || file.ext === '.asciidoc' || file.ext === '.org') return `not Markdown (${file.ext.slice(1)}): convert it to Markdown, then import it`;
  if (site.buildOutput.has(top)) return 'build output of the site, not a source';
  return 'not Markdown, and no imported document links to it';
}

function frontmatterString(data: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string' && value.trim()) return [value.trim()];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** The first sentence of the first paragraph worth reading. */
function summaryFrom(tree: Root): string | undefined {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = plainText(node);
    if (text.split(/\s+/).length < 3 || /^\*\*[^*]+\*\*:/.test(text)) continue;
    return text;
  }
  return undefined;
}

export interface ImportResult {
  report: ImportReport;
  /** The report as Markdown. */
  markdown: string;
}

export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const input = resolve(options.cwd, options.input);
  const out = resolve(options.cwd, options.out);
  const { config } = await loadConfig(out);
  const kinds = config.kinds;
  const sectionRules = (kind: string): readonly SectionRule[] => config.sections[kind] ?? kinds.get(kind)?.sections ?? [];
  const runbookRules = sectionRules('runbooks');

  const scan = scanFolder(input);
  const entries: FileEntry[] = scan.folders.map((f) => ({ source: f.rel, action: 'skipped', reason: `${f.reason} (${f.files} file${f.files === 1 ? '' : 's'})`, guesses: [], changes: [] }));

  // Read every Markdown file once.
  const docs: Doc[] = [];
  const unreadable = new Map<string, string>();
  for (const file of scan.files) {
    const markdownLike = MARKDOWN_EXTENSIONS.has(file.ext);
    if (!markdownLike || file.symlink) continue;
    const source = readText(file.abs);
    if (source === undefined) {
      unreadable.set(file.rel, 'not UTF-8 text: save it as UTF-8, then import it');
      continue;
    }
    const fm = readSourceFrontmatter(source);
    docs.push({
      file,
      stem: stemOf(file.rel),
      source,
      frontmatter: fm.data,
      frontmatterFormat: fm.format,
      frontmatterProblem: fm.problem,
      bodyLine: fm.bodyLine,
      text: fm.body,
      tree: parseMarkdown(fm.body),
      changes: [],
      guesses: [],
      fields: new Map(),
      reason: '',
      alerts: [],
      services: [],
      renamedAnchors: new Map(),
      anchors: new Set(),
      frontmatterFields: [],
      shapeEdits: [],
    });
  }

  const facts: DocumentFacts[] = docs.map((d) => ({ rel: d.file.rel, stem: d.stem, incidentSections: requiredFound(matchSections(d.tree, runbookRules).matches.filter((m) => m.how === 'name')), hasShortcodes: /\{\{[<%]/.test(d.text) }));
  const site = detectSite(input, scan.files, facts, options.layout);
  const tree = sourceTree(scan.files.map((f) => f.rel), site.siteRoots, site.hugo);
  const inDocs = (rel: string) => site.docsRoot === '' || rel.startsWith(`${site.docsRoot}/`);
  const relInDocs = (rel: string) => (site.docsRoot && rel.startsWith(`${site.docsRoot}/`) ? rel.slice(site.docsRoot.length + 1) : rel);

  // Normalise each body (kind-independent changes).
  for (const doc of docs) {
    const top = doc.file.rel.split('/')[0]!;
    const name = posix.basename(doc.file.rel);
    if (doc.file.rel.split('/').length > 1 && ['archetypes', 'layouts', 'themes', 'i18n'].includes(top)) doc.skip = skipReason(doc.file, site);
    else if (site.buildOutput.has(top) && doc.file.rel.includes('/')) doc.skip = 'build output of the site, not a source';
    else if (HOUSEKEEPING.test(name)) doc.skip = skipReason(doc.file, site);
    if (doc.skip) continue;
    let text = doc.text;
    if (site.layout === 'mkdocs') text = convertAdmonitions(text, doc.bodyLine, doc.changes);
    text = convertShortcodes(text, { ref: (target) => resolveHugoRef(tree, doc.file.rel, target), param: (key) => site.params[key.toLowerCase()] }, doc.bodyLine, doc.changes);
    text = closeRunawayFences(text, doc.bodyLine, doc.changes);
    let parsed = parseMarkdown(text);
    const edits: Edit[] = [];
    const heading = leadingTitle(parsed);
    const fmTitle = frontmatterString(doc.frontmatter, 'title');
    if (heading && plainText(heading)) {
      const value = plainText(heading);
      doc.title = { value, why: fmTitle && fmTitle !== value ? `the first heading (the front matter said "${fmTitle}")` : 'the first heading' };
      // The heading stays in the text until the end, so every line import reports is the file's line.
      doc.titleHeading = value;
      doc.changes.push({ what: 'title-heading-removed', line: (heading.position?.start.line ?? 1) + doc.bodyLine - 1, detail: `the heading "# ${value}" is the title now, so it is not repeated in the body` });
    } else if (fmTitle) doc.title = { value: fmTitle, why: `the ${doc.frontmatterFormat?.toUpperCase()} front matter` };
    else if (site.navTitles.has(doc.file.rel)) doc.title = { value: site.navTitles.get(doc.file.rel)!, why: 'its title in the MkDocs nav' };
    // Sections written as `#` headings (once the title is out) move one level down.
    if (parsed.children.some((n) => n !== heading && n.type === 'heading' && n.depth === 1)) {
      edits.push(...demoteHeadings(text, parsed, heading));
      doc.changes.push({ what: 'headings-demoted', detail: 'the body uses "#" headings for its sections: every heading moved one level down, so they read as sections' });
    }
    edits.push(...htmlEdits(text, parsed, ALLOWED_TAGS, doc.bodyLine, doc.changes).filter((e) => !heading || e.start >= endOf(heading)));
    text = applyEdits(text, edits);
    // Inline HTML pairs (<a href>, <b>) once what is inside them is settled.
    const pairs = htmlPairEdits(text, parseMarkdown(text), ALLOWED_TAGS, doc.bodyLine, doc.changes);
    if (pairs.length) text = applyEdits(text, pairs);
    parsed = parseMarkdown(text);
    doc.text = text;
    doc.tree = parsed;
    doc.fields = recordFields(text, parsed, doc.bodyLine);
  }

  // Aliases to propose: headings in place of runbook sections, across the documents that are not records.
  const uses: HeadingUse[] = docs.filter((d) => !d.skip && !isOperationRecord(d.fields)).map((d) => ({ file: d.file.rel, headings: matchSections(d.tree, runbookRules).sections.map((s) => s.title) }));
  const proposals = proposeAliases('runbooks', runbookRules, uses);
  const proposed = new Map<string, string[]>();
  for (const p of proposals) proposed.set(p.section, [...(proposed.get(p.section) ?? []), p.alias]);

  // One file per alert: a file named like an alert is an alert's runbook when it has incident sections, or
  // when it sits among runbooks that do and opens with its alert's name (a helper page beside them does not).
  const incidentFolders = new Set(facts.filter((f) => f.incidentSections >= 2).map((f) => posix.dirname(f.rel)));
  const incidentsOf = new Map(facts.map((f) => [f.rel, f.incidentSections]));
  const alertFile = (doc: Doc) =>
    site.onePerAlert &&
    alertLikeName(doc.stem) &&
    !/^_?index$/i.test(doc.stem) &&
    inDocs(doc.file.rel) &&
    // Alert names are CamelCase; an all-lower-case name (example.md) is an alert only when its heading says so.
    (/[A-Z]/.test(doc.stem) || doc.titleHeading === doc.stem) &&
    ((incidentsOf.get(doc.file.rel) ?? 0) >= 2 || (incidentFolders.has(posix.dirname(doc.file.rel)) && (doc.titleHeading === doc.stem || camelCase(doc.stem))));

  // Classify.
  for (const doc of docs) {
    if (doc.skip) continue;
    const isIndex = /^_?index$/i.test(doc.stem);
    if (doc.frontmatterProblem) doc.changes.push({ what: 'frontmatter-dropped', detail: `${doc.frontmatterProblem}: its fields were not read` });
    if (isOperationRecord(doc.fields)) {
      doc.kind = 'operations';
      doc.reason = 'an operation record: bold fields (Operation ID, Risk Level, Service Impact…) became its front matter, the body is kept';
      continue;
    }
    if (!hasText(doc.tree)) {
      if (alertFile(doc) && doc.title) {
        doc.kind = 'runbooks';
        doc.reason = 'one file per alert, named like an alert, with nothing written yet: a runbook whose sections are stubs';
        continue;
      }
      doc.skip = isIndex ? `a ${doc.stem}.md section page with no text (only ${Object.keys(doc.frontmatter).join(', ') || 'a title'}): Opsbook lists a folder's documents itself` : 'a document with no text besides its title';
      continue;
    }
    const match = matchSections(doc.tree, runbookRules, proposed);
    // Headings any page may have ("Overview") do not make a runbook; incident ones do, however they are found.
    const found = requiredFound(match.matches.filter((m) => m.section && !GENERIC_HEADINGS.has(m.section.key)));
    const onePerAlert = alertFile(doc);
    if (onePerAlert) {
      doc.kind = 'runbooks';
      doc.reason = `one file per alert: ${doc.stem}.md is the runbook of the alert ${doc.stem}`;
    } else if (found >= 2) {
      doc.kind = 'runbooks';
      doc.reason = `a runbook: it has ${match.matches.filter((m) => m.section).map((m) => `"${m.section!.title}"`).join(', ')}`;
    } else {
      doc.kind = 'guides';
      const other = kinds.markdown
        .filter((k) => !['runbooks', 'guides', 'operations'].includes(k.name) && k.sections.length)
        .map((k) => ({ k, n: requiredFound(matchSections(doc.tree, sectionRules(k.name)).matches.filter((m) => m.how === 'name')) }))
        .find(({ k, n }) => n >= Math.max(2, Math.ceil(k.sections.filter((s) => (s.severity ?? 'error') === 'error').length / 2)));
      doc.reason = other
        ? `reads like a ${other.k.noun} (${other.n} of its sections), imported as a guide: the ${other.k.noun} kind needs fields a person should fill in`
        : isIndex
          ? 'a section page with text: a guide'
          : /^readme$/i.test(doc.stem)
            ? 'a README: a guide'
            : found === 1
              ? 'one incident section only, not a runbook: a guide'
              : 'no incident sections (an overview, how-to or reference page): a guide';
    }
    if (doc.frontmatter.draft === true) doc.reason += ' (a Hugo draft)';
  }

  // Where each document goes.
  const existing = new Map<string, Set<string>>();
  const existingIds = (collection: string) => {
    let ids = existing.get(collection);
    if (!ids) {
      ids = new Set(scanFolder(join(out, 'content', collection)).files.filter((f) => MARKDOWN_EXTENSIONS.has(f.ext) || f.ext === '.yaml' || f.ext === '.yml').map((f) => urlSlug(documentId(f.rel))));
      existing.set(collection, ids);
    }
    return ids;
  };
  const taken = new Map<string, string>();
  const gitDates = isGitCheckout(input) ? lastCommitDates(input) : undefined;
  const web = gitDates ? webRepository(input) : undefined;
  const fallbackService = options.fallbackService ?? (catalogueId(basename(input)) || 'imported');
  const serviceStubs = new Map<string, ServiceStub>();
  const sectionTitles = new Map<string, string>();
  for (const doc of docs) {
    for (const f of ['_index.md', 'index.md']) if (posix.basename(doc.file.rel) === f && typeof doc.frontmatter.title === 'string') sectionTitles.set(posix.dirname(doc.file.rel), doc.frontmatter.title);
  }
  const serviceFor = (rel: string): { id: string; folder: string } | undefined => {
    const parts = relInDocs(rel).split('/').slice(0, -1);
    for (let i = 0; i < parts.length; i++) {
      if (GENERIC_FOLDERS.has(parts[i]!.toLowerCase())) continue;
      const id = catalogueId(parts[i]!);
      if (id) {
        const folder = [...(site.docsRoot ? [site.docsRoot] : []), ...parts.slice(0, i + 1)].join('/');
        return { id, folder };
      }
    }
    return undefined;
  };
  const addService = (id: string, name: string, why: string, from: string) => {
    if (!serviceStubs.has(id)) serviceStubs.set(id, { id, name, nameWhy: why, from });
  };

  const { files: ruleFiles, unmatched: unmatchedRules } = options.rules.length ? readRuleFiles(options.rules, options.cwd) : { files: [] as RuleFile[], unmatched: [] as string[] };
  const ruleSeverity = new Map<string, string>();
  for (const file of ruleFiles) for (const alert of file.alerts) if (alert.severity && !ruleSeverity.has(alertSlug(alert.name))) ruleSeverity.set(alertSlug(alert.name), alert.severity);
  const claimed = new Map<string, string>();
  // Teams named by the imported documents: the --owner one, and those their front matter names.
  const teams = new Map<string, string>();
  const ownerWhy = options.owner === 'imported' ? 'the default --owner' : `--owner ${options.owner}`;

  for (const doc of docs) {
    if (doc.skip || !doc.kind) continue;
    const reviewed = gitDates?.get(doc.file.rel);
    const lastmod = dateValue(doc.frontmatter.lastReviewed) ?? dateValue(doc.frontmatter.lastmod);
    const lastReviewed = reviewed
      ? { value: reviewed, why: `the last commit of the file (git log -1 --format=%cs)` }
      : lastmod
        ? { value: lastmod, why: 'the front matter' }
        : { value: options.today, why: gitDates ? 'today: the file has no commit yet' : 'today: the folder is not a git checkout' };
    const component = serviceFor(doc.file.rel);
    const title = doc.title ?? { value: titleFromName(/^(_?index|readme)$/i.test(doc.stem) ? posix.basename(posix.dirname(doc.file.rel)) === '.' ? basename(input) : posix.basename(posix.dirname(doc.file.rel)) : doc.stem), why: 'the file name (the document has no heading)' };

    // The path inside the collection.
    let rel: string;
    if (doc.kind === 'operations') {
      const record = operationFrontmatter(doc.fields, {
        title: title.value,
        stem: doc.stem,
        folderServices: component ? [component.id] : [fallbackService],
        fallbackDate: lastReviewed.value,
        fallbackDateWhy: lastReviewed.why,
        serviceId: (name) => catalogueId(name),
      });
      rel = `${record.operationId.slice(0, 4)}/${record.operationId}.md`;
      doc.frontmatterFields = record.fields;
      doc.guesses.push(...record.guesses);
      doc.services = record.services;
      for (const s of record.services) addService(s, record.serviceNames.get(s) ?? (s === component?.id ? (sectionTitles.get(component.folder) ?? posix.basename(component.folder)) : s), record.serviceNames.has(s) ? `as ${doc.file.rel} names it` : `the folder of ${doc.file.rel}`, doc.file.rel);
      if (record.services.includes(fallbackService) && !component) addService(fallbackService, fallbackService, 'the service of documents that sit in no component folder (--service, default: the folder name)', doc.file.rel);
    } else {
      let inner = relInDocs(doc.file.rel);
      if (!inDocs(doc.file.rel)) inner = doc.file.rel;
      const parts = inner.split('/');
      if (parts.length > 1 && KIND_FOLDERS[doc.kind]?.has(parts[0]!.toLowerCase())) parts.shift();
      const last = parts.length - 1;
      parts[last] = parts[last]!.replace(/^_index(\.[^.]+)$/i, 'index$1').replace(/\.(markdown|mdown|mkd)$/i, '.md');
      rel = parts.join('/');
    }

    // Never two documents at one URL, never over an existing one.
    const slugOf = (path: string) => urlSlug(documentId(path));
    if (existingIds(doc.kind).has(slugOf(rel))) {
      doc.skip = `exists: content/${doc.kind}/${rel} (or a file at its URL) is already there, and import never overwrites a document`;
      continue;
    }
    const key = `${doc.kind}/${slugOf(rel)}`;
    if (taken.has(key)) {
      const ext = posix.extname(rel);
      let n = 2;
      while (taken.has(`${doc.kind}/${slugOf(`${rel.slice(0, -ext.length)}-${n}${ext}`)}`)) n++;
      const renamed = `${rel.slice(0, -ext.length)}-${n}${ext}`;
      doc.guesses.push({ field: 'path', value: `content/${doc.kind}/${renamed}`, why: `${taken.get(key)} is already imported at content/${doc.kind}/${rel}` });
      rel = renamed;
    }
    taken.set(`${doc.kind}/${slugOf(rel)}`, doc.file.rel);
    doc.target = `content/${doc.kind}/${rel}`;
    if (doc.kind === 'operations') continue;

    // Front matter of a runbook or guide.
    const fields: [string, unknown][] = [];
    const guess = (field: string, value: unknown, why: string) => doc.guesses.push({ field, value, why });
    fields.push(['title', title.value]);
    guess('title', title.value, title.why);
    const fmSummary = frontmatterString(doc.frontmatter, 'summary', 'description');
    const summarySource = fmSummary ?? summaryFrom(doc.tree);
    let summary: string;
    if (summarySource) {
      const { sentence, cut } = firstSentence(summarySource);
      summary = /[.!?…:;)"'`]$/.test(sentence) ? sentence : `${sentence}.`;
      guess('summary', summary, `${fmSummary ? 'the front matter' : 'the first paragraph'}${cut ? ', its first sentence' : ''}`);
    } else {
      summary = doc.kind === 'runbooks' && site.onePerAlert ? `What to do when the ${doc.stem} alert fires.` : `${title.value.replace(/[.!?]$/, '')}.`;
      guess('summary', summary, 'the document has no paragraph to take a sentence from: write one');
    }
    fields.push(['summary', summary]);
    const fmOwner = frontmatterString(doc.frontmatter, 'owner');
    const owner = (fmOwner && catalogueId(fmOwner)) || options.owner;
    fields.push(['owner', owner]);
    if (!teams.has(owner)) teams.set(owner, owner === options.owner ? ownerWhy : `named in the front matter of ${doc.file.rel}`);
    guess('owner', owner, owner === fmOwner ? 'the front matter' : fmOwner ? `"${fmOwner}" in the front matter, written as a team id` : `the owner of every imported document (--owner, default "imported")`);

    const fmServices = stringList(doc.frontmatter.services)?.map(catalogueId).filter(Boolean);
    let services: string[] | undefined;
    if (fmServices?.length) {
      services = [...new Set(fmServices)];
      guess('services', services, 'the front matter');
      for (const s of services) addService(s, s, `named in the front matter of ${doc.file.rel}`, doc.file.rel);
    } else if (component) {
      services = [component.id];
      guess('services', services, `the folder ${component.folder}/`);
      const name = sectionTitles.get(component.folder);
      addService(component.id, name ?? posix.basename(component.folder), name ? `the title of ${component.folder}/_index.md` : `the folder ${component.folder}/`, component.folder);
    } else if (doc.kind === 'runbooks') {
      services = [fallbackService];
      guess('services', services, 'the document sits in no component folder, and a runbook needs a service (--service, default: the imported folder\'s name)');
      addService(fallbackService, fallbackService, 'the service of documents that sit in no component folder (--service, default: the folder name)', '.');
    }
    if (services) fields.push(['services', services]);

    if (doc.kind === 'runbooks') {
      const alerts = [...(stringList(doc.frontmatter.alerts) ?? []), ...(alertFile(doc) ? [doc.stem] : [])];
      for (const alert of alerts) {
        const slug = alertSlug(alert);
        if (claimed.has(slug)) {
          if (claimed.get(slug) !== doc.file.rel) doc.changes.push({ what: 'frontmatter-dropped', detail: `the alert ${alert} is left out: ${claimed.get(slug)} is already its runbook` });
          continue;
        }
        claimed.set(slug, doc.file.rel);
        doc.alerts.push(alert);
      }
      if (doc.alerts.length) {
        fields.push(['alerts', doc.alerts]);
        guess('alerts', doc.alerts, stringList(doc.frontmatter.alerts) ? 'the front matter' : 'the file name: one file per alert');
      }
      const fmSeverity = frontmatterString(doc.frontmatter, 'severity');
      const ruleSev = doc.alerts.map((a) => ruleSeverity.get(alertSlug(a))).find((s) => s && Severity.options.includes(s as never));
      if (fmSeverity && Severity.options.includes(fmSeverity as never)) fields.push(['severity', fmSeverity]);
      else if (ruleSev) {
        fields.push(['severity', ruleSev]);
        guess('severity', ruleSev, 'the severity label of its alert rule');
      }
    }
    fields.push(['lastReviewed', lastReviewed.value]);
    guess('lastReviewed', lastReviewed.value, lastReviewed.why);
    const cycle = frontmatterString(doc.frontmatter, 'reviewCycle');
    if (cycle && ReviewCycle.options.includes(cycle as never)) fields.push(['reviewCycle', cycle]);
    doc.frontmatterFields = fields;
    const used = new Set(['title', 'summary', 'description', 'owner', 'services', 'alerts', 'severity', 'lastReviewed', 'lastmod', 'reviewCycle']);
    const dropped = Object.keys(doc.frontmatter).filter((k) => !used.has(k));
    if (dropped.length) doc.changes.push({ what: 'frontmatter-dropped', detail: `front matter not carried over (no Opsbook field): ${dropped.map((k) => `${k}: ${JSON.stringify(doc.frontmatter[k])}`).join(', ')}` });
  }

  // Shape each document's sections. Stubs use the headings the import's documents use most ("Meaning" for Symptoms).
  const vocabulary = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    if (doc.skip || !doc.kind) continue;
    for (const m of matchSections(doc.tree, sectionRules(doc.kind), doc.kind === 'runbooks' ? proposed : new Map()).matches) {
      if (!m.section || m.how !== 'name') continue;
      const words = vocabulary.get(`${doc.kind}/${m.rule.name}`) ?? new Map<string, number>();
      const title = m.section.title.trim().replace(/^\d+[.)]?\s*/, '');
      words.set(title, (words.get(title) ?? 0) + 1);
      vocabulary.set(`${doc.kind}/${m.rule.name}`, words);
    }
  }
  const stubName = (kind: string) => (rule: SectionRule) => [...(vocabulary.get(`${kind}/${rule.name}`) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? rule.name;
  for (const doc of docs) {
    if (doc.skip || !doc.kind || !doc.target) continue;
    const kind = kinds.get(doc.kind)!;
    const rules = sectionRules(doc.kind);
    if (rules.length) {
      const match = matchSections(doc.tree, rules, doc.kind === 'runbooks' ? proposed : new Map());
      const data = Object.fromEntries(doc.frontmatterFields);
      const shaped = shapeSections(doc.text, doc.tree, match, { data, ordered: kind.orderedSections, stubName: stubName(doc.kind), firstLine: doc.bodyLine, noun: kind.label.toLowerCase(), trustProposed: options.trustAliases }, doc.changes);
      doc.renamedAnchors = shaped.renamedAnchors;
      doc.shapeEdits = shaped.edits;
    }
    // The anchors of the document as it will be written: shaped, its title heading gone.
    const shapedTree = parseMarkdown(applyEdits(doc.text, doc.shapeEdits));
    const title = leadingTitle(shapedTree);
    doc.anchors = new Set([...assignHeadingIds(shapedTree).filter((h) => h.node !== title).map((h) => h.slug), ...kind.pageAnchors]);
  }

  // Links: resolve everything first (assets get their place from the first document that links them), then rewrite.
  const byRel = new Map(docs.map((d) => [d.file.rel, d]));
  const fileByRel = new Map(scan.files.map((f) => [f.rel, f]));
  const assets = new Map<string, { target: string; from: string[] }>();
  const assetTargets = new Set<string>();
  const converted = docs.filter((d) => !d.skip && d.target);
  const skippedReason = (rel: string) => {
    const doc = byRel.get(rel);
    if (doc?.skip) return `the target ${rel} was not imported (${doc.skip.split(':')[0]})`;
    if (unreadable.has(rel)) return `the target ${rel} was not imported (not UTF-8)`;
    return undefined;
  };
  const placeAsset = (doc: Doc, rel: string): string => {
    const existingAsset = assets.get(rel);
    if (existingAsset) {
      existingAsset.from.push(doc.file.rel);
      return existingAsset.target;
    }
    const fromDir = posix.dirname(doc.target!);
    const collectionRoot = doc.target!.split('/').slice(0, 2).join('/');
    let target = posix.normalize(posix.join(fromDir, posix.relative(posix.dirname(doc.file.rel), rel)));
    if (!target.startsWith(`${collectionRoot}/`) || byRel.has(rel)) target = posix.join(fromDir, posix.basename(rel));
    const ext = posix.extname(target);
    let n = 2;
    const base = target.slice(0, target.length - ext.length);
    while (assetTargets.has(target.toLowerCase()) || existsSync(join(out, target))) target = `${base}-${n++}${ext}`;
    assetTargets.add(target.toLowerCase());
    assets.set(rel, { target, from: [doc.file.rel] });
    return target;
  };

  for (const doc of converted) {
    const edits: Edit[] = [];
    const lineOf = (line: number) => line + doc.bodyLine - 1;
    for (const site_ of linkSites(doc.text, doc.tree)) {
      const written = doc.text.slice(site_.urlStart, site_.urlEnd);
      const url = site_.node.url;
      if (isExternal(url) || url === '') continue;
      const node = site_.node;
      const unwrap = (why: string) => {
        if (node.type === 'definition') edits.push(removeNode(doc.text, node));
        else if (node.type === 'image') edits.push({ start: startOf(node), end: endOf(node), text: node.alt ? node.alt.replace(/([*_[\]\\`])/g, '\\$1') : '' });
        else {
          const first = node.children[0];
          const last = node.children[node.children.length - 1];
          edits.push({ start: startOf(node), end: endOf(node), text: first && last ? doc.text.slice(startOf(first), endOf(last)) : '' });
        }
        doc.changes.push({ what: 'link-unwrapped', line: lineOf(site_.line), detail: `${node.type === 'image' ? 'image' : 'link'} "${url}" ${why}: ${node.type === 'image' ? 'its alt text' : node.type === 'definition' ? 'the definition is removed' : 'its text'} kept` });
      };
      const rewrite = (newUrl: string, why: string) => {
        if (newUrl === written) return;
        edits.push({ start: site_.urlStart, end: site_.urlEnd, text: newUrl });
        doc.changes.push({ what: 'link-rewritten', line: lineOf(site_.line), detail: `"${url}" → "${newUrl}"${why ? ` (${why})` : ''}` });
      };
      const target = resolveSource(tree, doc.file.rel, url);
      if (target.kind === 'missing') {
        if (target.outside && web) {
          const path = posix.normalize(posix.join(web.prefix, target.path));
          if (!path.startsWith('..')) {
            rewrite(`${web.url}/blob/HEAD/${linkPath(path)}`, 'outside the imported folder: its page in the repository');
            continue;
          }
        }
        if (url.startsWith('/') && site.baseUrl) {
          rewrite(`${site.baseUrl.replace(/\/+$/, '')}${url}`, 'a page of the old site that was not imported');
          continue;
        }
        unwrap(target.outside ? 'leads outside the imported folder' : `leads to ${target.path}, which is not in the imported folder`);
        continue;
      }
      if (target.kind !== 'file') continue;
      const fixed = target.caseFixed ? 'the file name differs in letter case' : '';
      const linked = byRel.get(target.rel);
      if (linked) {
        const skipped = skippedReason(target.rel);
        if (skipped || !linked.target) {
          unwrap(skipped ?? `the target ${target.rel} was not imported`);
          continue;
        }
        let anchor = target.anchor;
        if (anchor) {
          const candidates = [anchor, linked.renamedAnchors.get(anchor), anchor.toLowerCase(), githubSlug(anchor)].filter((a): a is string => !!a);
          const found = candidates.find((a) => linked.anchors.has(a));
          if (!found) {
            doc.changes.push({ what: 'anchor-dropped', line: lineOf(site_.line), detail: `"${url}": ${linked === doc ? 'this document' : linked.file.rel} has no heading "#${anchor}", so the link leads to the page` });
            anchor = undefined;
          } else anchor = found;
        }
        if (linked === doc && target.anchor !== undefined) {
          if (!anchor) unwrap('leads to a heading this document does not have');
          else rewrite(`#${anchor}`, anchor !== target.anchor ? 'the heading was renamed' : '');
          continue;
        }
        rewrite(`${linkPath(relativePath(doc.target!, linked.target))}${anchor ? `#${anchor}` : ''}`, fixed || (url.startsWith('/') ? 'a site path, written as a file path' : ''));
        continue;
      }
      if (unreadable.has(target.rel)) {
        unwrap(`the target ${target.rel} was not imported (not UTF-8)`);
        continue;
      }
      const file = fileByRel.get(target.rel);
      if (!file || file.symlink) {
        unwrap(`the target ${target.rel} is a symbolic link`);
        continue;
      }
      const unpublished = target.rel.split('/').some((part) => part.startsWith('.'))
        ? 'is a hidden file, which the site does not publish'
        : FORBIDDEN_ASSETS.has(file.ext)
          ? `is a file type a browser would run (${file.ext}), which Opsbook does not publish`
          : file.ext === '.svg' && ACTIVE_SVG.test(readFileSync(file.abs, 'latin1'))
            ? 'is an SVG with script in it, which Opsbook does not publish'
            : undefined;
      if (unpublished) {
        if (web) rewrite(`${web.url}/blob/HEAD/${linkPath(posix.join(web.prefix, target.rel))}`, `${target.rel} ${unpublished}: its page in the repository`);
        else unwrap(`the target ${target.rel} ${unpublished}`);
        continue;
      }
      const assetTarget = placeAsset(doc, target.rel);
      rewrite(`${linkPath(relativePath(doc.target!, assetTarget))}${target.anchor ? `#${encodeURIComponent(target.anchor)}` : ''}`, fixed);
    }
    let final = applyEdits(doc.text, [...doc.shapeEdits, ...edits]);
    const titleNode = doc.titleHeading === undefined ? undefined : leadingTitle(parseMarkdown(final));
    if (titleNode && plainText(titleNode) === doc.titleHeading) final = applyEdits(final, [removeNode(final, titleNode)]);
    doc.text = final;
    const body = doc.text.replace(/^\n+/, '');
    doc.output = `${renderFrontmatter(doc.frontmatterFields)}${body ? `\n${body.endsWith('\n') ? body : `${body}\n`}` : ''}`;
  }

  // Every input file, accounted for.
  for (const file of scan.files) {
    const doc = byRel.get(file.rel);
    if (doc) {
      if (doc.skip || !doc.target) entries.push({ source: file.rel, action: 'skipped', reason: doc.skip ?? 'not converted', guesses: [], changes: [] });
      else entries.push({ source: file.rel, action: 'converted', kind: doc.kind, target: doc.target, reason: doc.reason, guesses: doc.guesses, changes: [...doc.changes].sort((a, b) => (a.line ?? 1e9) - (b.line ?? 1e9)) });
      continue;
    }
    const asset = assets.get(file.rel);
    if (asset) {
      entries.push({ source: file.rel, action: 'asset', target: asset.target, reason: `linked from ${asset.from.join(', ')}: copied beside it`, guesses: [], changes: [] });
      continue;
    }
    let reason = unreadable.get(file.rel) ?? skipReason(file, site);
    if (!file.ext && !unreadable.has(file.rel)) {
      const twin = scan.files.find((f) => f !== file && MARKDOWN_EXTENSIONS.has(f.ext) && stemOf(f.rel) === posix.basename(file.rel) && posix.dirname(f.rel) === posix.dirname(file.rel));
      const text = readText(file.abs);
      if (twin) reason = `no .md extension, and ${twin.rel} has the same name (an older copy?): not imported`;
      else if (text && /^#{1,6} \S/m.test(text) && /^#{2,6} \S/m.test(text) && !/^[A-Za-z_][\w-]*:(\s|$)/m.test(text)) reason = 'looks like Markdown but has no .md extension: rename it to .md to import it';
    }
    entries.push({ source: file.rel, action: 'skipped', reason, guesses: [], changes: [] });
  }
  entries.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));

  // Catalogue stubs.
  // Services are owned by the --owner team, so it is named whenever a service is.
  if (serviceStubs.size && !teams.has(options.owner)) teams.set(options.owner, ownerWhy);
  const catalogue = catalogueStubs(out, [...teams].map(([id, why]) => ({ id, why })), options.owner, [...serviceStubs.values()]);

  // Rule files.
  const runbookAlerts = new Map(docs.filter((d) => !d.skip && d.target && d.kind === 'runbooks').flatMap((d) => d.alerts.map((a) => [alertSlug(a), a] as const)));
  const rules = options.rules.length
    ? { files: [...annotateRuleFiles(ruleFiles, runbookAlerts, options.siteUrl ?? '', options.dryRun), ...unmatchedRules.map((pattern) => ({ file: pattern, action: 'unreadable' as const, reason: 'this pattern matches no file', annotations: [], withoutRunbook: [] }))] }
    : undefined;

  // Write.
  const planned: PlannedFile[] = [];
  for (const doc of converted) if (doc.output !== undefined) planned.push({ target: doc.target!, text: doc.output });
  for (const [rel, asset] of assets) planned.push({ target: asset.target, copyFrom: fileByRel.get(rel)!.abs });
  for (const c of catalogue) if (c.text !== undefined) planned.push({ target: c.entry.target, text: c.text });
  if (!options.dryRun) {
    for (const file of planned) {
      const path = join(out, file.target);
      if (existsSync(path)) continue;
      mkdirSync(dirname(path), { recursive: true });
      if (file.copyFrom) copyFileSync(file.copyFrom, path);
      else writeFileSync(path, file.text ?? '');
    }
  }
  const check = await checkImported(out, planned, options.dryRun);

  const countBy: Record<string, number> = {};
  for (const e of entries) if (e.action === 'converted') countBy[e.kind!] = (countBy[e.kind!] ?? 0) + 1;
  const report: ImportReport = {
    version: 1,
    input: options.input,
    out: options.out,
    dryRun: options.dryRun,
    today: options.today,
    layout: { name: site.layout, detected: site.detected, reasons: site.reasons },
    counts: {
      files: scan.files.length + scan.folders.reduce((n, f) => n + f.files, 0),
      converted: Object.fromEntries(Object.entries(countBy).sort(([a], [b]) => a.localeCompare(b))),
      assets: entries.filter((e) => e.action === 'asset').length,
      skipped: entries.filter((e) => e.action === 'skipped').reduce((n, e) => n + (e.source.endsWith('/') ? Number(/\((\d+) files?\)$/.exec(e.reason)?.[1] ?? 0) : 1), 0),
      guesses: entries.reduce((n, e) => n + e.guesses.length, 0) + catalogue.reduce((n, c) => n + c.entry.guesses.length, 0),
    },
    files: entries,
    catalogue: catalogue.map((c) => c.entry),
    sectionAliases: { proposals, config: aliasConfig(proposals) },
    rules,
    check,
  };
  const markdown = renderMarkdownReport(report);
  if (!options.dryRun) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(out, REPORT_MARKDOWN), markdown);
  }
  return { report, markdown };
}

