import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/orphan-runbook',
  severity: 'warning',
  summary: 'a runbook with no alert that no other document refers to: nothing leads on-call to it',
  group: 'Coverage and structure',
  check: ({ project, subjects, report, at }) => {
    for (const doc of subjects()) {
      const alerts = doc.data!.alerts as string[] | undefined;
      if (!alerts?.length && !project.backlinks.get(doc)?.length) {
        report(doc, at(doc, ['title']), 'No alert leads to this runbook and no document refers to it', 'Add the alerts it answers, or link it from the runbooks, procedures or services where on-call would look.');
      }
    }
  },
});
