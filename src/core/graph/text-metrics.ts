/**
 * Text widths without a browser, for laying out map labels. The table holds
 * the advance widths of DejaVu Sans (the sans-serif of most Linux systems and
 * wider than Helvetica, Segoe UI or Roboto), so a label measured here fits its
 * box whichever of those fonts the reader's system picks.
 */

/** Advance widths in thousandths of an em for U+0020…U+007E. */
const ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
  575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
  278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/** East Asian scripts and symbols are drawn a full em wide. */
function isWide(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || code >= 0x1f300;
}

/** Width in pixels of `text` set in a sans-serif at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) units += ASCII[code - 0x20]!;
    else if (/\p{Mn}/u.test(char)) continue; // combining marks take no room of their own
    else units += isWide(code) ? 1000 : 700; // other letters: the width of the wider Latin, Greek and Cyrillic ones
  }
  return (units / 1000) * fontSize;
}
