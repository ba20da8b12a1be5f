import { operationChecklists } from '../checklists.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/unchecked-items',
  severity: 'error',
  summary: 'a `completed` operation with unchecked items in *Verification* or a *Definition of Done* list',
  group: 'Definition of Done gaps',
  check: ({ project, subjects, report }) => {
    for (const doc of subjects()) {
      if (doc.data!.status !== 'completed') continue;
      for (const list of operationChecklists(doc, project.config.sections[doc.collection])) {
        for (const item of list.unchecked) {
          report(doc, { line: item.line, column: 1 }, `Completed, but "${item.text}" in ${list.section} is not checked (${list.done}/${list.total} done)`, 'Check it once verified, or record why it was not and change the status.');
        }
      }
    }
  },
});
