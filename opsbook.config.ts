/**
 * Site configuration. Every field is optional; src/core/config.ts says what
 * each one means and what the defaults are.
 */
import type { OpsbookConfig } from './src/core/config.ts';

export default {
  title: 'Kestrel Ops',
  tagline: 'Runbooks, procedures and operation records for the Kestrel Commerce platform.',
  // Alerts these rules define must have a runbook (error); runbook alerts no rule defines are warnings.
  alertRules: ['alert-rules/*.yaml'],
  // An alert with no runbook, or a page not found: page the platform on-call.
  defaultEscalation: {
    team: 'platform',
    note: 'No runbook for this alert: page the platform on-call, say which alert fired, and declare an incident in #incident.',
  },
  // Print each incident kit to /services/<id>/kit.pdf at build time (16 kits, a few seconds; off by default).
  kitPdf: true,
  sections: {
    // The data team writes some runbooks in Chinese; accept their headings.
    runbooks: { Diagnosis: { aliases: ['诊断'] }, Mitigation: { aliases: ['缓解'] } },
  },
} satisfies OpsbookConfig;
