/**
 * Raw HTML as GitHub shows it, from parsed Markdown to rendered HTML: the
 * tags and attributes of GitHub's sanitiser pass and are kept, what it drops
 * is dropped (with a warning only where the author loses something they can
 * see), a `<placeholder>` in prose is published as text with a warning, and
 * whatever runs script stays an error.
 */
import { compile } from '@mdx-js/mdx';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { parseBody } from '../../../src/core/load/markdown.ts';
import { escapePlaceholders, isPlaceholder, mdxSyntaxHint } from '../../../src/core/validate/github-html.ts';
import { checkSafety } from '../../../src/core/validate/safety.ts';
import { rehypeSanitizeMdx } from '../../../src/markdown/rehype-sanitize-mdx.ts';
import { renderMarkdown } from '../../../src/markdown/render.ts';
import { documentFromBody } from './helpers.ts';

const check = (body: string, file?: string) => checkSafety([documentFromBody(body, file)], { allowMdx: true }).map(formatDiagnostic);
const render = (body: string) => renderMarkdown(documentFromBody(body).body!.mdast);

describe('HTML GitHub shows', () => {
  const GITHUB = [
    '<div align="center">',
    '  <img src="https://grafana.example/lag.png" alt="Lag" width="400" class="hero">',
    '</div>',
    '',
    '<details>',
    '<summary>Full context</summary>',
    '<p>Check the <a href="https://grafana.example/d/kafka" target="_blank" class="external">dashboard</a> for <b>lag</b>, <i>per</i> <em>partition</em>.</p>',
    '</details>',
    '',
    '<table>',
    '  <tr><th align="left">Metric</th><th>Threshold</th></tr>',
    '  <tr><td class="metric">kafka_consumergroup_lag</td><td>10000</td></tr>',
    '</table>',
    '',
    'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O, x<sup>2</sup>,<br>a <span title="hint">note</span>, <del>old</del> <ins>new</ins>, <s>gone</s>.',
    '',
    '<p style="color: red">Styled</p>',
    '',
  ].join('\n');

  test('passes without a finding', () => {
    expect(check(GITHUB)).toEqual([]);
  });

  test('is kept as GitHub keeps it; attributes its sanitiser drops (class, target, style) are dropped', () => {
    const html = render(GITHUB);
    expect(html).toContain('<div align="center">\n  <img src="https://grafana.example/lag.png" alt="Lag" width="400">\n</div>');
    expect(html).toMatch(/<details>\s*<summary>Full context<\/summary>\s*<p>Check the <a href="https:\/\/grafana.example\/d\/kafka">dashboard<\/a> for <b>lag<\/b>, <i>per<\/i> <em>partition<\/em>.<\/p>\s*<\/details>/);
    expect(html).toContain('<tr><th align="left">Metric</th><th>Threshold</th></tr>');
    expect(html).toContain('<td>kafka_consumergroup_lag</td>');
    expect(html).toContain('<kbd>Ctrl</kbd>+<kbd>C</kbd>; H<sub>2</sub>O, x<sup>2</sup>,<br>a <span title="hint">note</span>, <del>old</del> <ins>new</ins>, <s>gone</s>.');
    expect(html).toContain('<p>Styled</p>');
    expect(html).not.toMatch(/class="(hero|metric|external)?"|target=|style=/);
  });

  test('HTML GitHub drops is removed with its text kept, and a warning says so', () => {
    expect(check('<center>Old</center> and <u>under</u>\n')).toEqual([
      'content/runbooks/x.md:1:1 warning Raw HTML <center> is removed from the page, as GitHub does; its text is kept. Use Markdown, or HTML GitHub shows (<details>, <summary>, <kbd>, <p>, <div align="center">, <img>, <a>, <table>…). html/removed',
      'content/runbooks/x.md:1:1 warning Raw HTML <u> is removed from the page, as GitHub does; its text is kept. Use Markdown, or HTML GitHub shows (<details>, <summary>, <kbd>, <p>, <div align="center">, <img>, <a>, <table>…). html/removed',
    ]);
    expect(render('<center>Old</center> and <u>under</u>\n')).toBe('Old and under');
  });

  test('custom elements and SVG shapes outside an <svg> go silently, as on GitHub', () => {
    expect(check('Text <my-widget data-x="1">inside</my-widget> and <circle r="1"/>.\n')).toEqual([]);
    expect(render('Text <my-widget data-x="1">inside</my-widget> and <circle r="1"/>.\n')).toBe('<p>Text inside and .</p>');
  });
});

describe('placeholders written as tags', () => {
  test.each(['<cluster-id>', '<host-name>', '<namespace>', '<your-token>', '<PROMETHEUS_URL>', '<pod.name>', '<value of instance label from alert>'])('%s is a placeholder', (tag) => {
    const name = tag.slice(1, -1).split(' ')[0]!.toLowerCase();
    expect(isPlaceholder({ name, valued: 0 }), tag).toBe(true);
  });

  test.each([['p', 0], ['details', 0], ['time', 0], ['my-widget', 1], ['cluster', 1]] as const)('<%s> (%i attributes with a value) is not', (name, valued) => {
    expect(isPlaceholder({ name, valued })).toBe(false);
  });

  test('in prose: a warning at the tag, with the backticks to write', () => {
    expect(check('## Diagnosis\n\nFind the group on <cluster-id> in <namespace>:\n\n<your-token>\n')).toEqual([
      'content/runbooks/x.md:3:19 warning <cluster-id> is not HTML: it is shown as text. Write it in backticks: `<cluster-id>` (GitHub would drop it as an unknown tag). html/placeholder',
      'content/runbooks/x.md:3:35 warning <namespace> is not HTML: it is shown as text. Write it in backticks: `<namespace>` (GitHub would drop it as an unknown tag). html/placeholder',
      'content/runbooks/x.md:5:1 warning <your-token> is not HTML: it is shown as text. Write it in backticks: `<your-token>` (GitHub would drop it as an unknown tag). html/placeholder',
    ]);
  });

  test('the message shows the placeholder as written, not lower-cased', () => {
    expect(check('Set <ClusterID> and <Insert site specific measures>.\n').map((line) => line.split(' is not HTML')[0])).toEqual([
      'content/runbooks/x.md:1:5 warning <ClusterID>',
      'content/runbooks/x.md:1:21 warning <Insert site specific measures>',
    ]);
    // Markdown reads a name with `_` or `.` as text already: nothing to say.
    expect(check('Set <PROMETHEUS_URL> and <pod.name>.\n')).toEqual([]);
    expect(render('Set <PROMETHEUS_URL> and <pod.name>.\n')).toBe('<p>Set &#x3C;PROMETHEUS_URL> and &#x3C;pod.name>.</p>');
  });

  test('is published as the text the author typed, wherever it stands', () => {
    expect(render('Find the group on <cluster-id> in <namespace>.\n')).toBe('<p>Find the group on &#x3C;cluster-id> in &#x3C;namespace>.</p>');
    expect(render('<details><summary>On <cluster-id></summary>\n\nText.\n\n</details>\n')).toContain('<summary>On &#x3C;cluster-id></summary>');
    expect(render('| Host | Port |\n| --- | --- |\n| <host-name> | 9092 |\n')).toContain('<td>&#x3C;host-name></td>');
  });

  test('code is code: no finding, and shown as written', () => {
    const body = 'Run `kubectl -n <namespace> get pods`.\n\n```bash\nkubectl -n <namespace> logs <pod>\n```\n';
    expect(check(body)).toEqual([]);
    expect(render(body)).toContain('<code>kubectl -n &#x3C;namespace> get pods</code>');
  });

  test('escapePlaceholders leaves real HTML alone', () => {
    expect(escapePlaceholders('<p>On <cluster-id></p>')).toBe('<p>On &lt;cluster-id&gt;</p>');
    expect(escapePlaceholders('<a href="x">y</a><time>z</time><my-widget data-x="1">w</my-widget>')).toBe('<a href="x">y</a><time>z</time><my-widget data-x="1">w</my-widget>');
  });

  test('a placeholder does not hide what runs script beside it', () => {
    expect(check('<cluster-id> <a href="javascript:alert(1)">x</a>\n').map((line) => line.split(' ').at(-1))).toEqual(['html/placeholder', 'html/unsafe-url']);
  });
});

describe('in MDX a placeholder cannot be parsed: the error says what to write', () => {
  const mdx = (body: string) => {
    const out: Parameters<typeof parseBody>[2] = [];
    parseBody(body, { file: 'content/runbooks/x.mdx', mdx: true, firstLine: 1 }, out);
    return out.map(formatDiagnostic);
  };

  test('<cluster-id> in an .mdx file', () => {
    expect(mdx('## Diagnosis\n\nRun it on <cluster-id> now.\n')).toEqual([
      'content/runbooks/x.mdx:3:1 error MDX cannot be parsed: Expected a closing tag for `<cluster-id>` (3:11-3:23) before the end of `paragraph`. In .mdx files, <cluster-id> starts a component. Write it in backticks: `<cluster-id>`, or escape it as \\<cluster-id>; .md files show such placeholders as text. mdx/syntax',
    ]);
    expect(mdx('## Diagnosis\n\nRun it on `<cluster-id>` or \\<cluster-id> now.\n')).toEqual([]);
  });

  test('other syntax errors keep the general hint', () => {
    expect(mdxSyntaxHint('Unexpected character')).toBe('In .mdx files, {, } and < start code; escape them (\\{) or use a .md file.');
  });

  test('HTML GitHub shows is accepted in MDX too, with the attributes GitHub keeps', async () => {
    const body = '<div align="center" class="hero"><img src="lag.png" alt="Lag" width="40" className="big" aria-label="Lag" /></div>\n\n<table><tr><td colSpan="2" class="m">x</td></tr></table>\n\n<input type="checkbox" disabled /> <input type="text" />\n\n<Callout type="note">c</Callout>\n';
    expect(check(body, 'content/runbooks/x.mdx')).toEqual([]);
    const out = String(await compile(body, { rehypePlugins: [rehypeSanitizeMdx], outputFormat: 'function-body' })).replace(/\s+/g, ' ');
    expect(out).toContain('_jsx("div", { align: "center", children: _jsx("img", { src: "lag.png", alt: "Lag", width: "40", "aria-label": "Lag" })');
    expect(out).toContain('_jsx("td", { colSpan: "2", children: "x" })');
    expect(out).toContain('_jsx("input", { type: "checkbox", disabled: true })');
    expect(out).toContain('_jsx("input", {})');
    expect(out).toContain('_jsx(Callout, { type: "note", children: "c" })');
    expect(out).not.toMatch(/hero|"big"|"m"|"text"/);
  });
});

describe('what runs script or breaks the page stays an error', () => {
  test.each([
    ['<p onclick="alert(1)">x</p>', 'html/event-handler'],
    ['<img src="x.png" onerror="alert(1)">', 'html/event-handler'],
    ['<a href="javascript:alert(1)">y</a>', 'html/unsafe-url'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', 'html/unsafe-url'],
    ['<iframe src="https://example.com"></iframe>', 'html/forbidden'],
    ['<form action="https://example.com"><p>z</p></form>', 'html/forbidden'],
    ['<style>body{display:none}</style>', 'html/forbidden'],
    ['<svg><circle r="1"/></svg>', 'html/forbidden'],
    ['<math><mi>x</mi></math>', 'html/forbidden'],
    ['<script>alert(1)</script>', 'html/forbidden'],
    ['<textarea>x</textarea>', 'html/not-allowed'],
    ['<body onload="alert(1)">', 'html/not-allowed'],
  ])('%s', (html, rule) => {
    const found = check(`${html}\n`);
    expect(found.map((line) => line.split(' ').at(-1))).toContain(rule);
    expect(found.every((line) => line.includes(' error ') || line.endsWith('html/placeholder'))).toBe(true);
  });
});
