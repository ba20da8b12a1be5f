/**
 * Site configuration. Every field is optional; see src/core/config.ts for
 * what each one means and the defaults.
 */
import { defineConfig } from './src/core/config.ts';

export default defineConfig({
  title: 'Kestrel Ops',
  tagline: 'Runbooks, procedures and operation records for the Kestrel Commerce platform.',
  // Alerts these rules define must have a runbook (error); runbook alerts no rule defines are warnings.
  alertRules: ['alert-rules/*.yaml'],
  sections: {
    // The data team writes some runbooks in Chinese; accept their headings.
    runbooks: { Diagnosis: { aliases: ['诊断'] }, Mitigation: { aliases: ['缓解'] } },
  },
});
