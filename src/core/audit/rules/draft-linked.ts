import type { ResolvedLink } from '../../links/links.ts';
import type { ContentDocument } from '../../load/load.ts';
import { defineAuditRule } from '../rule.ts';

/** Active procedures that hand over to or link draft ones (body links indexed once, by document). */
export default defineAuditRule({
  id: 'audit/draft-linked',
  severity: 'warning',
  summary: 'an active procedure that lists or links a draft one',
  group: 'Coverage and structure',
  check: ({ project, subjects, report, at }) => {
    const linksFrom = new Map<ContentDocument, ResolvedLink[]>();
    for (const link of project.links) linksFrom.set(link.from, [...(linksFrom.get(link.from) ?? []), link]);
    for (const doc of subjects()) {
      if (doc.data!.status !== 'active') continue;
      const seen = new Set<string>();
      for (const field of ['triggers', 'downstream'] as const) {
        ((doc.data![field] as string[] | undefined) ?? []).forEach((id, i) => {
          const target = project.byId.procedures.get(id);
          if (target?.data?.status === 'draft' && !seen.has(id)) {
            seen.add(id);
            report(doc, at(doc, [field, i]), `This active procedure lists the draft "${target.data.title}" in ${field}`, `Finish and activate ${target.file}, or remove it from ${field} until it is ready.`);
          }
        });
      }
      for (const link of linksFrom.get(doc) ?? []) {
        if (link.target.kind !== 'document' || link.target.collection !== 'procedures') continue;
        const target = project.byId.procedures.get(link.target.id);
        if (target?.data?.status === 'draft' && !seen.has(target.id)) {
          seen.add(target.id);
          report(doc, { line: link.line, column: 1 }, `This active procedure links the draft "${target.data.title}"`, `Finish and activate ${target.file}, or say in the text that it is a draft.`);
        }
      }
    }
  },
});
