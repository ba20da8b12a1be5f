/**
 * The second wall for `.mdx`, as hast-util-sanitize is for `.md`: the safety
 * rules (src/core/validate/safety.ts) refuse unsafe HTML and JSX with an
 * error, and this plugin makes sure none reaches a page if a rule misses it.
 * On HTML elements and JSX alike it removes event handlers, `style`,
 * `srcdoc`, attribute expressions and script URLs (after decoding entities
 * and dropping the spaces and control characters browsers ignore); an HTML
 * tag GitHub does not show is replaced by its children, and HTML written as
 * JSX keeps only the attributes GitHub's sanitiser keeps on it (`align`,
 * `title`, `alt`…; not `class`). Project components (capitalised JSX) keep
 * their place, with the same script rules.
 */
import type { Element, Root, RootContent } from 'hast';
import { defaultSchema } from 'hast-util-sanitize';
import { GITHUB_TAGS as TAGS } from '../core/validate/github-html.ts';
import { isUnsafeUrl } from '../core/validate/safety.ts';

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'srcset', 'data']);
const DROPPED = /^(on|style$|srcdoc$|formaction$)/i;

/** A script URL as a browser reads it: character references decoded, then the scheme as safety.ts judges it. */
export function isScriptUrl(value: string): boolean {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  return isUnsafeUrl(decoded);
}

interface JsxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}

interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: JsxAttribute[];
  children: RootContent[];
}

type Parent = { children: RootContent[] };

/** An attribute name as written in JSX or as a hast property, compared alike: `aria-label`, `ariaLabel`; `class`, `className`. */
function attributeKey(name: string): string {
  const key = name.toLowerCase().replace(/-/g, '');
  return key === 'class' ? 'classname' : key === 'for' ? 'htmlfor' : key;
}

type SchemaValue = string | number | boolean | RegExp | null | undefined;

/** GitHub's attributes per tag: a name, or a name with the only values it may take. */
const GITHUB_ATTRIBUTES = new Map<string, Map<string, SchemaValue[] | undefined>>();
for (const [tag, list] of Object.entries(defaultSchema.attributes ?? {})) {
  const entries = new Map<string, SchemaValue[] | undefined>();
  for (const entry of list) {
    if (typeof entry === 'string') entries.set(attributeKey(entry), undefined);
    else entries.set(attributeKey(String(entry[0])), entry.slice(1) as SchemaValue[]);
  }
  GITHUB_ATTRIBUTES.set(tag, entries);
}

/** Whether GitHub keeps this attribute on this HTML tag: listed for the tag or for all, with an allowed value where values are listed. */
function githubKeeps(tag: string, name: string, value: unknown): boolean {
  const key = attributeKey(name);
  for (const scope of [tag, '*']) {
    const entries = GITHUB_ATTRIBUTES.get(scope);
    if (!entries?.has(key)) continue;
    const values = entries.get(key);
    if (!values) return true;
    const tokens = typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : [value ?? true];
    return tokens.every((token) => values.some((allowed) => (allowed instanceof RegExp ? typeof token === 'string' && allowed.test(token) : allowed === token)));
  }
  return false;
}

function safeAttribute(name: string, value: unknown): boolean {
  if (DROPPED.test(name)) return false;
  if (URL_ATTRIBUTES.has(name.toLowerCase())) return typeof value !== 'string' || !isScriptUrl(value);
  return true;
}

function clean(parent: Parent): void {
  const out: RootContent[] = [];
  for (const node of parent.children) {
    if (node.type === 'element') {
      const element = node as Element;
      for (const name of Object.keys(element.properties ?? {})) {
        const value = element.properties[name];
        const attribute = name === 'xLinkHref' ? 'xlink:href' : name.toLowerCase();
        if (!safeAttribute(attribute, Array.isArray(value) ? value.join(' ') : value)) delete element.properties[name];
      }
      clean(element);
      if (TAGS.has(element.tagName)) out.push(element);
      else out.push(...element.children);
      continue;
    }
    if ((node.type as string) === 'mdxJsxFlowElement' || (node.type as string) === 'mdxJsxTextElement') {
      const jsx = node as unknown as JsxElement;
      const html = jsx.name !== null && /^[a-z]/.test(jsx.name);
      jsx.attributes = jsx.attributes.filter(
        (a) => a.type === 'mdxJsxAttribute' && a.name !== undefined && (a.value === null || a.value === undefined || typeof a.value === 'string') && safeAttribute(a.name, a.value) && (!html || githubKeeps(jsx.name!, a.name, a.value)),
      );
      clean(jsx);
      if (!html || TAGS.has(jsx.name!)) out.push(node);
      else out.push(...jsx.children);
      continue;
    }
    if ('children' in node) clean(node as Parent);
    out.push(node);
  }
  parent.children = out;
}

export function rehypeSanitizeMdx() {
  return (tree: Root) => clean(tree as Parent);
}
