import { plural } from '../../text.ts';
import { defineAuditRule } from '../rule.ts';

/** A document that still holds its template's placeholders is unwritten: its lastReviewed date proves nothing. */
export default defineAuditRule({
  id: 'audit/template-text',
  severity: 'error',
  summary: 'a document still holding lines of its `npm run new` template: it does not count as reviewed',
  group: 'Overdue',
  check: ({ project, report }) => {
    const byFile = new Map<string, number[]>();
    for (const d of project.diagnostics) if (d.rule === 'body/template-text') byFile.set(d.file, [...(byFile.get(d.file) ?? []), d.line]);
    for (const doc of project.documents) {
      const lines = byFile.get(doc.file);
      if (lines) report(doc, { line: lines[0]!, column: 1 }, `Still holds ${plural(lines.length, 'line')} of the template (line ${lines.join(', ')}), so it does not count as reviewed`, 'Replace the placeholder text with what the reader needs, then set lastReviewed.');
    }
  },
});
