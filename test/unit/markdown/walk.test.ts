import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { raw } from 'hast-util-raw';
import { visit } from 'unist-util-visit';
import { walkElements } from '../../../src/markdown/walk.ts';
import { rehypeCodeBlocks } from '../../../src/markdown/rehype-code-blocks.ts';

/** An HTML fragment as a hast tree (parse5, through hast-util-raw as the renderer uses it). */
const fromHtml = (html: string) => raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;

const PAGE = '<h2 id="a">A</h2><table><tr><td><pre><code class="language-sh">ls</code></pre></td></tr></table><ul><li><input type="checkbox" checked> x</li></ul><pre><code>one</code></pre>';

describe('walkElements', () => {
  it('meets elements in the order unist-util-visit does, with the same index and parent', () => {
    const tree = fromHtml(PAGE);
    const seen: string[] = [];
    const expected: string[] = [];
    walkElements(tree, (element, index, parent) => seen.push(`${element.tagName}@${index}<${'tagName' in parent ? parent.tagName : parent.type}`));
    visit(tree, 'element', (element: Element, index, parent) => {
      expected.push(`${element.tagName}@${index}<${parent && 'tagName' in parent ? parent.tagName : parent?.type}`);
    });
    expect(seen).toEqual(expected);
    expect(seen).toContain('code@0<pre');
  });

  it('goes into the children of an element replaced by a wrapper, and does not visit the wrapper', () => {
    const tree = fromHtml('<table><tr><td>1</td></tr></table><p>after</p>');
    const seen: string[] = [];
    walkElements(tree, (element, index, parent) => {
      seen.push(element.tagName);
      if (element.tagName === 'table') parent.children[index] = { type: 'element', tagName: 'div', properties: {}, children: [element] };
    });
    expect(seen).toEqual(['table', 'tbody', 'tr', 'td', 'p']);
    expect(toHtml(tree)).toBe('<div><table><tbody><tr><td>1</td></tr></tbody></table></div><p>after</p>');
  });

  it("walks into MDX's JSX nodes, so a code block inside a component gets its bar", () => {
    const pre: Element = { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'element', tagName: 'code', properties: { className: ['language-bash'] }, children: [{ type: 'text', value: 'kubectl get pods' }] }] };
    const tree = { type: 'root', children: [{ type: 'mdxJsxFlowElement', name: 'Callout', attributes: [], children: [pre] }] } as unknown as Root;
    rehypeCodeBlocks()(tree);
    const jsx = tree.children[0] as unknown as { children: Element[] };
    expect(jsx.children[0]!.properties.className).toEqual(['code-block']);
  });
});
