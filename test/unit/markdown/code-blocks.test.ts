/**
 * Code blocks as the build writes them (.md, with and without raw HTML in
 * the body): placeholders wrapped with their text unchanged, the
 * `destructive` fence word turned into a warning in the bar. The .mdx path
 * is checked on the built example site (test/e2e/code-blocks.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { markdownParser } from '../../../src/markdown/pipeline.ts';
import { renderMarkdown } from '../../../src/markdown/render.ts';

const render = (markdown: string) => renderMarkdown(markdownParser.parse(markdown));

/** The text a reader sees without JavaScript: tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x3C;/g, '<')
    .replace(/&#x26;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const RAW_HTML = '\n\n<details><summary>More</summary>\n\nText.\n\n</details>\n';

describe.each([
  ['without raw HTML', ''],
  ['with raw HTML in the body', RAW_HTML],
])('a .md body %s', (_what, extra) => {
  test('placeholders are wrapped, named, and read exactly as written', () => {
    const command = 'kubectl -n <namespace> logs $POD --since=${WINDOW} | grep "{{ env }}"';
    const html = render(`\`\`\`bash\n${command}\n\`\`\`${extra}`);
    expect(html).toContain('<var class="placeholder" data-name="namespace">&#x3C;namespace></var>');
    expect(html).toContain('<var class="placeholder" data-name="pod">$POD</var>');
    expect(html).toContain('<var class="placeholder" data-name="window">${WINDOW}</var>');
    expect(html).toContain('<var class="placeholder" data-name="env">{{ env }}</var>');
    const pre = /<pre[\s\S]*?<\/pre>/.exec(html)![0];
    expect(textOf(pre)).toBe(`${command}\n`);
  });

  test('`destructive` after the language puts a warning in the bar and marks the block', () => {
    const html = render(`\`\`\`bash destructive\nkubectl -n payments delete pod api-0\n\`\`\`${extra}`);
    expect(html).toContain('<div class="code-block code-destructive"><div class="code-bar"><span class="code-language">bash</span><strong class="code-warning">');
    expect(html).toContain('Destructive: read before running</strong>');
    expect(html).toContain('data-destructive');
    // The fence's words are not left on the page.
    expect(html).not.toContain('data-meta');
  });

  test('other fence words, or none, make no warning', () => {
    for (const fence of ['```bash title="x"', '```bash', '```bash not-destructive']) {
      const html = render(`${fence}\nkubectl get pods\n\`\`\`${extra}`);
      expect(html, fence).not.toContain('code-warning');
      expect(html, fence).not.toContain('data-destructive');
    }
  });
});

test('a yaml alert rule keeps its templates as they are', () => {
  const html = render('```yaml\nsummary: "{{ $labels.instance }} on {{ env }}"\nnamespace: <namespace>\n```\n');
  expect(html).not.toContain('data-name="env"');
  expect(html).toContain('<var class="placeholder" data-name="namespace">&#x3C;namespace></var>');
});

test('a secret gets marked as one, so the page asks for no value', () => {
  expect(render('```bash\ndnsctl update --token <token>\n```\n')).toContain('<var class="placeholder" data-name="token" data-secret>&#x3C;token></var>');
});

test('a Mermaid diagram is left to the diagram step', () => {
  const html = render('```mermaid\nflowchart TD\n  A[<name>] --> B\n```\n');
  expect(html).not.toContain('<var');
  expect(html).toContain('class="mermaid-source"');
});
