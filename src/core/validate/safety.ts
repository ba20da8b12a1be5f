/**
 * Safety rules for content that arrives by pull request from many authors:
 * raw HTML beyond a harmless set, script URLs, MDX that would run foreign
 * code, and credentials. Each problem is an error with its line; nothing is
 * silently stripped (the renderer sanitises as well, as a second wall).
 */
import type { Nodes } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute } from 'mdast-util-mdx-jsx';
import { posix } from 'node:path';
import { visit } from 'unist-util-visit';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import type { ContentDocument } from '../load/load.ts';

/** Raw HTML tags an author may use. */
export const ALLOWED_TAGS = new Set(['details', 'summary', 'kbd', 'br', 'sup', 'sub']);
/** Tags that run code, load content or restyle the page: named in the message. */
const DANGEROUS_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'frame', 'frameset', 'svg', 'math', 'template', 'noscript', 'applet', 'portal']);
/** The project's own MDX components. */
export const MDX_COMPONENTS = new Set(['Callout']);
const UNSAFE_URL = /^\s*(javascript|data|vbscript):/i;

function at(file: string, node: { position?: { start: { line: number; column: number } } | undefined }, rule: string, message: string, hint: string): Diagnostic {
  return { file, line: node.position?.start.line ?? 0, column: node.position?.start.column ?? 0, severity: 'error', rule, message, hint };
}

/** Tags and attributes in a piece of raw HTML. */
function scanHtml(html: string): { tags: string[]; events: string[]; urls: string[] } {
  const tags = [...html.matchAll(/<\s*([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
  const events = [...html.matchAll(/\s(on[a-z]+)\s*=/gi)].map((m) => m[1]!.toLowerCase());
  const urls = [...html.matchAll(/\s(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*([^"'\s>]+)/gi)].map((m) => m[1]!);
  return { tags, events, urls };
}

function checkRawHtml(doc: ContentDocument, node: Nodes & { value: string }, out: Diagnostic[]): void {
  if (/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) return;
  const { tags, events, urls } = scanHtml(node.value);
  for (const tag of new Set(tags)) {
    if (ALLOWED_TAGS.has(tag)) continue;
    out.push(
      DANGEROUS_TAGS.has(tag)
        ? at(doc.file, node, 'html/forbidden', `<${tag}> is not allowed in documents`, 'Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it.')
        : at(doc.file, node, 'html/not-allowed', `Raw HTML <${tag}> is not allowed`, `Use Markdown instead; the HTML allowed is ${[...ALLOWED_TAGS].map((t) => `<${t}>`).join(', ')}.`),
    );
  }
  for (const event of new Set(events)) out.push(at(doc.file, node, 'html/event-handler', `The attribute ${event}= runs script`, 'Remove it: event handlers are never allowed.'));
  for (const url of urls) if (UNSAFE_URL.test(url)) out.push(at(doc.file, node, 'html/unsafe-url', `The URL "${url.slice(0, 40)}" runs script or embeds data`, 'Link to an https:// address or a file in content/.'));
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
    visit(doc.body.mdast, (node: Nodes) => {
      switch (node.type) {
        case 'html':
          checkRawHtml(doc, node, out);
          break;
        case 'link':
        case 'image':
        case 'definition':
          if (UNSAFE_URL.test(node.url)) out.push(at(doc.file, node, 'html/unsafe-url', `The link "${node.url.slice(0, 40)}" runs script or embeds data`, 'Link to an https:// address or a file in content/.'));
          break;
        case 'mdxjsEsm': {
          const value = node.value.trim();
          // MDX allows only import and export statements here.
          const imports = [...value.matchAll(/\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)].map((m) => (m[1] ?? m[2])!);
          if (/^\s*export\s/m.test(value)) {
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
          if (name && !MDX_COMPONENTS.has(name) && !ALLOWED_TAGS.has(name.toLowerCase())) {
            out.push(
              DANGEROUS_TAGS.has(name.toLowerCase())
                ? at(doc.file, node, 'html/forbidden', `<${name}> is not allowed in documents`, 'Scripts, frames, embeds and styles are refused.')
                : at(doc.file, node, 'mdx/component', `<${name}> is not one of the project's components`, `Use ${[...MDX_COMPONENTS].map((c) => `<${c}>`).join(', ')}, or the HTML ${[...ALLOWED_TAGS].map((t) => `<${t}>`).join(', ')}.`),
            );
          }
          for (const attribute of node.attributes) {
            const attr = attributeName(attribute);
            if (/^on/i.test(attr)) out.push(at(doc.file, node, 'html/event-handler', `The attribute ${attr}= runs script`, 'Remove it: event handlers are never allowed.'));
            if (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string' && UNSAFE_URL.test(attribute.value)) {
              out.push(at(doc.file, node, 'html/unsafe-url', `The URL "${attribute.value.slice(0, 40)}" runs script or embeds data`, 'Link to an https:// address.'));
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
