/**
 * Raw HTML as GitHub shows it. GitHub's sanitiser keeps the tags and
 * attributes of hast-util-sanitize's `defaultSchema` (the same list), strips
 * the rest and keeps their text. A tag that is no HTML element at all
 * (`<cluster-id>`, `<namespace>`) is a placeholder the author meant as text:
 * it is published as text, escaped here before the HTML is parsed.
 */
import { defaultSchema } from 'hast-util-sanitize';
import { Tokenizer, type Token, type TokenHandler } from 'parse5';

/** The tags GitHub keeps: hast-util-sanitize's default schema. */
export const GITHUB_TAGS: ReadonlySet<string> = new Set(defaultSchema.tagNames ?? []);

/**
 * Tags that change how the rest of the page is read (a `<textarea>` or
 * `<title>` turns what follows into text, `<body>` belongs to a whole page):
 * GitHub drops them, but the text around them would not survive as written.
 */
export const PAGE_BREAKING_TAGS: ReadonlySet<string> = new Set(['textarea', 'title', 'xmp', 'plaintext', 'listing', 'noembed', 'noframes', 'html', 'head', 'body', 'select', 'option', 'optgroup', 'datalist']);

/** Every element name of HTML, current and obsolete (WHATWG), and the SVG and MathML roots. */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br button canvas caption center cite code col colgroup ' +
    'command content data datalist dd del details dfn dialog dir div dl dt element em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html ' +
    'i iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript ' +
    'object ol optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select shadow slot small source spacer span strike strong style sub ' +
    'summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp'
  ).split(' '),
);

/** A placeholder's name: words joined by `-`, `_` or `.` (`cluster-id`, `PROMETHEUS_URL`, `pod.name`). */
const PLACEHOLDER_NAME = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*$/;

/** A start or end tag in raw HTML, with its offsets in the text. */
export interface TagSpan {
  /** Lower-case. */
  name: string;
  end: boolean;
  /** Attributes with a value (`<your token>` has two names and no values). */
  valued: number;
  start: number;
  stop: number;
}

/** The start and end tags of a piece of HTML, as the HTML tokenizer reads it (comments and text skipped). */
export function tagSpans(html: string): TagSpan[] {
  const spans: TagSpan[] = [];
  const push = (token: Token.TagToken, end: boolean) => {
    if (!token.location) return;
    spans.push({ name: token.tagName, end, valued: token.attrs.filter((a) => a.value !== '').length, start: token.location.startOffset, stop: token.location.endOffset });
  };
  const ignore = () => {};
  const handler: TokenHandler = {
    onStartTag: (token) => push(token, false),
    onEndTag: (token) => push(token, true),
    onDoctype: ignore,
    onComment: ignore,
    onEof: ignore,
    onCharacter: ignore,
    onNullCharacter: ignore,
    onWhitespaceCharacter: ignore,
    onParseError: ignore,
  };
  new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(html, true);
  return spans;
}

/** An element HTML defines (current or obsolete); SVG's and MathML's inner elements and custom elements are not. */
export function isHtmlElement(name: string): boolean {
  return HTML_ELEMENTS.has(name);
}

/** A tag no HTML element has, written like a placeholder: `<cluster-id>`, `<your token>`. */
export function isPlaceholder(tag: Pick<TagSpan, 'name' | 'valued'>): boolean {
  return tag.valued === 0 && !HTML_ELEMENTS.has(tag.name) && PLACEHOLDER_NAME.test(tag.name);
}

/** The raw HTML with each placeholder start tag written as text (`&lt;cluster-id&gt;`), so it shows as the author typed it. */
export function escapePlaceholders(html: string): string {
  // End tags stay: GitHub drops an unknown one, and `</x>` is no placeholder anyone writes.
  const spans = tagSpans(html).filter((span) => !span.end && isPlaceholder(span));
  if (!spans.length) return html;
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += html.slice(last, span.start) + html.slice(span.start, span.stop).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    last = span.stop;
  }
  return out + html.slice(last);
}

/**
 * The hint for an MDX syntax error. MDX reads `<cluster-id>` as the start of
 * a component and fails at its missing closing tag; say what the author
 * meant instead of the parser's terms.
 */
export function mdxSyntaxHint(reason: string): string {
  const open = /closing tag for `<([^>`\s]+)>`/.exec(reason)?.[1];
  if (open && isPlaceholder({ name: open.toLowerCase(), valued: 0 })) {
    return `In .mdx files, <${open}> starts a component. Write it in backticks: \`<${open}>\`, or escape it as \\<${open}>; .md files show such placeholders as text.`;
  }
  return 'In .mdx files, {, } and < start code; escape them (\\{) or use a .md file.';
}
