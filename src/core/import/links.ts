/**
 * Links between imported files. A link is resolved where it was written (in
 * the imported folder: relative to the file, or to the site's root for a
 * site path such as Hugo's `/docs/add-runbook`), then rewritten as the path
 * from the document's new place to its target's new place: a relative file
 * path with an optional heading anchor, the form Opsbook's link checker
 * (src/core/links/links.ts) reads and the site rewrites to page URLs.
 */
import { posix } from 'node:path';
import type { Definition, Image, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { endOf, startOf } from './markdown.ts';

export interface SourceTree {
  /** Every file of the imported folder. */
  files: ReadonlySet<string>;
  /** Lower-cased path → paths, for links written in another letter case. */
  lower: ReadonlyMap<string, readonly string[]>;
  /** Folders a site path (`/docs/x`) is read from, first match wins: Hugo's content/ and static/, MkDocs' docs_dir, or the folder itself. */
  siteRoots: readonly string[];
  /** Hugo reads a relative link against the page's URL (`foo.md` is at `foo/`) as well. */
  hugo: boolean;
}

export function sourceTree(files: readonly string[], siteRoots: readonly string[], hugo: boolean): SourceTree {
  const lower = new Map<string, string[]>();
  for (const file of files) lower.set(file.toLowerCase(), [...(lower.get(file.toLowerCase()) ?? []), file]);
  return { files: new Set(files), lower, siteRoots, hugo };
}

export type SourceTarget =
  | { kind: 'external' }
  | { kind: 'file'; rel: string; anchor?: string | undefined; caseFixed: boolean }
  | { kind: 'missing'; path: string; outside: boolean };

/** A scheme (`https:`, `mailto:`) or `//host`: left as it is. */
export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const MARKDOWN = ['.md', '.markdown', '.mdx', '.mdown', '.mkd'];
const INDEXES = ['README.md', 'readme.md', 'Readme.md', 'index.md', '_index.md', 'README.markdown', 'index.markdown'];

/** Files a link path may mean: itself, with a Markdown extension, a folder's README or index, a page's .html as its source. */
function candidates(path: string): string[] {
  const bare = path.replace(/\/+$/, '');
  const list = [bare];
  if (!MARKDOWN.includes(posix.extname(bare).toLowerCase())) list.push(...MARKDOWN.map((ext) => `${bare}${ext}`));
  list.push(...INDEXES.map((name) => (bare ? `${bare}/${name}` : name)));
  if (/\.html?$/i.test(bare)) {
    const stem = bare.replace(/\.html?$/i, '');
    list.push(`${stem}.md`, ...(stem.endsWith('/index') ? [`${stem.slice(0, -6)}/README.md`, `${stem.slice(0, -6)}/_index.md`] : []));
  }
  return list;
}

function find(tree: SourceTree, path: string): { rel: string; caseFixed: boolean } | undefined {
  const names = candidates(path);
  const exact = names.find((n) => tree.files.has(n));
  if (exact) return { rel: exact, caseFixed: false };
  for (const name of names) {
    const near = tree.lower.get(name.toLowerCase());
    if (near?.length === 1) return { rel: near[0]!, caseFixed: true };
  }
  return undefined;
}

/** Where a link written in `from` leads in the imported folder. */
export function resolveSource(tree: SourceTree, from: string, url: string): SourceTarget {
  if (isExternal(url)) return { kind: 'external' };
  const hashAt = url.indexOf('#');
  const rawPath = (hashAt === -1 ? url : url.slice(0, hashAt)).replace(/\?.*$/, '');
  const anchor = hashAt === -1 ? undefined : decode(url.slice(hashAt + 1));
  if (rawPath === '') return { kind: 'file', rel: from, anchor, caseFixed: false };
  const path = decode(rawPath);
  if (path.startsWith('/')) {
    for (const root of tree.siteRoots) {
      const found = find(tree, posix.normalize(posix.join(root, path.slice(1))).replace(/^\.\/?/, ''));
      if (found) return { kind: 'file', ...found, anchor };
    }
    return { kind: 'missing', path, outside: false };
  }
  const joined = posix.normalize(posix.join(posix.dirname(from), path));
  if (joined.startsWith('../') || joined === '..') return { kind: 'missing', path: joined, outside: true };
  const found = find(tree, joined === '.' ? '' : joined);
  if (found) return { kind: 'file', ...found, anchor };
  if (tree.hugo && !/(^|\/)_?index\.md$/i.test(from)) {
    // Hugo publishes foo.md at foo/, and the browser reads the link from there.
    const page = posix.join(posix.dirname(from), posix.basename(from, posix.extname(from)));
    const fromPage = posix.normalize(posix.join(page, path));
    const viaPage = fromPage.startsWith('../') ? undefined : find(tree, fromPage);
    if (viaPage) return { kind: 'file', ...viaPage, anchor };
  }
  return { kind: 'missing', path: joined, outside: false };
}

/**
 * A Hugo `ref`/`relref` target as a path relative to the page: the path as
 * written from the page's folder, then from the content root, then a file of
 * that name anywhere (Hugo accepts a bare name when it is unique).
 */
export function resolveHugoRef(tree: SourceTree, from: string, target: string): string | undefined {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const fromDir = posix.dirname(from);
  const tries = path.startsWith('/') ? tree.siteRoots.map((r) => posix.join(r, path.slice(1))) : [posix.join(fromDir, path), ...tree.siteRoots.map((r) => posix.join(r, path))];
  let found = tries.map((t) => find(tree, posix.normalize(t))).find(Boolean)?.rel;
  if (!found && !path.includes('/')) {
    const named = [...tree.files].filter((f) => posix.basename(f).toLowerCase() === path.toLowerCase() || posix.basename(f, posix.extname(f)).toLowerCase() === path.toLowerCase());
    if (named.length === 1) found = named[0];
  }
  if (!found) return undefined;
  return relativePath(from, found) + (anchor ? `#${anchor}` : '');
}

/** The path from one file to another, `./x.md` or `../a/x.md`. */
export function relativePath(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** A path written into a link: the characters a Markdown destination cannot hold unescaped, escaped. */
export function linkPath(path: string): string {
  return path.replace(/[%\s()<>]/g, (c) => encodeURIComponent(c));
}

export interface LinkSite {
  node: Link | Image | Definition;
  url: string;
  /** Offsets of the destination as written in the text. */
  urlStart: number;
  urlEnd: number;
  line: number;
}

/** Where the destination of a link, image or definition is written: `(dest "title")`, `<dest>`, `[id]: dest`. */
function destination(text: string, from: number, end: number): [number, number] | undefined {
  let q = from;
  while (q < end && /[ \t\n]/.test(text[q]!)) q++;
  if (text[q] === '<') {
    const close = text.indexOf('>', q);
    return close === -1 || close > end ? undefined : [q + 1, close];
  }
  let depth = 0;
  let r = q;
  for (; r < end; r++) {
    const c = text[r]!;
    if (c === '\\') {
      r++;
      continue;
    }
    if (/\s/.test(c)) break;
    if (c === '(') depth++;
    if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return r > q ? [q, r] : undefined;
}

/** Every link, image and definition whose destination can be found in the text. */
export function linkSites(text: string, tree: Root): LinkSite[] {
  const sites: LinkSite[] = [];
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
    const start = startOf(node);
    const end = endOf(node);
    let from: number;
    if (node.type === 'definition') {
      const colon = text.indexOf(']:', start);
      if (colon === -1 || colon > end) return;
      from = colon + 2;
    } else {
      // Autolinks (<https://…>, bare URLs) have no written destination: they are external anyway.
      const afterLabel = node.type === 'link' && node.children.length ? endOf(node.children[node.children.length - 1]!) : start;
      const open = text.indexOf('](', afterLabel);
      if (open === -1 || open >= end) return;
      from = open + 2;
    }
    const range = destination(text, from, end);
    if (!range) return;
    sites.push({ node, url: node.url, urlStart: range[0], urlEnd: range[1], line: node.position?.start.line ?? 0 });
  });
  return sites;
}
