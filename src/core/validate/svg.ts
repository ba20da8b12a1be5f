/**
 * Active content in SVG (and other XML) files kept beside documents. An SVG
 * opened from the site runs its scripts on the site's origin, so an SVG is
 * published only when it holds none: no script elements (in any namespace),
 * no `foreignObject` or embedded XHTML, no event handlers, no
 * `javascript:` / `vbscript:` URLs, no animation that rewrites a link, no
 * `<?xml-stylesheet?>` (XSLT can write script), no DTD internal subset
 * (its entities expand into markup the file does not show), and, for SVG,
 * no reference to another host (`<use href="https://…">`, CSS `@import`,
 * `url(https://…)`): those load content that was never reviewed.
 *
 * Markup is read with parse5's tokenizer in foreign-content mode, so
 * character references are decoded (`java&#115;cript:`) and every start tag
 * is seen, whatever element it is nested in. Element and attribute names are
 * compared lower-case and without their prefix (`svg:script`,
 * `xlink:href`), which can only find more than an XML parser would.
 */
import { isUnsafeUrl, scanMarkup, shown, urlScheme } from './safety.ts';

export interface ActiveContent {
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  /** What was found, for a message: `<script>`, `onload=`, `href="https://…"`. */
  what: string;
  /** script: runs code; external: loads content from another host. */
  kind: 'script' | 'external';
}

const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';
/** Elements that run script, embed a document or are HTML's own, in any namespace. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'handler', 'listener', 'iframe', 'frame', 'frameset', 'embed', 'object', 'applet', 'portal', 'base', 'meta', 'link', 'form', 'template', 'noscript', 'math']);
/** Animation elements: with attributeName="href" they turn a link into anything. */
const ANIMATIONS = new Set(['set', 'animate', 'animatetransform', 'animatemotion', 'discard']);
/** Attributes whose value is loaded or followed as a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'base', 'action', 'formaction', 'data']);
/** Raster images an <image> may embed as a data: URL (Inkscape and Illustrator embed them so). */
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif);/i;
/** data: URLs CSS may hold (fonts, raster images): inert. */
const CSS_DATA = /^data:(image\/(png|jpe?g|gif|webp|avif)|font\/[\w.+-]+|application\/(x-)?font-[\w.+-]+);/i;

function localName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

/** 1-based line and column of an offset in a text. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** A URL with a scheme or `//`: it leads to another host (or to anything). */
function isAbsolute(url: string): boolean {
  return urlScheme(url) !== undefined || /^\s*[\\/]{2}/.test(url);
}

/** `@import`, `url(…)` to another host, and the old script hooks, in CSS text. */
function cssFindings(css: string, at: (offset: number) => { line: number; column: number }, external: boolean, found: ActiveContent[]): void {
  for (const match of css.matchAll(/@import\b|expression\s*\(|-moz-binding\b|\bbehavior\s*:/gi)) {
    const kind = /^@import/i.test(match[0]) ? 'external' : 'script';
    if (kind === 'script' || external) found.push({ ...at(match.index), what: `CSS ${match[0].replace(/\s+/g, '')}`, kind });
  }
  for (const match of css.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    const target = match[2]!.trim();
    if (isUnsafeUrl(target) && !CSS_DATA.test(target)) found.push({ ...at(match.index), what: `CSS url(${shown(target)})`, kind: 'script' });
    else if (external && isAbsolute(target) && !CSS_DATA.test(target)) found.push({ ...at(match.index), what: `CSS url(${shown(target)})`, kind: 'external' });
  }
}

/** Namespaces whose elements a browser renders, and runs, inside any XML document. */
const LIVE_NAMESPACES = new Map([
  [XHTML_NAMESPACE, 'HTML'],
  ['http://www.w3.org/2000/svg', 'SVG'],
  ['http://www.w3.org/1998/Math/MathML', 'MathML'],
]);

/**
 * Everything in an SVG (mode "svg") or other XML file (mode "xml") that
 * could run script or, in SVG, load content from another host, in the order
 * of the file. In XML, elements are data to the browser unless they are in
 * the HTML, SVG or MathML namespace: declaring one of those is reported,
 * and the elements and attributes are not judged one by one.
 */
export function findActiveContent(text: string, mode: 'svg' | 'xml'): ActiveContent[] {
  const found: ActiveContent[] = [];
  const external = mode === 'svg';
  for (const match of text.matchAll(/<!DOCTYPE[^>[]*\[|<!(?:ENTITY|ATTLIST|ELEMENT|NOTATION)\b/gi)) {
    found.push({ ...position(text, match.index), what: 'a DTD internal subset (<!DOCTYPE … [ … ]>)', kind: 'script' });
  }
  for (const match of text.matchAll(/<\?xml-stylesheet\b/gi)) {
    found.push({ ...position(text, match.index), what: '<?xml-stylesheet?>', kind: 'script' });
  }
  const scan = scanMarkup(text, 'xml');
  if (mode === 'xml') {
    for (const tag of scan.tags) {
      for (const attribute of tag.attributes) {
        const live = LIVE_NAMESPACES.get(attribute.value.trim());
        if ((attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) && live) {
          found.push({ line: attribute.line, column: attribute.column, what: `${attribute.name}="${attribute.value.trim()}" (${live} inside the file)`, kind: 'script' });
        }
      }
    }
    return found.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  for (const tag of scan.tags) {
    const element = localName(tag.name);
    if (ACTIVE_ELEMENTS.has(element)) found.push({ line: tag.line, column: tag.column, what: `<${tag.name}>`, kind: 'script' });
    for (const attribute of tag.attributes) {
      const name = localName(attribute.name);
      const where = { line: attribute.line, column: attribute.column };
      if (/^on[a-z]/.test(name)) {
        found.push({ ...where, what: `${attribute.name}=`, kind: 'script' });
      } else if ((attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) && attribute.value.trim() === XHTML_NAMESPACE) {
        found.push({ ...where, what: `${attribute.name}="${XHTML_NAMESPACE}" (HTML inside the file)`, kind: 'script' });
      } else if (ANIMATIONS.has(element) && name === 'attributename' && /(^|:)href$/i.test(attribute.value.trim())) {
        found.push({ ...where, what: `<${tag.name} attributeName="${shown(attribute.value)}">`, kind: 'script' });
      } else if (URL_ATTRIBUTES.has(name) || /^(values|to|from|by)$/.test(name) || attribute.name === 'xml:base') {
        const urls = name === 'values' ? attribute.value.split(';') : [attribute.value];
        for (const url of urls) {
          const embeddedImage = (element === 'image' || element === 'feimage') && DATA_IMAGE.test(url.trim());
          if (isUnsafeUrl(url) && !embeddedImage) found.push({ ...where, what: `${attribute.name}="${shown(url.trim())}"`, kind: 'script' });
          // A link (<a href>) leads elsewhere when clicked, as in any page; anything else loads what it names.
          else if (external && element !== 'a' && isAbsolute(url) && !embeddedImage) found.push({ ...where, what: `<${tag.name} ${attribute.name}="${shown(url.trim())}">`, kind: 'external' });
        }
      } else if (/url\s*\(|@import|expression\s*\(|-moz-binding|behavior\s*:/i.test(attribute.value)) {
        // style="…" and presentation attributes (fill="url(…)", filter, mask…).
        cssFindings(attribute.value, () => where, external, found);
      }
    }
  }
  for (const style of scan.styles) {
    cssFindings(style.text, (offset) => {
      const inside = position(style.text, offset);
      return { line: style.line + inside.line - 1, column: inside.line === 1 ? style.column + inside.column - 1 : inside.column };
    }, external, found);
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
