/**
 * The one Markdown parse: remark-parse + remark-gfm (+ remark-mdx for .mdx)
 * into an mdast tree that validation, link checks and rendering all share.
 * Heading ids are assigned here, once, so the anchors that are checked are
 * exactly the anchors that are rendered.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { walk } from '../../markdown/walk.ts';
import { assignHeadingIds } from '../../markdown/remark-heading-ids.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { YamlCache } from './yaml.ts';
import { mdxSyntaxHint } from '../validate/github-html.ts';

import { markdownParser, mdxParser } from '../../markdown/pipeline.ts';

export interface HeadingLandmark {
  depth: number;
  text: string;
  /** The id the rendered heading carries (GitHub's slug). */
  slug: string;
  /** Line in the file. */
  line: number;
}

export interface TaskItem {
  checked: boolean;
  text: string;
  line: number;
}

export interface Section {
  /** The heading as written. */
  title: string;
  /** The heading normalised for matching (see normaliseHeading). */
  key: string;
  depth: number;
  slug: string;
  line: number;
  /** Body nodes up to the next heading of the same or a higher level. */
  nodes: RootContent[];
}

export interface ParsedBody {
  mdast: Root;
  /** Line in the file where the body starts. */
  firstLine: number;
  headings: HeadingLandmark[];
  /** Top-level sections: `##`, or `###` when the body has no `##`. */
  sections: Section[];
  /** Heading level of the sections (2 or 3), or 0 when the body has none. */
  sectionDepth: number;
}

/**
 * Parsed trees kept between runs (src/lib/parse-cache.ts keeps them on disk):
 * parsing is most of the time validation takes, and most files have not changed
 * since the last run. A tree is stored as the parser made it, before anything
 * changes it, so a tree from the cache is the tree a parse would give.
 */
export interface ParseCache extends Partial<YamlCache> {
  get(text: string, firstLine: number): Root | undefined;
  set(text: string, firstLine: number, tree: Root): void;
  /**
   * Parses ahead, on other threads, the bodies it does not hold (see
   * markdownBodies); resolves when they are all parsed. While it runs,
   * `parsing` says which bodies are still on their way.
   */
  warm?(bodies: readonly MarkdownBody[]): Promise<void>;
  /** A promise that resolves when this body, being parsed on another thread, can be had from `get`; undefined when it is not being parsed. */
  parsing?(text: string, firstLine: number): Promise<void> | undefined;
  /** Mermaid's verdict on a diagram's source from an earlier run: null when it parsed, else its error message; undefined when not known. */
  verdict?(source: string): string | null | undefined;
  setVerdict?(source: string, error: string | null): void;
}

/** A Markdown body as parseDocument parses it: its text and its first line in the file. */
export interface MarkdownBody {
  text: string;
  firstLine: number;
}

/** Lower-case, without numbering ("2.", "1.3)") or leading symbols, without trailing punctuation. */
export function normaliseHeading(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^\s*(\d+[.)]?)+(\s+|$)/u, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/[\s\p{P}]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Moves every position in a tree down by `offset` lines (plain recursion: this runs on every node of every document). */
function shiftLines(node: Nodes, offset: number): void {
  if (node.position) {
    node.position.start.line += offset;
    node.position.end.line += offset;
  }
  if ('children' in node) for (const child of node.children) shiftLines(child, offset);
}

/**
 * Parses a document body. `firstLine` is the body's line in the file, so
 * positions in the tree are file lines. A syntax error (possible in MDX only)
 * becomes a diagnostic and an undefined result.
 */
export function parseBody(text: string, options: { file: string; mdx: boolean; firstLine: number; cache?: ParseCache | undefined }, out: Diagnostic[]): ParsedBody | undefined {
  // MDX trees hold JavaScript syntax trees (regular expressions, big integers) that JSON would not keep.
  const cache = options.mdx ? undefined : options.cache;
  const cached = cache?.get(text, options.firstLine);
  const mdast = cached ?? parseTree(text, options, out);
  if (!mdast) return undefined;
  if (cache && !cached) cache.set(text, options.firstLine, mdast);
  return landmarks(mdast, options.firstLine);
}

/** The parser's tree, its positions moved to file lines; a syntax error is a diagnostic. */
export function parseTree(text: string, options: { file: string; mdx: boolean; firstLine: number }, out: Diagnostic[]): Root | undefined {
  let mdast: Root;
  try {
    mdast = (options.mdx ? mdxParser : markdownParser).parse(text);
  } catch (error) {
    const place = (error as { place?: { line?: number; column?: number; start?: { line: number; column: number } } }).place;
    const start = place && 'start' in place && place.start ? place.start : (place as { line?: number; column?: number } | undefined);
    out.push({
      file: options.file,
      line: (start?.line ?? 1) + options.firstLine - 1,
      column: start?.column ?? 1,
      severity: 'error',
      rule: 'mdx/syntax',
      message: `MDX cannot be parsed: ${(error as { reason?: string; message: string }).reason ?? (error as Error).message}`,
      hint: mdxSyntaxHint((error as { reason?: string }).reason ?? ''),
    });
    return undefined;
  }
  const offset = options.firstLine - 1;
  if (offset > 0) shiftLines(mdast, offset);
  return mdast;
}

/** Heading ids assigned, and the headings and sections that rules and pages read. */
function landmarks(mdast: Root, firstLine: number): ParsedBody {
  const headings: HeadingLandmark[] = assignHeadingIds(mdast).map(({ node, text, slug }) => ({
    depth: node.depth,
    text,
    slug,
    line: node.position?.start.line ?? firstLine,
  }));

  const topLevel = mdast.children;
  const sectionDepth = topLevel.some((n) => n.type === 'heading' && n.depth === 2) ? 2 : topLevel.some((n) => n.type === 'heading' && n.depth === 3) ? 3 : 0;
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const node of topLevel) {
    if (node.type === 'heading' && node.depth <= sectionDepth) {
      current = undefined;
      if (node.depth === sectionDepth) {
        const title = toString(node);
        current = {
          title,
          key: normaliseHeading(title),
          depth: node.depth,
          slug: String(node.data?.hProperties?.id ?? ''),
          line: node.position?.start.line ?? firstLine,
          nodes: [],
        };
        sections.push(current);
      }
      continue;
    }
    current?.nodes.push(node);
  }
  return { mdast, firstLine, headings, sections, sectionDepth };
}

/** Every task-list item (`- [ ]` / `- [x]`) inside some nodes, nested ones included. */
export function taskItems(nodes: readonly Nodes[]): TaskItem[] {
  const items: TaskItem[] = [];
  for (const root of nodes) {
    walk(root, (item) => {
      if (item.type === 'listItem' && typeof item.checked === 'boolean') {
        const first = item.children[0];
        items.push({ checked: item.checked, text: first ? toString(first).trim() : '', line: item.position?.start.line ?? 0 });
      }
    });
  }
  return items;
}
