/**
 * Safety rules for content that arrives by pull request from many authors:
 * raw HTML that runs script or breaks the page, script URLs, MDX that would
 * run foreign code. HTML GitHub shows is accepted and sanitised as GitHub
 * does (the renderer's second wall); HTML GitHub would drop is a warning, as
 * is a `<placeholder>` written outside code, which is published as text.
 *
 * Raw HTML is read with parse5's HTML tokenizer, the one the renderer's
 * parser (hast-util-raw) uses, so tag names, attribute names and attribute
 * values are judged as a browser reads them: character references decoded
 * (`javascript&#58;`), any case, any quoting. MDX imports and exports are
 * read from the ESTree remark-mdx attaches to each `mdxjsEsm` node.
 */
import type { ModuleDeclaration, Statement, Directive } from 'estree-jsx';
import type { Nodes } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';
import { posix } from 'node:path';
import { Tokenizer, TokenizerMode, type Token, type TokenHandler } from 'parse5';
import { walk } from '../../markdown/walk.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { RuleId } from '../diagnostics/rules.ts';
import type { ContentDocument } from '../load/load.ts';
import { GITHUB_TAGS, isHtmlElement, isPlaceholder, PAGE_BREAKING_TAGS } from './github-html.ts';

/**
 * Raw HTML with no Markdown equivalent: what `npm run import` keeps as HTML
 * (it turns the rest into Markdown). Documents may use all of GITHUB_TAGS.
 */
export const ALLOWED_TAGS = new Set(['details', 'summary', 'kbd', 'br', 'sup', 'sub']);
/** Tags that run code, load content or restyle the page: named in the message. */
export const DANGEROUS_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'frame', 'frameset', 'svg', 'math', 'template', 'noscript', 'applet', 'portal']);
/** The project's own MDX components. */
export const MDX_COMPONENTS = new Set(['Callout']);
/** Attributes whose value a browser loads or follows as a URL. */
export const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data', 'codebase', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'icon', 'srcset', 'imagesrcset', 'usemap', 'xml:base']);
/** Schemes that run script or embed content of the author's choosing. */
const UNSAFE_SCHEMES = new Set(['javascript', 'vbscript', 'data']);

/**
 * The scheme of a URL as a browser resolves it, lower-case, or undefined
 * for a relative URL. Whitespace and control characters are removed first,
 * wherever they are (`java\tscript:`, ` \x01javascript:`): browsers drop some
 * of them, and a URL that needs them is never a legitimate one.
 */
export function urlScheme(url: string): string | undefined {
  const compact = url.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]!.toLowerCase();
}

/** A `javascript:`, `vbscript:` or `data:` URL, however it is written (decode character references first). */
export function isUnsafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme !== undefined && UNSAFE_SCHEMES.has(scheme);
}

/** The URLs in an attribute value: one, or each candidate of a `srcset`. */
function urlsOf(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset') return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  return [value];
}

/** A value for a message: at most 40 characters, control characters escaped, never raw. */
export function shown(value: string): string {
  return JSON.stringify(value.slice(0, 40)).slice(1, -1);
}

export interface MarkupAttribute {
  /** Lower-case, as written (with its prefix: `xlink:href`). */
  name: string;
  /** Character references decoded. */
  value: string;
  /** 1-based, in the scanned text. */
  line: number;
  column: number;
}

export interface MarkupTag {
  /** Lower-case, as written (with its prefix: `svg:script`). */
  name: string;
  attributes: MarkupAttribute[];
  /** 1-based, in the scanned text. */
  line: number;
  column: number;
  /** The text ends inside this tag (no closing `>`). */
  unterminated: boolean;
}

export interface MarkupScan {
  /** Every start tag, in order. */
  tags: MarkupTag[];
  /** The text of each `<style>` element (any prefix), with the position of its first character. */
  styles: { text: string; line: number; column: number }[];
  /** parse5 error codes, e.g. "eof-in-tag". */
  errors: { code: string; line: number; column: number }[];
}

/** HTML elements whose content the HTML parser reads as text, and how. */
const TEXT_CONTENT: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  noscript: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

function tokenize(text: string, mode: 'html' | 'xml'): MarkupScan {
  const scan: MarkupScan = { tags: [], styles: [], errors: [] };
  let foreignDepth = 0;
  let style: MarkupScan['styles'][number] | undefined;
  const ignore = () => {};
  const isStyle = (name: string) => name.slice(name.lastIndexOf(':') + 1) === 'style';
  const characters = (token: Token.CharacterToken) => {
    if (!style) return;
    if (style.text === '' && token.location) Object.assign(style, { line: token.location.startLine, column: token.location.startCol });
    style.text += token.chars;
  };
  const handler: TokenHandler = {
    onStartTag(token: Token.TagToken) {
      const location = token.location;
      scan.tags.push({
        name: token.tagName,
        attributes: token.attrs.map((attr) => {
          const at = location?.attrs?.[attr.name];
          return { name: attr.name, value: attr.value, line: at?.startLine ?? location?.startLine ?? 1, column: at?.startCol ?? location?.startCol ?? 1 };
        }),
        line: location?.startLine ?? 1,
        column: location?.startCol ?? 1,
        unterminated: false,
      });
      if (isStyle(token.tagName) && !token.selfClosing) {
        style = { text: '', line: location?.endLine ?? 1, column: location?.endCol ?? 1 };
        scan.styles.push(style);
      }
      if (mode === 'xml') return;
      // Follow the HTML parser: outside <svg>/<math>, the content of <script>, <style>, <textarea>… is text.
      if ((token.tagName === 'svg' || token.tagName === 'math') && !token.selfClosing) foreignDepth++;
      const textMode = TEXT_CONTENT[token.tagName];
      if (textMode !== undefined && foreignDepth === 0) tokenizer.state = textMode;
    },
    onEndTag(token: Token.TagToken) {
      if (isStyle(token.tagName)) style = undefined;
      if ((token.tagName === 'svg' || token.tagName === 'math') && foreignDepth > 0) foreignDepth--;
    },
    onDoctype: ignore,
    onComment: ignore,
    onEof: ignore,
    onCharacter: characters,
    onNullCharacter: characters,
    onWhitespaceCharacter: characters,
    onParseError(error) {
      scan.errors.push({ code: error.code, line: error.startLine, column: error.startCol });
    },
  };
  const tokenizer = new Tokenizer({ sourceCodeLocationInfo: true }, handler);
  // In XML (an SVG file) `<![CDATA[…]]>` is text anywhere, as in HTML's foreign content.
  if (mode === 'xml') tokenizer.inForeignNode = true;
  tokenizer.write(text, true);
  return scan;
}

/**
 * Every start tag in a piece of HTML (or, with mode "xml", of an SVG file),
 * as the HTML tokenizer reads it. Comments are skipped; in "html" mode the
 * content of `<script>`, `<style>`, `<textarea>`… is text, as it is for the
 * browser. A text that ends inside a tag (`<img src=x onerror=alert(1)`)
 * still reports that tag, marked `unterminated`: whatever follows the text
 * could complete it.
 */
export function scanMarkup(text: string, mode: 'html' | 'xml' = 'html'): MarkupScan {
  const scan = tokenize(text, mode);
  if (!scan.errors.some((e) => e.code === 'eof-in-tag')) return scan;
  // The tokenizer drops a tag cut off by the end of the text; close it to see its name and attributes.
  for (const ending of ['>', '">', "'>"]) {
    const closed = tokenize(text + ending, mode);
    if (closed.errors.some((e) => e.code === 'eof-in-tag')) continue;
    const last = closed.tags[closed.tags.length - 1];
    if (last) last.unterminated = true;
    return { ...closed, errors: scan.errors };
  }
  return scan;
}

type Positioned = { position?: { start: { line: number; column: number } } | undefined };

function at(file: string, node: Positioned, rule: RuleId, message: string, hint: string): Diagnostic {
  return { file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0, severity: 'error', rule, message, hint };
}

/** Examples of the HTML GitHub keeps, for hints. */
const GITHUB_EXAMPLES = '<details>, <summary>, <kbd>, <p>, <div align="center">, <img>, <a>, <table>';

function warning(file: string, node: Positioned, rule: RuleId, message: string, hint: string): Diagnostic {
  return { ...at(file, node, rule, message, hint), severity: 'warning' };
}

function checkRawHtml(doc: ContentDocument, node: Nodes & { value: string }, out: Diagnostic[]): void {
  const { tags } = scanMarkup(node.value, 'html');
  const names = new Set<string>();
  const placeholders = new Set<string>();
  const events = new Set<string>();
  for (const tag of tags) {
    if (tag.unterminated) {
      out.push(at(doc.file, node, 'html/not-allowed', `Raw HTML <${tag.name}> is not closed with ">"`, 'Close the tag on the same block; an open tag would run on into the text that follows.'));
    }
    if (!tag.unterminated && isPlaceholder({ name: tag.name, valued: tag.attributes.filter((a) => a.value !== '').length })) {
      placeholders.add(tag.name);
      continue;
    }
    names.add(tag.name);
    for (const attribute of tag.attributes) {
      if (/^on/.test(attribute.name)) events.add(attribute.name);
      if (URL_ATTRIBUTES.has(attribute.name)) {
        for (const url of urlsOf(attribute.name, attribute.value)) {
          if (isUnsafeUrl(url)) out.push(at(doc.file, node, 'html/unsafe-url', `The URL "${shown(url)}" runs script or embeds data`, 'Link to an https:// address or a file in content/.'));
        }
      }
    }
  }
  for (const name of placeholders) {
    // The tokenizer lower-cases names: show the placeholder as written.
    const written = new RegExp(`<${name.replace(/[.]/g, '\\.')}(?=[\\s/>])[^>]*>?`, 'i').exec(node.value)?.[0] ?? `<${name}>`;
    out.push(warning(doc.file, node, 'html/placeholder', `${shown(written)} is not HTML: it is shown as text`, `Write it in backticks: \`${shown(written)}\` (GitHub would drop it as an unknown tag).`));
  }
  for (const tag of names) {
    if (GITHUB_TAGS.has(tag)) continue;
    if (DANGEROUS_TAGS.has(tag)) {
      out.push(at(doc.file, node, 'html/forbidden', `<${tag}> is not allowed in documents`, 'Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it.'));
    } else if (PAGE_BREAKING_TAGS.has(tag)) {
      out.push(at(doc.file, node, 'html/not-allowed', `Raw HTML <${tag}> is not allowed: it changes how the rest of the page is read`, `Use Markdown instead, or the HTML GitHub shows (${GITHUB_EXAMPLES}…).`));
    } else if (isHtmlElement(tag)) {
      // Only HTML the author could have meant to show; SVG's inner elements and custom elements go silently, as on GitHub.
      out.push(warning(doc.file, node, 'html/removed', `Raw HTML <${tag}> is removed from the page, as GitHub does; its text is kept`, `Use Markdown, or HTML GitHub shows (${GITHUB_EXAMPLES}…).`));
    }
  }
  for (const event of events) out.push(at(doc.file, node, 'html/event-handler', `The attribute ${event}= runs script`, 'Remove it: event handlers are never allowed.'));
}

function attributeName(attribute: MdxJsxAttribute | MdxJsxExpressionAttribute): string {
  return attribute.type === 'mdxJsxAttribute' ? attribute.name : '{…}';
}

/** Imports an MDX document may make: the project's components, by path. */
function allowedImport(doc: ContentDocument, source: string): boolean {
  if (!source.startsWith('.')) return false;
  const target = posix.normalize(posix.join(posix.dirname(doc.file), source));
  return target.startsWith('src/components/') && /\.astro$/.test(target);
}

/**
 * The statements of an `import`/`export` block, as remark-mdx parsed them:
 * `{ imports, exports }`. Only import declarations are imports; every other
 * statement (any export, and anything MDX lets through) counts as an export.
 */
function classifyEsm(body: readonly (Statement | ModuleDeclaration | Directive)[]): { imports: string[]; exports: number } {
  const imports: string[] = [];
  let exports = 0;
  for (const statement of body) {
    if (statement.type === 'ImportDeclaration') imports.push(String(statement.source.value));
    else exports++;
  }
  return { imports, exports };
}

export interface SafetyOptions {
  /** false: .mdx documents are refused. */
  allowMdx: boolean;
}

export function checkSafety(documents: readonly ContentDocument[], options: SafetyOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of documents) {
    if (doc.ext === '.mdx' && !options.allowMdx) {
      out.push({ file: doc.file, line: 1, column: 1, severity: 'error', rule: 'mdx/disabled', message: 'MDX documents are switched off for this site', hint: 'Rename it to .md and remove the components, or set mdx: true in opsbook.config.ts.' });
      continue;
    }
    if (!doc.body) continue;
    walk(doc.body.mdast, (node: Nodes) => {
      switch (node.type) {
        case 'html':
          checkRawHtml(doc, node, out);
          break;
        case 'link':
        case 'image':
        case 'definition':
          if (isUnsafeUrl(node.url)) out.push(at(doc.file, node, 'html/unsafe-url', `The link "${shown(node.url)}" runs script or embeds data`, 'Link to an https:// address or a file in content/.'));
          break;
        case 'mdxjsEsm': {
          const program = node.data?.estree;
          // remark-mdx always attaches the program; without one, nothing can be shown to be only an import.
          const { imports, exports } = program ? classifyEsm(program.body) : { imports: [], exports: 1 };
          if (exports > 0) {
            out.push(at(doc.file, node, 'mdx/export', 'MDX documents may not export code', 'Remove the export: a document holds content, and exported code runs at build time.'));
          }
          for (const source of imports) {
            if (!allowedImport(doc, source)) out.push(at(doc.file, node, 'mdx/import', `Import from "${source}" is not allowed`, `MDX may use the project's components only (${[...MDX_COMPONENTS].join(', ')}, no import needed), or import from src/components/.`));
          }
          break;
        }
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const name = node.name ?? '';
          if (name && !MDX_COMPONENTS.has(name) && !GITHUB_TAGS.has(name)) {
            out.push(
              DANGEROUS_TAGS.has(name.toLowerCase())
                ? at(doc.file, node, 'html/forbidden', `<${name}> is not allowed in documents`, 'Scripts, frames, embeds and styles are refused.')
                : at(doc.file, node, 'mdx/component', `<${name}> is not one of the project's components`, `Use ${[...MDX_COMPONENTS].map((c) => `<${c}>`).join(', ')}, or HTML GitHub shows (${GITHUB_EXAMPLES}…).`),
            );
          }
          for (const attribute of node.attributes) {
            const attr = attributeName(attribute);
            if (/^on/i.test(attr)) {
              out.push(at(doc.file, node, 'html/event-handler', `The attribute ${attr}= runs script`, 'Remove it: event handlers are never allowed.'));
              continue;
            }
            if (attribute.type === 'mdxJsxExpressionAttribute' || (attribute.value !== null && attribute.value !== undefined && typeof attribute.value !== 'string')) {
              // {...props} and name={value} are code, run at build time, like any other {expression}.
              out.push(at(doc.file, node, 'mdx/expression', `The attribute ${attr === '{…}' ? attr : `${attr}={…}`} runs code at build time and is not allowed`, 'Write the value as a quoted string: name="value".'));
            } else if (typeof attribute.value === 'string' && isUnsafeUrl(attribute.value)) {
              out.push(at(doc.file, node, 'html/unsafe-url', `The URL "${shown(attribute.value)}" runs script or embeds data`, 'Link to an https:// address.'));
            }
          }
          break;
        }
        case 'mdxFlowExpression':
        case 'mdxTextExpression':
          if (node.value.trim()) out.push(at(doc.file, node, 'mdx/expression', 'MDX expressions ({…}) run code at build time and are not allowed', 'Write the text out, or escape the braces as \\{ \\}.'));
          break;
      }
    });
  }
  return out;
}
