/** Whether incident kits are printed to PDF: with a browser by default, never when the site turns it off. */
import { expect, test } from 'vitest';
import { kitPdfChoice } from '../../src/lib/kit-pdf.ts';

test('OPSBOOK_KIT_PDF=off leaves kits without a PDF, whatever the diagram setting', () => {
  expect(kitPdfChoice('build', { OPSBOOK_KIT_PDF: 'off' })).toEqual({ enabled: false, reason: 'OPSBOOK_KIT_PDF=off' });
});

test('client-drawn diagrams mean no browser at build time, so no PDF', () => {
  expect(kitPdfChoice('client', {}).enabled).toBe(false);
});
