/**
 * The two forms of an authored diagram in a built page: the block the
 * Markdown renderer writes (`<pre class="mermaid-source">`, drawn by the
 * reader's browser in client mode), and the drawing the build puts in its
 * place (inline SVG, then the source in a <details>). Search indexes either
 * as the source alone, so the index is the same whichever form a page holds
 * when it is read, and can be built while diagrams are drawn.
 */
import { SCROLL_REGION } from '../scripts/diagram-width.ts';

/** An authored diagram as the renderer writes it: attributes (class, node links) and the escaped source. */
export const SOURCE_BLOCK = /<pre([^>]*\bclass="mermaid-source"[^>]*)><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g;

/** An authored diagram as the build draws it: the SVG, then the escaped source. */
const DRAWN_BLOCK = /<div class="diagram-svg"[^>]*><svg[\s\S]*?<\/svg><\/div><details class="diagram-source"><summary>Diagram source<\/summary><pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre><\/details>/g;

/** Where a drawn diagram's SVG ends and its source starts, once per drawn diagram (a map has its caption between): what counts them. */
export const DRAWN_MARK = '</svg></div><details class="diagram-source">';

const FRAME_ATTRIBUTES = Object.entries(SCROLL_REGION).map(([name, value]) => ` ${name}="${value}"`).join('');

/** The drawn form of a diagram (`code` is the source as escaped in the page). */
export function drawnDiagram(svg: string, code: string): string {
  return `<div class="diagram-svg"${FRAME_ATTRIBUTES}>${svg}</div><details class="diagram-source"><summary>Diagram source</summary><pre><code class="language-mermaid">${code}</code></pre></details>`;
}

/** The page with every authored diagram, drawn or not, as a plain code block of its source. */
export function diagramsAsSource(html: string): string {
  if (!html.includes('language-mermaid')) return html;
  const source = (_: string, code: string) => `<pre><code class="language-mermaid">${code}</code></pre>`;
  return html.replace(DRAWN_BLOCK, source).replace(SOURCE_BLOCK, (_, _attributes: string, code: string) => source(_, code));
}
