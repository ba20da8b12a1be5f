/**
 * Turns Mermaid's node groups into links to their pages. Self-contained (no
 * imports, no closures): the build runs it inside Chromium, the reader's
 * browser runs it after client-side rendering.
 */
export function linkDiagramNodes(container: Element, links: Record<string, string>): number {
  const SVG = 'http://www.w3.org/2000/svg';
  let linked = 0;
  for (const node of Array.from(container.querySelectorAll('g.node'))) {
    const match = /flowchart-(.+)-\d+$/.exec(node.id); // Mermaid prefixes the diagram's id
    const href = match ? links[match[1]!] : undefined;
    if (!href || node.parentElement?.tagName.toLowerCase() === 'a') continue;
    const anchor = document.createElementNS(SVG, 'a');
    anchor.setAttribute('href', href);
    anchor.setAttribute('class', 'diagram-link');
    const label = node.textContent?.trim();
    if (label) anchor.setAttribute('aria-label', label);
    node.parentNode!.insertBefore(anchor, node);
    anchor.appendChild(node);
    linked++;
  }
  return linked;
}
