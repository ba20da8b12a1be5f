/**
 * The reference graph: every frontmatter reference and every body link
 * between two documents, and the "Referenced by" lists derived from it.
 */
import type { CollectionName, KindRegistry } from '../../model/index.ts';
import type { ResolvedLink } from './links.ts';
import type { ContentDocument } from '../load/load.ts';

export interface Reference {
  from: ContentDocument;
  to: ContentDocument;
  /** The frontmatter field (`services`, `related`…), or `body` for a link in the text. */
  via: string;
}

export function bodyReferences(links: readonly ResolvedLink[], byId: Record<CollectionName, Map<string, ContentDocument> | undefined>): Reference[] {
  return links.flatMap((link) => {
    if (link.target.kind !== 'document') return [];
    const to = byId[link.target.collection]?.get(link.target.id);
    return to && to !== link.from ? [{ from: link.from, to, via: 'body' }] : [];
  });
}

/** Who refers to each document, indexed once (linear in the number of references). */
export function indexBacklinks(references: readonly Reference[]): Map<ContentDocument, Reference[]> {
  const index = new Map<ContentDocument, Reference[]>();
  for (const ref of references) {
    const list = index.get(ref.to);
    if (list) list.push(ref);
    else index.set(ref.to, [ref]);
  }
  return index;
}

export interface BacklinkGroup {
  collection: CollectionName;
  /** Referring documents, each once, with every way it refers. */
  entries: { doc: ContentDocument; via: string[] }[];
}

/** "Referenced by", grouped by the referring document's collection, in registry order. */
export function groupBacklinks(references: readonly Reference[] | undefined, kinds: KindRegistry): BacklinkGroup[] {
  const byDoc = new Map<ContentDocument, Set<string>>();
  for (const ref of references ?? []) byDoc.set(ref.from, (byDoc.get(ref.from) ?? new Set()).add(ref.via));
  return kinds.names.flatMap((collection) => {
    const entries = [...byDoc]
      .filter(([doc]) => doc.collection === collection)
      .map(([doc, via]) => ({ doc, via: [...via].sort() }))
      .sort((a, b) => a.doc.id.localeCompare(b.doc.id));
    return entries.length ? [{ collection, entries }] : [];
  });
}
