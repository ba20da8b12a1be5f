/**
 * Phase two: checks across documents (duplicate ids, operation ids, dangling
 * frontmatter references) and the Project that pages and scripts query.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { checkAsset } from './validate/assets.ts';
import { orList, type BuiltinKindName, type KindRegistry } from '../model/index.ts';
import { loadConfig, type ResolvedConfig } from './config.ts';
import { sortDiagnostics, type Diagnostic } from './diagnostics/diagnostics.ts';
import { loadContent, loadContentAhead, markdownBodies, readContent, type AssetFile, type ContentFiles, type ContentDocument, type DocumentOf, type LoadedContent } from './load/load.ts';
import type { ParseCache } from './load/markdown.ts';
import { checkAlertCoverage, collectAlerts, type AlertEntry } from './links/alerts.ts';
import { bodyReferences, indexBacklinks, type Reference } from './links/backlinks.ts';
import { buildLinkIndex, checkBodyLinks, type LinkIndex, type ResolvedLink } from './links/links.ts';
import { checkDiagrams, verdictsAhead } from './validate/mermaid-check.ts';
import { checkSafety } from './validate/safety.ts';
import { findSecrets } from './validate/secrets.ts';
import { suggest } from './diagnostics/suggest.ts';
import { applyBaseline, BASELINE_FILE, readBaseline, type BaselineResult } from './diagnostics/baseline.ts';
import { fieldLabel } from './diagnostics/zod-issues.ts';
import { documentPath } from './links/urls.ts';

/** Documents by collection, then by id; the built-in kinds' documents typed by their schema. */
export type DocumentsById = { [K in BuiltinKindName]: Map<string, DocumentOf<K>> } & Record<string, Map<string, ContentDocument>>;

export interface Project {
  root: string;
  config: ResolvedConfig;
  /** The kinds of this site (built-in and from the config). */
  kinds: KindRegistry;
  documents: ContentDocument[];
  assets: AssetFile[];
  /** Documents by collection, then by id. */
  byId: DocumentsById;
  /** What references may name, by collection: every id, and each kind's `referenceKey` value (an operationId). */
  refIndex: Record<string, Map<string, ContentDocument>>;
  /** Every body link that resolved. */
  links: ResolvedLink[];
  linkIndex: LinkIndex;
  /** Every reference between two documents: frontmatter fields and body links. */
  references: Reference[];
  /** References by the document they point to. */
  backlinks: Map<ContentDocument, Reference[]>;
  /** Alerts by slug. */
  alerts: Map<string, AlertEntry>;
  /** Findings that count: everything found, less what opsbook-baseline.json records. */
  diagnostics: Diagnostic[];
  /** Findings the baseline records (listed as known, never failing) and its entries that no longer occur. */
  baseline: BaselineResult<Diagnostic>;
}

/** How two file names with the same id differ. */
function idDifference(a: string, b: string): string {
  const stem = (f: string) => f.slice(0, f.length - extname(f).length);
  if (stem(a) === stem(b)) return 'in their extension';
  if (a.toLowerCase() === b.toLowerCase()) return 'in letter case';
  if (a.normalize('NFC') === b.normalize('NFC')) return 'in Unicode normalisation (the same letters, encoded differently)';
  return 'in letter case and Unicode normalisation';
}

function checkDuplicateIds(documents: readonly ContentDocument[], kinds: KindRegistry, out: Diagnostic[]): void {
  const seen = new Map<string, ContentDocument[]>();
  for (const doc of documents) {
    const key = `${doc.collection}\u0000${doc.id}`;
    seen.set(key, [...(seen.get(key) ?? []), doc]);
  }
  for (const docs of seen.values()) {
    if (docs.length < 2) continue;
    for (const doc of docs) {
      const others = docs.filter((d) => d !== doc).map((d) => d.file);
      const why = idDifference(doc.file, others[0]!);
      out.push({
        file: doc.file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'ids/duplicate',
        message: `Another ${kinds.get(doc.collection)?.noun ?? 'document'} has the same id "${doc.id}": ${others.join(', ')}`,
        hint: `The names differ only ${why}, which ids ignore: rename one of the files.`,
      });
    }
  }
}

/** Two documents whose ids differ but would be published at the same URL. */
function checkUrlClashes(documents: readonly ContentDocument[], out: Diagnostic[]): void {
  const byPath = new Map<string, ContentDocument[]>();
  for (const doc of documents) {
    const path = documentPath(doc.collection, doc.id);
    byPath.set(path, [...(byPath.get(path) ?? []), doc]);
  }
  for (const [path, docs] of byPath) {
    const ids = new Set(docs.map((d) => d.id));
    if (ids.size < 2) continue;
    for (const doc of docs) {
      out.push({ file: doc.file, line: 1, column: 1, severity: 'error', rule: 'ids/url-clash', message: `This document would be published at ${path}, as would ${docs.filter((d) => d !== doc).map((d) => d.file).join(', ')}`, hint: 'Rename one of the files: URLs keep letters and digits and turn everything else into hyphens.' });
    }
  }
}

function checkOperationIds(documents: readonly ContentDocument[], out: Diagnostic[]): void {
  const byOperationId = new Map<string, ContentDocument[]>();
  for (const doc of documents) {
    if (doc.collection !== 'operations' || typeof doc.raw?.operationId !== 'string') continue;
    const operationId = doc.raw.operationId;
    const name = basename(doc.file, extname(doc.file));
    if (operationId !== name) {
      const pos = doc.yaml!.locate(['operationId']);
      out.push({
        file: doc.file,
        ...pos,
        severity: 'error',
        rule: 'operation/id-mismatch',
        message: `"operationId" is ${operationId} but the file is named ${name}${extname(doc.file)}`,
        hint: `Rename the file to ${operationId}${extname(doc.file)} or correct operationId: the two must be equal.`,
      });
    }
    byOperationId.set(operationId, [...(byOperationId.get(operationId) ?? []), doc]);
  }
  for (const [operationId, docs] of byOperationId) {
    if (docs.length < 2) continue;
    for (const doc of docs) {
      out.push({
        file: doc.file,
        ...doc.yaml!.locate(['operationId']),
        severity: 'error',
        rule: 'operation/duplicate-id',
        message: `operationId ${operationId} is also used by ${docs.filter((d) => d !== doc).map((d) => d.file).join(', ')}`,
        hint: 'Each operation record needs its own id; make the slug more specific.',
      });
    }
  }
}

/** Resolves every frontmatter reference; a dangling one is an error with a did-you-mean. */
function checkReferences(documents: readonly ContentDocument[], byId: Project['refIndex'], kinds: KindRegistry, out: Diagnostic[]): Reference[] {
  const references: Reference[] = [];
  for (const doc of documents) {
    if (!doc.raw || !doc.yaml) continue;
    for (const ref of kinds.get(doc.collection)!.references(doc.raw)) {
      const field = fieldLabel(ref.path);
      // `procedures/db-migration` names its collection when the field may point into several.
      const prefixed = /^([a-z-]+)\/(.+)$/.exec(ref.id);
      const explicit = prefixed && ref.targets.includes(prefixed[1]!) ? byId[prefixed[1]!]?.get(prefixed[2]!) : undefined;
      const found = explicit ? [explicit] : ref.targets.flatMap((t) => byId[t]?.get(ref.id) ?? []);
      if (found.length > 1) {
        out.push({ file: doc.file, ...doc.yaml.locate(ref.path), severity: 'error', rule: 'refs/ambiguous', message: `"${field}" names "${ref.id}", which is both a ${found.map((d) => kinds.get(d.collection)?.noun).join(' and a ')}`, hint: `Write the collection in front: ${found.map((d) => `"${d.collection}/${ref.id}"`).join(' or ')}.` });
        continue;
      }
      const target = found[0];
      if (target) {
        if (target !== doc) references.push({ from: doc, to: target, via: String(ref.path[0]) });
        continue;
      }
      const candidates = ref.targets.flatMap((t) => [...(byId[t]?.keys() ?? [])]);
      const match = suggest(ref.id, candidates);
      const folders = orList(ref.targets.map((t) => `content/${t}/`));
      out.push({
        file: doc.file,
        ...doc.yaml.locate(ref.path),
        severity: 'error',
        rule: 'refs/missing',
        message: `"${field}" names no ${kinds.nouns(ref.targets)} "${ref.id}"${match ? `; did you mean "${match}"?` : ''}`,
        hint: match && match.toLowerCase() === ref.id.toLowerCase() ? 'Ids are lower-case.' : `Ids are file paths inside ${folders}, without the extension.`,
      });
    }
  }
  return references;
}

/** The cross-document rules kinds bring (src/model/<kind>.ts `rules` with `validate`). */
function checkKindRules(documents: readonly ContentDocument[], kinds: KindRegistry, alerts: Map<string, AlertEntry>, out: Diagnostic[]): void {
  const knownAlerts = new Set([...alerts.values()].map((a) => a.name.toLowerCase()));
  for (const kind of kinds.all) {
    for (const rule of kind.rules) {
      if (!rule.validate) continue;
      rule.validate({
        // A valid ContentDocument is a RuleDocument: the rule hands back the document itself.
        documents: documents.filter((d): d is Valid<ContentDocument> => d.collection === kind.name && d.data !== undefined),
        knownAlerts,
        report: (view, where, message, hint) => {
          const doc = view as ContentDocument;
          const at = Array.isArray(where) ? (doc.yaml?.locate(where) ?? { line: 1, column: 1 }) : { line: where.line, column: 1 };
          out.push({ file: doc.file, ...at, severity: rule.severity, rule: rule.id as Diagnostic['rule'], message, hint });
        },
      });
    }
  }
}

/** Loads, validates and cross-checks a content tree (`files` when already read). Never throws for bad content. */
export function buildProject(root: string, config: ResolvedConfig, cache?: ParseCache, files?: ContentFiles): Project {
  return crossCheck(root, config, loadContent(root, config, cache, files));
}

/** The project of documents loaded and validated one by one: what links them, and the checks across them. */
function crossCheck(root: string, config: ResolvedConfig, loaded: LoadedContent): Project {
  const diagnostics = [...loaded.diagnostics];
  const kinds = config.kinds;
  const byId = Object.fromEntries(kinds.names.map((name) => [name, new Map<string, ContentDocument>()])) as Project['byId'];
  for (const doc of loaded.documents) if (!byId[doc.collection]!.has(doc.id)) byId[doc.collection]!.set(doc.id, doc);
  const refIndex = Object.fromEntries(Object.entries(byId).map(([name, docs]) => [name, new Map(docs)]));
  for (const kind of kinds.all) {
    if (!kind.referenceKey) continue;
    for (const doc of byId[kind.name]!.values()) {
      const key = doc.raw?.[kind.referenceKey];
      if (typeof key === 'string' && !refIndex[kind.name]!.has(key)) refIndex[kind.name]!.set(key, doc);
    }
  }

  checkDuplicateIds(loaded.documents, kinds, diagnostics);
  checkOperationIds(loaded.documents, diagnostics);
  const frontmatterReferences = checkReferences(loaded.documents, refIndex, kinds, diagnostics);
  // Two phases: landmarks of every page first, then every body link against them.
  // Files beside documents: their type and content decide whether they are published, and they are scanned for secrets.
  for (const asset of loaded.assets) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, asset.file));
    } catch (error) {
      diagnostics.push({ file: asset.file, line: 0, column: 0, severity: 'error', rule: 'file/unreadable', message: `This file cannot be read: ${(error as Error).message}` });
      asset.publish = false;
      continue;
    }
    const checked = checkAsset(asset.file, bytes);
    diagnostics.push(...checked.diagnostics);
    asset.publish = checked.publish !== undefined;
  }
  const linkIndex = buildLinkIndex(loaded.documents, loaded.assets, kinds);
  const links = checkBodyLinks(loaded.documents, linkIndex, diagnostics);
  const alerts = collectAlerts(loaded.documents, diagnostics);
  diagnostics.push(...checkSafety(loaded.documents, { allowMdx: config.mdx }));
  for (const doc of loaded.documents) diagnostics.push(...findSecrets(doc.file, doc.source));
  checkUrlClashes(loaded.documents, diagnostics);
  checkKindRules(loaded.documents, kinds, alerts, diagnostics);
  checkAlertCoverage(root, config.alertRules, alerts, diagnostics);
  const references = [...frontmatterReferences, ...bodyReferences(links, byId)];

  return {
    root,
    config,
    kinds,
    documents: loaded.documents,
    assets: loaded.assets,
    byId,
    refIndex,
    links,
    linkIndex,
    references,
    backlinks: indexBacklinks(references),
    alerts,
    diagnostics: sortDiagnostics(diagnostics),
    baseline: { fresh: [], known: [], removable: [] },
  };
}

/**
 * Reads the configuration, builds the project, and checks its diagrams (which
 * needs Mermaid, so is async). `cache` gives Markdown trees parsed by earlier runs.
 */
export async function openProject(root: string, cache?: ParseCache): Promise<Project> {
  const { config, diagnostics: configProblems } = await loadConfig(root);
  // Parsing is most of validation's time, and the bodies parse apart: the cache parses the new ones on every core,
  // and each document is validated as soon as its body is back.
  const files = readContent(root, config);
  const bodies = markdownBodies(files);
  const warming = cache?.warm?.(bodies.filter((body) => body !== undefined));
  warming?.catch(() => undefined); // awaited below, once the documents are loaded
  // Mermaid's verdicts are worked out while the documents load: this thread waits for the trees a third of that time.
  const ahead = warming ? verdictsAhead(bodies.map((body) => body?.text), cache) : undefined;
  ahead?.parsed.catch(() => undefined); // a verdict not worked out ahead is worked out by checkDiagrams
  const loaded = cache && warming ? await loadContentAhead(config, cache, files, bodies) : loadContent(root, config, cache, files);
  await warming;
  const project = crossCheck(root, config, loaded);
  const diagrams = await checkDiagrams(project.documents, cache, ahead?.verdicts);
  const all = diagrams.length || configProblems.length ? sortDiagnostics([...configProblems, ...project.diagnostics, ...diagrams]) : project.diagnostics;
  let entries;
  try {
    entries = readBaseline(root)?.validation;
  } catch (error) {
    all.push({ file: BASELINE_FILE, line: 1, column: 1, severity: 'error', rule: 'config/unreadable', message: `${BASELINE_FILE} cannot be read: ${(error as Error).message}`, hint: 'Write it again with `npm run check -- --write-baseline`.' });
  }
  project.baseline = applyBaseline(all, entries);
  project.diagnostics = project.baseline.fresh;
  return project;
}

/** A document whose data passed validation. */
export type Valid<D extends ContentDocument<unknown>> = D & { data: NonNullable<D['data']> };

/** The documents of a collection that passed validation, typed by kind. */
export function validDocuments<K extends BuiltinKindName>(project: Pick<Project, 'byId'>, collection: K): Valid<DocumentOf<K>>[];
export function validDocuments(project: Pick<Project, 'byId'>, collection: string): Valid<ContentDocument>[];
export function validDocuments(project: Pick<Project, 'byId'>, collection: string): Valid<ContentDocument>[] {
  return [...(project.byId[collection]?.values() ?? [])].filter((d): d is Valid<ContentDocument> => d.data !== undefined);
}

/**
 * The valid documents of `collection` that name `doc` in one of `fields`, each once, in file order
 * (references are resolved document by document): from the backlinks, not a pass over every document.
 */
export function referencing<K extends BuiltinKindName>(project: Pick<Project, 'backlinks'>, doc: ContentDocument | undefined, collection: K, fields: readonly string[]): Valid<DocumentOf<K>>[];
export function referencing(project: Pick<Project, 'backlinks'>, doc: ContentDocument | undefined, collection: string, fields: readonly string[]): Valid<ContentDocument>[];
export function referencing(project: Pick<Project, 'backlinks'>, doc: ContentDocument | undefined, collection: string, fields: readonly string[]): Valid<ContentDocument>[] {
  const from = new Set<Valid<ContentDocument>>();
  for (const ref of (doc && project.backlinks.get(doc)) ?? []) {
    if (ref.from.collection === collection && ref.from.data !== undefined && fields.includes(ref.via)) from.add(ref.from as Valid<ContentDocument>);
  }
  return [...from];
}

export function hasErrors(project: Pick<Project, 'diagnostics'>): boolean {
  return project.diagnostics.some((d) => d.severity === 'error');
}
