import { validDocuments } from '../../project.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/uncovered-service',
  severity: 'warning',
  summary: 'a service no runbook covers',
  group: 'Coverage and structure',
  check: ({ project, subjects, report, at }) => {
    const covered = new Set(validDocuments(project, 'runbooks').flatMap((r) => r.data.services));
    for (const doc of subjects()) {
      if (!covered.has(doc.id)) report(doc, at(doc, ['name']), `No runbook covers ${String(doc.data!.name)} (tier ${String(doc.data!.tier)})`, `Write a runbook for its likely failures with "services: [${doc.id}]".`);
    }
  },
});
