/** MDX output passes the second wall too: whatever the lint misses, no script reaches the compiled page. */
import { compile } from '@mdx-js/mdx';
import { expect, test } from 'vitest';
import { isScriptUrl, rehypeSanitizeMdx } from '../../../src/markdown/rehype-sanitize-mdx.ts';

async function compiled(source: string): Promise<string> {
  return String(await compile(source, { rehypePlugins: [rehypeSanitizeMdx], outputFormat: 'function-body' }));
}

test.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:x', 'java\tscript:x', 'javascript&#58;alert(1)', '&#x6A;avascript:x', 'data:text/html,<script>', 'vbscript:x'])('%j is a script URL', (url) => {
  expect(isScriptUrl(url)).toBe(true);
});

test.each(['https://example.com', '../runbooks/a.md', '#mitigation', 'mailto:ops@example.com'])('%j is not', (url) => {
  expect(isScriptUrl(url)).toBe(false);
});

test('event handlers, style and script URLs are removed from HTML written in MDX; unknown tags leave their text', async () => {
  const out = await compiled(['<a href="javascript&#58;alert(1)" title="t">link</a>', '', '<img src="x.png" onerror="alert(1)" alt="diagram" />', '', '<marquee onclick="x()">moving</marquee>', '', '<details style="color:red"><summary>More</summary>text</details>'].join('\n'));
  expect(out).not.toMatch(/javascript|onerror|onclick|alert|style/i);
  expect(out).not.toContain('marquee');
  expect(out).toContain('"moving"');
  expect(out).toContain('"diagram"');
  expect(out).toContain('"details"');
});

test('components keep their place, without handlers', async () => {
  const out = await compiled('<Callout type="warning" onClick="steal()" title="Careful">Retries double-charge.</Callout>');
  expect(out).toContain('Callout');
  expect(out).toContain('"warning"');
  expect(out).not.toContain('steal');
});
