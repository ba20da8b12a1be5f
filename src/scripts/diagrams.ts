/**
 * Client mode: when the build had no browser to draw authored diagrams, the
 * page carries their Mermaid source (readable as text) and this script draws
 * them with the site's own copy of Mermaid. It does nothing on pages whose
 * diagrams were drawn at build time. (Maps from the catalogue are always SVG.)
 */
import { linkDiagramNodes } from './diagram-links.ts';
import { MIN_LABEL_PX, SCROLL_REGION, setReadableMinWidth } from './diagram-width.ts';

interface MermaidApi {
  initialize(config: object): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}

const blocks = Array.from(document.querySelectorAll<HTMLElement>('pre.mermaid-source'));

if (blocks.length) {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const { default: mermaid } = (await import(/* @vite-ignore */ `${base}_opsbook/mermaid/mermaid.esm.min.mjs`)) as { default: MermaidApi };
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', flowchart: { htmlLabels: false, useMaxWidth: true } });
  let n = 0;
  for (const pre of blocks) {
    const source = pre.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`diagram-client-${n++}`, source);
      const holder = document.createElement('div');
      holder.className = 'diagram-svg';
      for (const [name, value] of Object.entries(SCROLL_REGION)) holder.setAttribute(name, value);
      holder.innerHTML = svg; // Mermaid's own output at the strict security level
      linkDiagramNodes(holder, JSON.parse(pre.dataset.links ?? '{}') as Record<string, string>);
      const details = document.createElement('details');
      details.className = 'diagram-source';
      const summary = document.createElement('summary');
      summary.textContent = 'Diagram source';
      pre.replaceWith(holder, details);
      const drawn = holder.querySelector('svg');
      if (drawn) setReadableMinWidth(drawn, MIN_LABEL_PX);
      details.append(summary, pre);
    } catch {
      pre.classList.add('diagram-failed'); // the source stays readable
    }
  }
}
