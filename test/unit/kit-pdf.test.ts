/** Whether incident kits are printed to PDF: only when the site asks for it and the build has a browser. */
import { expect, test } from 'vitest';
import { kitPdfChoice, kitPdfOverride } from '../../src/lib/kit-pdf.ts';

test('off by default: a site that does not ask gets kit pages without a PDF, and is told how to ask', () => {
  expect(kitPdfChoice({ diagrams: 'build', kitPdf: false }, {})).toEqual({ enabled: false, reason: 'off by default; kitPdf: true in opsbook.config.ts or OPSBOOK_KIT_PDF=on prints them' });
});

test('OPSBOOK_KIT_PDF=off leaves kits without a PDF, whatever the config and the diagram setting', () => {
  expect(kitPdfChoice({ diagrams: 'build', kitPdf: true }, { OPSBOOK_KIT_PDF: 'off' })).toEqual({ enabled: false, reason: 'OPSBOOK_KIT_PDF=off' });
});

test('OPSBOOK_KIT_PDF=on asks for PDFs whatever the config; client-drawn diagrams still mean no browser, so no PDF', () => {
  expect(kitPdfChoice({ diagrams: 'client', kitPdf: false }, { OPSBOOK_KIT_PDF: 'on' })).toEqual({ enabled: false, reason: 'diagrams set to "client"' });
  expect(kitPdfChoice({ diagrams: 'client', kitPdf: true }, {}).enabled).toBe(false);
  // OPSBOOK_DIAGRAMS overrides the diagram setting here as everywhere.
  expect(kitPdfChoice({ diagrams: 'build', kitPdf: true }, { OPSBOOK_DIAGRAMS: 'client' })).toEqual({ enabled: false, reason: 'diagrams set to "client"' });
});

test('OPSBOOK_KIT_PDF takes on or off; anything else is refused with what to write', () => {
  expect(kitPdfOverride({})).toBeUndefined();
  expect(kitPdfOverride({ OPSBOOK_KIT_PDF: '' })).toBeUndefined();
  expect(kitPdfOverride({ OPSBOOK_KIT_PDF: 'on' })).toBe(true);
  expect(kitPdfOverride({ OPSBOOK_KIT_PDF: 'off' })).toBe(false);
  expect(() => kitPdfOverride({ OPSBOOK_KIT_PDF: 'yes' })).toThrow('OPSBOOK_KIT_PDF must be "on" or "off", not "yes". Unset it to follow kitPdf in opsbook.config.ts (off by default).');
});
