import { taskItems } from '../../load/markdown.ts';
import { findSection } from '../../validate/body-rules.ts';
import { defineAuditRule } from '../rule.ts';

/** Procedures must end in a Definition of Done checklist. */
export default defineAuditRule({
  id: 'audit/missing-dod',
  severity: 'error',
  summary: 'a procedure without a *Definition of Done* task list',
  group: 'Definition of Done gaps',
  check: ({ project, subjects, report }) => {
    for (const doc of subjects()) {
      const rule = project.config.sections[doc.collection]?.find((r) => r.name === 'Definition of Done') ?? { name: 'Definition of Done' };
      const section = doc.body && findSection(doc.body, rule);
      if (!section || taskItems(section.nodes).length === 0) {
        report(doc, section ? { line: section.line, column: 1 } : { line: doc.body?.firstLine ?? 1, column: 1 }, section ? '"Definition of Done" has no task-list items' : 'This procedure has no "Definition of Done" section', 'List what must be true when the work is done as "- [ ] …" items.');
      }
    }
  },
});
