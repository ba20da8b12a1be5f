import type { Diagnostic } from '../../diagnostics/diagnostics.ts';
import { plural } from '../../text.ts';
import { defineAuditRule } from '../rule.ts';

/** Documents that fail validation cannot be audited: say so, once per file. */
export default defineAuditRule({
  id: 'audit/invalid-document',
  severity: 'error',
  summary: 'a document that fails validation (and so cannot be audited); `npm run check` lists why',
  group: 'Overdue',
  check: ({ project, report }) => {
    // A procedure's empty Definition of Done is reported as audit/missing-dod, not twice.
    const problems = new Map<string, Diagnostic[]>();
    for (const d of project.diagnostics) {
      if (d.severity !== 'error' || (d.rule === 'body/task-list' && d.file.startsWith('content/procedures/'))) continue;
      problems.set(d.file, [...(problems.get(d.file) ?? []), d]);
    }
    for (const doc of project.documents) {
      const errors = problems.get(doc.file);
      if (errors) report(doc, errors[0]!, `This document fails validation (${plural(errors.length, 'problem')}), first: ${errors[0]!.message}`, 'Run `npm run check` and fix every problem it lists.');
    }
  },
});
