/**
 * A "Print or save as PDF" button: hidden until this script runs (without
 * JavaScript the line beside it says to use the browser's print menu).
 */
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
