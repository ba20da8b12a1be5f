/**
 * Links in document bodies, checked in two phases: first every page's
 * landmarks (its file, id and heading anchors, and every asset file), then
 * every link against them. A link is written the way GitHub shows files
 * (`../runbooks/payments/db-failover.md#rollback`, with or without the
 * extension) and resolves to a document, one of its headings, or an asset.
 */
import { extname, posix } from 'node:path';
import type { Definition, Image, Link, Nodes } from 'mdast';
import { walk } from '../../markdown/walk.ts';
import type { CollectionName, KindRegistry } from '../../model/index.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';
import type { AssetFile, ContentDocument } from '../load/load.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { assetPath, documentPath } from './urls.ts';

declare module 'mdast' {
  /** Where a resolved body link leads on the site (without the base); set by checkBodyLinks. */
  interface LinkData {
    sitePath?: string;
  }
  interface ImageData {
    sitePath?: string;
  }
  interface DefinitionData {
    sitePath?: string;
  }
}

export type LinkTarget =
  | { kind: 'document'; collection: CollectionName; id: string; anchor?: string | undefined }
  | { kind: 'asset'; file: string };

/** Landmarks: what a link may point at. */
export interface LinkIndex {
  documents: Map<string, ContentDocument>;
  /** Lower-cased file path → real paths, for case hints. */
  documentsByLowerPath: Map<string, string[]>;
  assets: Set<string>;
  assetsByLowerPath: Map<string, string[]>;
  anchors: Map<ContentDocument, Set<string>>;
}

/** Every page's landmarks: its file, heading anchors and the fixed sections its kind's page has (`#blast-radius`). */
export function buildLinkIndex(documents: readonly ContentDocument[], assets: readonly AssetFile[], kinds: KindRegistry): LinkIndex {
  const index: LinkIndex = { documents: new Map(), documentsByLowerPath: new Map(), assets: new Set(), assetsByLowerPath: new Map(), anchors: new Map() };
  const addLower = (map: Map<string, string[]>, path: string) => map.set(path.toLowerCase(), [...(map.get(path.toLowerCase()) ?? []), path]);
  for (const doc of documents) {
    index.documents.set(doc.file, doc);
    addLower(index.documentsByLowerPath, doc.file);
    index.anchors.set(doc, new Set([...(doc.body?.headings.map((h) => h.slug) ?? []), ...(kinds.get(doc.collection)?.pageAnchors ?? [])]));
  }
  for (const asset of assets) {
    index.assets.add(asset.file);
    addLower(index.assetsByLowerPath, asset.file);
  }
  return index;
}

export type Resolution = { ok: true; target: LinkTarget; path: string } | { ok: false; rule: RuleId; message: string; hint?: string | undefined } | { ok: 'external' };

const DOCUMENT_EXTENSIONS = ['.md', '.mdx', '.yaml', '.yml'];

/** True for URLs that leave the site: a scheme (`https:`, `mailto:`), or `//host`. */
function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Files a link path may mean: itself, with a document extension, or a folder's README/index. */
function candidates(path: string): string[] {
  const bare = path.replace(/\/+$/, '');
  const list = [bare];
  if (!DOCUMENT_EXTENSIONS.includes(extname(bare).toLowerCase())) list.push(...DOCUMENT_EXTENSIONS.map((ext) => `${bare}${ext}`));
  return list;
}

function relativeTo(fromFile: string, target: string): string {
  const rel = posix.relative(posix.dirname(fromFile), target);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * Resolves a link written in `fromFile` (a path relative to the project root).
 * Returns the target and its site path, or why it does not resolve.
 */
export function resolveLink(index: LinkIndex, fromFile: string, url: string): Resolution {
  if (isExternal(url)) return { ok: 'external' };
  const hashAt = url.indexOf('#');
  const rawPath = (hashAt === -1 ? url : url.slice(0, hashAt)).replace(/\?.*$/, '');
  const anchor = hashAt === -1 ? undefined : safeDecode(url.slice(hashAt + 1));
  const from = index.documents.get(fromFile);

  let doc: ContentDocument | undefined;
  if (rawPath === '') {
    doc = from;
  } else if (rawPath.startsWith('/')) {
    return { ok: false, rule: 'links/absolute', message: `The link "${url}" is a site path`, hint: 'Link to the file instead, relative to this one (e.g. ../runbooks/payments/db-failover.md), so the link works on GitHub and under any base path.' };
  } else {
    const target = posix.normalize(posix.join(posix.dirname(fromFile), safeDecode(rawPath)));
    if (!target.startsWith('content/')) {
      return { ok: false, rule: 'links/outside-content', message: `The link "${url}" leads outside content/`, hint: 'Only documents and files under content/ are published; link to those, or use a full https:// URL.' };
    }
    const names = candidates(target);
    const docFile = names.find((name) => index.documents.has(name));
    if (docFile) doc = index.documents.get(docFile);
    else if (index.assets.has(target)) {
      if (anchor !== undefined && anchor !== '') return { ok: true, target: { kind: 'asset', file: target }, path: `${assetPath(target)}#${encodeURIComponent(anchor)}` };
      return { ok: true, target: { kind: 'asset', file: target }, path: assetPath(target) };
    } else {
      const wrongCase = names.flatMap((name) => [...(index.documentsByLowerPath.get(name.toLowerCase()) ?? []), ...(index.assetsByLowerPath.get(name.toLowerCase()) ?? [])])[0];
      if (wrongCase) {
        return {
          ok: false,
          rule: 'links/case-mismatch',
          message: `The link "${url}" matches ${wrongCase} only in another letter case`,
          hint: `Write it as ${relativeTo(fromFile, wrongCase)}${anchor !== undefined ? `#${anchor}` : ''}: links are case-sensitive on most web servers.`,
        };
      }
      // A typo is judged against the file name, not the whole path.
      const near = suggest(target, [...index.documents.keys(), ...index.assets], Math.max(2, Math.floor(posix.basename(target).length / 3)));
      return {
        ok: false,
        rule: 'links/missing-target',
        message: `The link "${url}" leads to ${target}, which does not exist${near ? `; did you mean ${relativeTo(fromFile, near)}?` : ''}`,
        hint: 'Link paths are relative to this file, as on GitHub; the .md extension is optional.',
      };
    }
  }
  if (!doc) return { ok: false, rule: 'links/missing-target', message: `The link "${url}" has no target` };
  const path = documentPath(doc.collection, doc.id);
  if (anchor === undefined || anchor === '') return { ok: true, target: { kind: 'document', collection: doc.collection, id: doc.id }, path };
  const anchors = index.anchors.get(doc) ?? new Set<string>();
  if (!anchors.has(anchor)) {
    const near = suggest(anchor, anchors);
    const where = doc === from ? 'this document' : doc.file;
    return {
      ok: false,
      rule: 'links/missing-anchor',
      message: `No heading "#${anchor}" in ${where}${near ? `; did you mean "#${near}"?` : ''}`,
      hint: anchors.size ? `Anchors are heading slugs: lower-case, spaces as hyphens, punctuation dropped.` : `${doc.file} has no headings to link to.`,
    };
  }
  return { ok: true, target: { kind: 'document', collection: doc.collection, id: doc.id, anchor }, path: `${path}#${encodeURIComponent(anchor)}` };
}

/** A link or image in a body, with where it was written. */
export interface BodyLink {
  node: Link | Image | Definition;
  url: string;
  line: number;
  column: number;
}

export function bodyLinks(tree: Nodes): BodyLink[] {
  const links: BodyLink[] = [];
  walk(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      links.push({ node, url: node.url, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0 });
    }
  });
  return links;
}

/** A body link that resolved, for backlinks and rewriting. */
export interface ResolvedLink {
  from: ContentDocument;
  target: LinkTarget;
  /** Site path without the base. */
  path: string;
  line: number;
}

/** Phase two: checks every body link of every document; unresolved ones become diagnostics. */
export function checkBodyLinks(documents: readonly ContentDocument[], index: LinkIndex, out: Diagnostic[]): ResolvedLink[] {
  const resolved: ResolvedLink[] = [];
  for (const doc of documents) {
    if (!doc.body) continue;
    for (const link of bodyLinks(doc.body.mdast)) {
      const result = resolveLink(index, doc.file, link.url);
      if (result.ok === 'external') continue;
      if (result.ok) {
        resolved.push({ from: doc, target: result.target, path: result.path, line: link.line });
        link.node.data = { ...link.node.data, sitePath: result.path };
      } else {
        out.push({ file: doc.file, line: link.line, column: link.column, severity: 'error', rule: result.rule, message: result.message, hint: result.hint });
      }
    }
  }
  return resolved;
}
