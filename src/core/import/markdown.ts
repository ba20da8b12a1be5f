/**
 * Changes to a document's Markdown, made as edits on the text as written
 * (offsets from the project's own parse), so everything import does not
 * change stays byte for byte what the author wrote.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { markdownParser } from '../../markdown/pipeline.ts';
import { normaliseHeading } from '../load/markdown.ts';
import type { Change } from './types.ts';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function parseMarkdown(text: string): Root {
  return markdownParser.parse(text);
}

export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}
export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}
export function lineOf(node: Nodes, firstLine = 1): number {
  return (node.position?.start.line ?? 1) + firstLine - 1;
}

/** Applies edits that do not overlap (an edit inside one already taken is dropped). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Where the text is code (fenced, indented, inline) or raw HTML: nothing is rewritten there. */
export function literalRanges(tree: Root): [number, number][] {
  const ranges: [number, number][] = [];
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode') ranges.push([startOf(node), endOf(node)]);
  });
  return ranges;
}

const inside = (ranges: readonly [number, number][], offset: number) => ranges.some(([a, b]) => offset >= a && offset < b);

/** Plain text of a node for titles and summaries: code kept, HTML left out. */
export function plainText(node: Nodes): string {
  return toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Hugo shortcodes

export interface ShortcodeContext {
  /** A `ref`/`relref` target as a path relative to the document's folder in the imported tree, or undefined. */
  ref: (target: string) => string | undefined;
  /** A site parameter (`{{< param BookRepo >}}`). */
  param: (name: string) => string | undefined;
}

const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([A-Za-z][\w.-]*)((?:[^"'{}<>%]|"[^"]*"|'[^']*'|`[^`]*`)*?)\s*[>%]\}\}/g;

function shortcodeArgs(raw: string): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = [];
  const named: Record<string, string> = {};
  for (const match of raw.matchAll(/([A-Za-z][\w-]*)=("([^"]*)"|'([^']*)'|`([^`]*)`|(\S+))|"([^"]*)"|'([^']*)'|`([^`]*)`|(\S+)/g)) {
    if (match[1]) named[match[1]] = match[3] ?? match[4] ?? match[5] ?? match[6] ?? '';
    else positional.push(match[7] ?? match[8] ?? match[9] ?? match[10] ?? '');
  }
  return { positional, named };
}

const CALLOUTS = new Set(['hint', 'notice', 'note', 'tip', 'warning', 'info', 'alert', 'callout', 'admonition', 'caution', 'danger', 'important']);

function quote(text: string): string {
  return text
    .replace(/^\n+|\n+$/g, '')
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

/**
 * Hugo shortcodes outside code: `ref`/`relref` become the relative path of
 * the file (a link the link step then rewrites), `param` its value from the
 * site configuration, `figure` an image, callouts a quote, `details` and
 * `expand` a <details> block, `mermaid` and `highlight` a fenced block; any
 * other shortcode is removed (its content kept) and reported.
 */
export function convertShortcodes(text: string, context: ShortcodeContext, firstLine: number, changes: Change[]): string {
  if (!text.includes('{{')) return text;
  const literal = literalRanges(parseMarkdown(text));
  const matches = [...text.matchAll(SHORTCODE)].filter((m) => !inside(literal, m.index));
  const edits: Edit[] = [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length + firstLine - 1;
  const used = new Set<number>();
  for (let i = 0; i < matches.length; i++) {
    if (used.has(i)) continue;
    const m = matches[i]!;
    const [whole, , closing, name, rawArgs] = m;
    const start = m.index;
    const end = start + whole.length;
    const line = lineAt(start);
    if (closing) {
      edits.push({ start, end, text: '' });
      changes.push({ what: 'shortcode', line, detail: `removed a closing {{< /${name} >}} with no opening one` });
      continue;
    }
    const args = shortcodeArgs(rawArgs ?? '');
    const lower = name!.toLowerCase();
    if (lower === 'ref' || lower === 'relref') {
      const target = args.positional[0] ?? args.named.path ?? '';
      const resolved = context.ref(target);
      edits.push({ start, end, text: resolved ?? target });
      changes.push({ what: 'shortcode', line, detail: resolved ? `{{< ${name} "${target}" >}} became the link ${resolved}` : `{{< ${name} "${target}" >}}: no such page in the imported folder; left as "${target}"` });
      continue;
    }
    if (lower === 'param') {
      const key = args.positional[0] ?? '';
      const value = context.param(key);
      if (value !== undefined) {
        edits.push({ start, end, text: value });
        changes.push({ what: 'shortcode', line, detail: `{{< param ${key} >}} became its value from the site configuration, ${value}` });
      } else {
        edits.push({ start, end, text: key });
        changes.push({ what: 'shortcode', line, detail: `{{< param ${key} >}}: the site configuration has no such parameter; left as the text "${key}"` });
      }
      continue;
    }
    if (lower === 'figure') {
      const src = args.named.src ?? args.positional[0] ?? '';
      const alt = args.named.alt ?? args.named.caption ?? args.named.title ?? '';
      edits.push({ start, end, text: src ? `![${alt.replace(/[[\]]/g, '')}](${src.replace(/ /g, '%20')})` : alt });
      changes.push({ what: 'shortcode', line, detail: `{{< figure >}} became a Markdown image` });
      continue;
    }
    // A paired shortcode: find its closing tag.
    const closeIndex = matches.findIndex((c, j) => j > i && !used.has(j) && c[2] === '/' && c[3]!.toLowerCase() === lower);
    if (closeIndex === -1) {
      edits.push({ start, end, text: '' });
      changes.push({ what: 'shortcode', line, detail: `removed {{< ${name} >}}, which Opsbook has no equivalent for` });
      continue;
    }
    used.add(closeIndex);
    const close = matches[closeIndex]!;
    const inner = text.slice(end, close.index);
    const closeEnd = close.index + close[0].length;
    let replacement: string;
    let detail: string;
    if (CALLOUTS.has(lower)) {
      const label = (args.positional[0] ?? args.named.type ?? lower).replace(/^\w/, (c) => c.toUpperCase());
      replacement = `${quote(`**${label}**\n\n${inner.trim()}`)}`;
      detail = `{{< ${name} >}} became a quote`;
    } else if (lower === 'details' || lower === 'expand') {
      const title = args.positional[0] ?? args.named.title ?? 'Details';
      replacement = `<details>\n<summary>${title}</summary>\n\n${inner.trim()}\n\n</details>`;
      detail = `{{< ${name} >}} became a <details> block`;
    } else if (lower === 'mermaid' || lower === 'highlight') {
      const lang = lower === 'mermaid' ? 'mermaid' : (args.positional[0] ?? '');
      replacement = `\`\`\`${lang}\n${inner.replace(/^\n+|\s+$/g, '')}\n\`\`\``;
      detail = `{{< ${name} >}} became a fenced ${lang || 'code'} block`;
    } else {
      replacement = inner.replace(/^\n+|\n+$/g, '');
      detail = `removed {{< ${name} >}} … {{< /${name} >}}, keeping what is inside`;
    }
    edits.push({ start, end: closeEnd, text: replacement });
    changes.push({ what: 'shortcode', line, detail });
  }
  return applyEdits(text, edits);
}

// ---------------------------------------------------------------------------
// Code fences never closed

/**
 * A fenced code block that is never closed runs to the end of the document
 * and swallows the sections after it (GitHub shows it that way too). When
 * such a block holds a `##` heading after a blank line, the author meant to
 * close it there: the fence is closed before it.
 */
export function closeRunawayFences(text: string, firstLine: number, changes: Change[]): string {
  const tree = parseMarkdown(text);
  const last = tree.children[tree.children.length - 1];
  if (last?.type !== 'code' || text.slice(endOf(last)).trim() !== '') return text;
  const source = text.slice(startOf(last), endOf(last));
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
  if (!open) return text;
  const rows = source.split('\n');
  const closing = new RegExp(`^ {0,3}${open[1]![0] === '`' ? '`' : '~'}{${open[1]!.length},}\\s*$`);
  if (rows.length > 1 && closing.test(rows[rows.length - 1]!)) return text;
  const at = rows.findIndex((row, i) => i > 1 && /^#{2,6}\s+\S/.test(row) && rows[i - 1]!.trim() === '');
  if (at === -1) return text;
  const offset = startOf(last) + rows.slice(0, at - 1).join('\n').length + 1;
  changes.push({ what: 'fence-closed', line: (last.position?.start.line ?? 1) + firstLine - 1, detail: `the code block opened here is never closed and swallowed "${rows[at]!.trim()}": closed before that heading` });
  return `${text.slice(0, offset)}${open[1]}\n${text.slice(offset)}`;
}

// ---------------------------------------------------------------------------
// MkDocs admonitions

/** `!!! note "Title"` with an indented body becomes a quote (`???` ones too); fenced code is left alone. */
export function convertAdmonitions(text: string, firstLine: number, changes: Change[]): string {
  const rows = text.split('\n');
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const marker = /^(\s*)(`{3,}|~{3,})/.exec(row);
    if (marker) fence = fence === undefined ? marker[2]!.charAt(0) : fence === marker[2]!.charAt(0) ? undefined : fence;
    const admonition = fence === undefined ? /^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$/.exec(row) : null;
    if (!admonition) {
      out.push(row);
      continue;
    }
    const body: string[] = [];
    let j = i + 1;
    while (j < rows.length && (rows[j]!.trim() === '' || /^( {4}|\t)/.test(rows[j]!))) body.push(rows[j++]!.replace(/^( {4}|\t)/, ''));
    while (body.length && body[body.length - 1]!.trim() === '') {
      body.pop();
      j--;
    }
    const label = admonition[3] ?? admonition[2]!.replace(/^\w/, (c) => c.toUpperCase());
    out.push(quote(`**${label}**\n\n${body.join('\n')}`));
    changes.push({ what: 'admonition', line: i + firstLine, detail: `the MkDocs admonition "${admonition[1]} ${admonition[2]}" became a quote` });
    i = j - 1;
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Raw HTML: placeholders and images

/** Names of HTML elements (WHATWG), so `<namespace>` can be told from `<details>`. */
const HTML_ELEMENTS = new Set(
  (
    'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark math menu meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot small source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr ' +
    'acronym applet basefont big blink dir isindex keygen listing marquee multicol nextid nobr noembed noframes plaintext portal spacer xmp'
  ).split(' '),
);

const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/g;

/** `<cluster-id>`: a tag that is no HTML element, which an author meant as text. */
export function isPlaceholderTag(name: string): boolean {
  return !HTML_ELEMENTS.has(name.toLowerCase());
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Tags that may wrap images in a block without meaning anything else. */
const IMAGE_WRAPPERS = new Set(['p', 'div', 'center', 'a', 'br', 'picture', 'figure']);

/** Inline tags written in pairs that have a Markdown form (or none, and only their content is kept). */
const PAIRS: Record<string, (inner: string, open: string) => string | undefined> = {
  a: (inner, open) => {
    const href = attribute(open, 'href');
    return href ? `[${inner}](${href.replace(/ /g, '%20')})` : inner;
  },
  b: (inner) => `**${inner}**`,
  strong: (inner) => `**${inner}**`,
  i: (inner) => `*${inner}*`,
  em: (inner) => `*${inner}*`,
  code: (inner) => (inner.includes('`') ? undefined : `\`${inner}\``),
  tt: (inner) => (inner.includes('`') ? undefined : `\`${inner}\``),
  s: (inner) => `~~${inner}~~`,
  strike: (inner) => `~~${inner}~~`,
  del: (inner) => `~~${inner}~~`,
  ...Object.fromEntries(['span', 'font', 'nobr', 'u', 'small', 'big', 'mark', 'abbr', 'cite', 'q', 'ins', 'var', 'samp'].map((tag) => [tag, (inner: string) => inner])),
};

/** Tags that only lay out what they wrap: removed when the site does not allow them, their content kept. */
const LAYOUT = new Set(['p', 'div', 'span', 'center', 'font', 'nobr', 'section', 'article', 'header', 'footer', 'main', 'aside', 'figure', 'figcaption', 'u', 'small', 'big']);

/**
 * Raw HTML Opsbook would refuse, turned into what it means: placeholders
 * written as tags in prose (`<namespace>`, `<cluster-id>`) shown as text
 * (inline code, or `&lt;…&gt;` inside a word or URL); `<img>` tags as
 * Markdown images, so the image is copied and its link rewritten; inline
 * pairs (`<a href>`, `<b>`, `<code>`…) as their Markdown; layout tags (`<p>`,
 * `<div align="center">`) removed around their content. Tags the site allows
 * (`allowed`) are left alone.
 */
export function htmlPairEdits(text: string, tree: Root, allowed: ReadonlySet<string>, firstLine: number, changes: Change[]): Edit[] {
  const edits: Edit[] = [];
  const consumed = new Set<Nodes>();
  const openTag = /^<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?>$/;
  // Inline pairs: an opening and a closing tag among one parent's children.
  visit(tree, (parent) => {
    if (!('children' in parent) || parent.type === 'root') return;
    const children = parent.children as Nodes[];
    children.forEach((child, i) => {
      if (child.type !== 'html' || consumed.has(child)) return;
      const open = openTag.exec(child.value.trim());
      if (!open) return;
      const tag = open[1]!.toLowerCase();
      if (allowed.has(tag) || !PAIRS[tag]) return;
      const j = children.findIndex((c, k) => k > i && c.type === 'html' && new RegExp(`^</${tag}\\s*>$`, 'i').test(c.value.trim()));
      if (j === -1) return;
      const close = children[j]!;
      const inner = text.slice(endOf(child), startOf(close));
      const markdown = PAIRS[tag]!(inner, child.value);
      if (markdown === undefined) return;
      consumed.add(child).add(close);
      edits.push({ start: startOf(child), end: endOf(close), text: markdown });
      changes.push({ what: 'html-markdown', line: lineOf(child, firstLine), detail: `<${tag}>…</${tag}> became ${markdown === inner ? 'its text' : 'Markdown'}` });
    });
  });
  return edits;
}

/** Placeholders, images and layout tags (see htmlPairEdits for inline pairs, run after these). */
export function htmlEdits(text: string, tree: Root, allowed: ReadonlySet<string>, firstLine: number, changes: Change[]): Edit[] {
  const edits: Edit[] = [];
  visit(tree, 'html', (node) => {
    const value = node.value;
    if (/^\s*<!--/.test(value)) return;
    const tags = [...value.matchAll(TAG)];
    if (tags.length === 0) return;
    const line = lineOf(node, firstLine);
    const names = tags.map((t) => t[1]!.toLowerCase());
    // Images, alone or wrapped in layout tags: Markdown images.
    if (names.includes('img') && names.every((n) => n === 'img' || IMAGE_WRAPPERS.has(n)) && value.replace(TAG, '').trim() === '') {
      const images = tags.filter((t) => t[1]!.toLowerCase() === 'img').map((t) => {
        const src = attribute(t[0], 'src') ?? '';
        const alt = (attribute(t[0], 'alt') ?? attribute(t[0], 'title') ?? '').replace(/[[\]]/g, '');
        return src ? `![${alt}](${src.replace(/ /g, '%20')})` : '';
      });
      const block = node.position && tree.children.includes(node as RootContent);
      edits.push({ start: startOf(node), end: endOf(node), text: images.filter(Boolean).join(block ? '\n\n' : ' ') });
      changes.push({ what: 'html-image', line, detail: `the HTML <img> tag${images.length > 1 ? 's' : ''} became Markdown image${images.length > 1 ? 's' : ''} (width, height and alignment are not kept)` });
      return;
    }
    const placeholders = tags.filter((t) => isPlaceholderTag(t[1]!));
    const layout = tags.filter((t) => !isPlaceholderTag(t[1]!) && LAYOUT.has(t[1]!.toLowerCase()) && !allowed.has(t[1]!.toLowerCase()));
    if (placeholders.length === 0 && layout.length === 0) return;
    // Inside a word or a URL (`gitlab.com/<user>.keys`) backticks would break it: write the brackets as entities.
    const before = text[startOf(node) - 1];
    const inWord = before !== undefined && !/[\s([{>"'*_]/.test(before);
    let replaced = value;
    for (const tag of [...placeholders, ...layout].sort((a, b) => b.index - a.index)) {
      const isPlaceholder = placeholders.includes(tag);
      const escaped = isPlaceholder ? (inWord ? tag[0].replace(/</g, '&lt;').replace(/>/g, '&gt;') : `\`${tag[0]}\``) : '';
      replaced = replaced.slice(0, tag.index) + escaped + replaced.slice(tag.index + tag[0].length);
    }
    const block = tree.children.includes(node as RootContent);
    edits.push(replaced.trim() === '' && block ? removeNode(text, node) : { start: startOf(node), end: endOf(node), text: replaced.trim() === '' ? '' : replaced });
    if (placeholders.length) changes.push({ what: 'placeholder-escaped', line, detail: `${placeholders.map((t) => t[0]).join(', ')} ${placeholders.length > 1 ? 'are' : 'is'} no HTML: ${inWord ? 'written with &lt; and &gt;' : 'wrapped in backticks'} so ${placeholders.length > 1 ? 'they show' : 'it shows'} as written` });
    if (layout.length) changes.push({ what: 'html-markdown', line, detail: `removed the layout tag${layout.length > 1 ? 's' : ''} ${[...new Set(layout.map((t) => `<${t[1]!.toLowerCase()}>`))].join(', ')}, which the site does not publish (the content is kept; alignment is not)` });
  });
  return edits;
}

// ---------------------------------------------------------------------------
// Title heading and heading levels

/** The first node that is not an HTML comment. */
function firstContent(tree: Root): RootContent | undefined {
  return tree.children.find((n) => n.type !== 'html' || !/^<!--[\s\S]*-->$/.test(n.value.trim()));
}

/** The body's leading `# Title`, if it starts with one. */
export function leadingTitle(tree: Root): Heading | undefined {
  const first = firstContent(tree);
  return first?.type === 'heading' && first.depth === 1 ? first : undefined;
}

const sameTitle = (a: string, b: string) => a.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ') === b.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Removes `heading` and the blank lines after it. */
export function removeNode(text: string, node: Nodes): Edit {
  let end = endOf(node);
  while (text[end] === '\n') end++;
  return { start: startOf(node), end, text: '' };
}

/** One level down for every heading (a body whose sections are `#` headings once the title is gone). */
export function demoteHeadings(text: string, tree: Root, skip: Nodes | undefined): Edit[] {
  const edits: Edit[] = [];
  visit(tree, 'heading', (node) => {
    if (node === skip || node.depth === 6) return;
    const start = startOf(node);
    if (text[start] === '#') {
      edits.push({ start, end: start, text: '#' });
    } else {
      // A setext heading (underlined): write it as an ATX heading one level down.
      const last = node.children[node.children.length - 1];
      const contentEnd = last ? endOf(last) : start;
      edits.push({ start, end: start, text: `${'#'.repeat(node.depth + 1)} ` }, { start: contentEnd, end: endOf(node), text: '' });
    }
  });
  return edits;
}

export { sameTitle };

// ---------------------------------------------------------------------------
// Sections

export interface TopSection {
  node: Heading;
  title: string;
  key: string;
  depth: number;
}

/** Top-level sections as the model reads them: `##`, or `###` when the body has no `##`. */
export function topSections(tree: Root): { depth: number; sections: TopSection[] } {
  const top = tree.children;
  const depth = top.some((n) => n.type === 'heading' && n.depth === 2) ? 2 : top.some((n) => n.type === 'heading' && n.depth === 3) ? 3 : 0;
  const sections = top
    .filter((n): n is Heading => n.type === 'heading' && n.depth === depth)
    .map((node) => {
      const title = toString(node);
      return { node, title, key: normaliseHeading(title), depth };
    });
  return { depth, sections };
}

/** Whether a body has anything besides headings, comments and whitespace. */
export function hasText(tree: Root): boolean {
  return tree.children.some((n) => n.type !== 'heading' && !(n.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(n.value)) && !(n.type === 'thematicBreak'));
}
