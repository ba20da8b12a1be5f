/**
 * Raw HTML and MDX safety on real Markdown, parsed by the project's parser:
 * attributes are judged as a browser reads them (character references
 * decoded, whitespace and control characters in a scheme removed), and MDX
 * imports and exports are classified from the ESTree remark-mdx builds.
 */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { checkSafety, isUnsafeUrl, scanMarkup } from '../../../src/core/validate/safety.ts';
import { documentFromBody } from './helpers.ts';

const check = (body: string, file?: string) => checkSafety([documentFromBody(body, file)], { allowMdx: true });
const rules = (body: string, file?: string) => check(body, file).map((d) => d.rule);
const lines = (body: string, file?: string) => check(body, file).map(formatDiagnostic);

describe('raw HTML: URLs after decoding and normalisation', () => {
  test.each([
    ['a numeric character reference for the colon', '<details><summary><a href="javascript&#58;alert(1)">x</a></summary>y</details>'],
    ['a hexadecimal reference for the first letter', '<details><summary><a href="&#x6A;avascript:alert(1)">x</a></summary>y</details>'],
    ['a named reference for the colon', '<details><summary><a href="javascript&colon;alert(1)">x</a></summary>y</details>'],
    ['a tab inside the scheme', '<details><summary><a href="java\tscript:alert(1)">x</a></summary>y</details>'],
    ['an encoded tab inside the scheme', '<details><summary><a href="java&#9;script:alert(1)">x</a></summary>y</details>'],
    ['leading spaces and a control character', '<details><summary><a href="  \u0001javascript:alert(1)">x</a></summary>y</details>'],
    ['upper case and no quotes', '<details><summary><a HREF=JaVaScRiPt:alert(1)>x</a></summary>y</details>'],
    ['an image source with a data: URL', '<details><summary><img src="DATA:text/html;base64,PHNjcmlwdD4=">x</summary>y</details>'],
    ['vbscript in a form action', '<details><summary><form action="vbscript&#58;msgbox">x</form></summary>y</details>'],
  ])('%s is html/unsafe-url', (_, html) => {
    expect(rules(`${html}\n`)).toContain('html/unsafe-url');
  });

  test('the message shows the URL as the browser reads it, at the HTML node', () => {
    expect(lines('Intro.\n\n<details><summary><a href="javascript&#58;alert(1)">x</a></summary>y</details>\n')).toContain(
      'content/runbooks/x.md:3:1 error The URL "javascript:alert(1)" runs script or embeds data. Link to an https:// address or a file in content/. html/unsafe-url',
    );
  });

  test('Markdown links are normalised the same way', () => {
    expect(rules('[x](<java\tscript:alert(1)>) and [y](javascript&#58;alert(1)) and [z](JAVASCRIPT:alert(1))\n')).toEqual(['html/unsafe-url', 'html/unsafe-url', 'html/unsafe-url']);
  });

  test('safe URLs pass', () => {
    expect(check('<details><summary>See <a href="https://grafana.example/d/x">x</a></summary>y</details>\n\n[ok](./other.md) [mail](mailto:ops@example.com)\n')).toEqual([]);
    expect(isUnsafeUrl('./javascript:notes.md')).toBe(false);
    expect(isUnsafeUrl('https://example.com/?next=javascript:x')).toBe(false);
  });
});

describe('raw HTML: tags and event handlers from the parsed markup', () => {
  test('event handlers in any case are html/event-handler; the words inside a value are not', () => {
    expect(lines('<details ONTOGGLE="alert(1)"><summary>x</summary>y</details>\n')).toEqual([
      'content/runbooks/x.md:1:1 error The attribute ontoggle= runs script. Remove it: event handlers are never allowed. html/event-handler',
    ]);
    expect(rules('<details\n  ontoggle=alert(1)><summary>x</summary>y</details>\n')).toEqual(['html/event-handler']);
    expect(check('<details title="x onclick=y"><summary>x</summary>y</details>\n')).toEqual([]);
  });

  test('the allowed tags and their harmless attributes pass', () => {
    expect(check('<details open><summary>Logs</summary>\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup><br/>\n\n</details>\n')).toEqual([]);
  });

  test('markup that is text is not a tag: character references, comments, code', () => {
    expect(check('<kbd>&lt;script&gt;alert(1)&lt;/script&gt;</kbd>\n\n<!-- <script>alert(1)</script> onload=x -->\n\n```html\n<script>alert(1)</script>\n```\n\n`<iframe>`\n')).toEqual([]);
  });

  test('words in text are not attributes', () => {
    expect(check('<details><summary>one partition only = poison message</summary>onerror = text</details>\n')).toEqual([]);
  });

  test('forbidden and page-breaking tags keep their rules, named once per node', () => {
    expect(lines('<script>if (a<b) x()</script>\n\n<div class="note"><textarea>A</textarea><textarea>B</textarea></div>\n')).toEqual([
      'content/runbooks/x.md:1:1 error <script> is not allowed in documents. Content comes from many authors: scripts, frames, embeds and styles are refused. Describe it in Markdown, or link to it. html/forbidden',
      'content/runbooks/x.md:3:1 error Raw HTML <textarea> is not allowed: it changes how the rest of the page is read. Use Markdown instead, or the HTML GitHub shows (<details>, <summary>, <kbd>, <p>, <div align="center">, <img>, <a>, <table>…). html/not-allowed',
    ]);
  });

  test('tags the HTML parser would drop from a fragment are still reported', () => {
    expect(rules('<body onload="alert(1)">\n')).toEqual(['html/not-allowed', 'html/event-handler']);
  });

  test('a block that ends inside a tag reports the tag and its attributes', () => {
    expect(lines('<details ontoggle=alert(1)\n\nText\n')).toEqual([
      'content/runbooks/x.md:1:1 error Raw HTML <details> is not closed with ">". Close the tag on the same block; an open tag would run on into the text that follows. html/not-allowed',
      'content/runbooks/x.md:1:1 error The attribute ontoggle= runs script. Remove it: event handlers are never allowed. html/event-handler',
    ]);
  });

  test('scanMarkup reads start tags and decoded attributes with positions', () => {
    const scan = scanMarkup('<p>\n  <a title=x href="java&#115;cript:x">y</a>');
    expect(scan.tags.map((t) => [t.name, t.line, t.column])).toEqual([['p', 1, 1], ['a', 2, 3]]);
    expect(scan.tags[1]!.attributes).toEqual([
      { name: 'title', value: 'x', line: 2, column: 6 },
      { name: 'href', value: 'javascript:x', line: 2, column: 14 },
    ]);
  });
});

describe('MDX: imports and exports from the ESTree', () => {
  const mdx = (esm: string) => rules(`## Symptoms\n\n${esm}\n\nText.\n`, 'content/runbooks/x.mdx');

  test.each([
    ['an export after an import on the same line', "import Callout from '../../src/components/Callout.astro'; export const x = 1"],
    ['an export without a space, on a line of the import block', "import Callout from '../../src/components/Callout.astro'\nexport{Callout as default}"],
    ['a default export', 'export default function Page() { return null }'],
    ['a re-export', "export * from '../../src/components/Callout.astro'"],
  ])('%s is mdx/export', (_, esm) => {
    expect(mdx(esm)).toEqual(['mdx/export']);
  });

  test('imports are checked whatever their spacing', () => {
    expect(mdx("import {a}from'chart-lib'")).toEqual(['mdx/import']);
    expect(mdx("import Callout from '../../src/components/Callout.astro'\nimport x from \"left-pad\"")).toEqual(['mdx/import']);
    expect(mdx("import Callout from '../../src/components/Callout.astro'")).toEqual([]);
  });

  test('export{…} on its own line is a paragraph with an expression, refused as one', () => {
    // MDX needs a space after the keyword to start an export block: `export{a}` is text and a {a} expression.
    expect(mdx('export{a}')).toEqual(['mdx/expression']);
  });

  test('attribute expressions run code too', () => {
    expect(lines('<Callout type={process.env.SECRET}>x</Callout>\n\n<Callout {...props}>y</Callout>\n', 'content/runbooks/x.mdx')).toEqual([
      'content/runbooks/x.mdx:1:1 error The attribute type={…} runs code at build time and is not allowed. Write the value as a quoted string: name="value". mdx/expression',
      'content/runbooks/x.mdx:3:1 error The attribute {…} runs code at build time and is not allowed. Write the value as a quoted string: name="value". mdx/expression',
    ]);
    expect(rules('<Callout type="note" onClick={() => alert(1)}>ok</Callout>\n', 'content/runbooks/x.mdx')).toEqual(['html/event-handler']);
  });
});
