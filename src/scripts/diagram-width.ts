/**
 * How narrow a diagram may shrink: never so far that its text is smaller
 * than MIN_LABEL_PX CSS pixels; past that it scrolls inside its frame. The
 * generated maps take their min-width from this number (core/graph/svg-map.ts);
 * authored Mermaid diagrams get theirs from `setReadableMinWidth`, which the
 * build runs inside Chromium and the reader's browser runs after drawing a
 * diagram itself, so it is self-contained (no imports, no closures).
 */
export const MIN_LABEL_PX = 11;

/** The frame of a drawn diagram, which scrolls when wider than the screen: like a wide table, a named region the keyboard can reach and scroll. */
export const SCROLL_REGION: Readonly<Record<string, string>> = { tabindex: '0', role: 'region', 'aria-label': 'Diagram' };

/**
 * Gives a drawn Mermaid SVG (in the document, so that its styles apply) a
 * min-width at which its smallest text is `minLabelPx` pixels: its width in
 * user units times minLabelPx over that text's font size (edge labels are
 * smaller than node labels). Never wider than the drawing's natural size.
 * Returns the width set, or 0 when the text is readable at any width.
 */
export function setReadableMinWidth(svg: SVGSVGElement, minLabelPx: number): number {
  const width = svg.viewBox?.baseVal?.width ?? 0;
  if (!(width > 0) || !svg.isConnected) return 0;
  // SVG text, and the HTML labels Mermaid puts in foreignObject.
  const sizes = Array.from(svg.querySelectorAll('text, foreignObject div'))
    .filter((text) => text.textContent?.trim())
    .map((text) => parseFloat(getComputedStyle(text).fontSize))
    .filter((size) => size > 0);
  const smallest = sizes.length ? Math.min(...sizes) : 0;
  if (!(smallest > minLabelPx)) return 0;
  const min = Math.ceil(Math.min(width, (width * minLabelPx) / smallest));
  svg.style.minWidth = `${min}px`;
  return min;
}
