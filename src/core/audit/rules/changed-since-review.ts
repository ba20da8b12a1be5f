import { validDocuments } from '../../project.ts';
import { driftOf } from '../../history/drift.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/changed-since-review',
  severity: 'warning',
  summary: 'a reviewed document (runbook, procedure, guide) whose service changed after `lastReviewed`: a completed infrastructure-change, migration or decommission operation on it, or a catalogue commit changing its dependencies, zone or owner',
  group: 'Due soon',
  check: ({ project, today, report, at }) => {
    // Every reviewed kind that names services, custom kinds included.
    const kinds = project.kinds.all.filter((k) => k.review && k.referenceFields.get('services')?.includes('services'));
    for (const doc of kinds.flatMap((k) => validDocuments(project, k.name))) {
      const drift = driftOf(project, doc, today);
      if (drift.length === 0) continue;
      const [newest] = drift;
      const more = drift.length > 1 ? ` and ${drift.length - 1} more change${drift.length > 2 ? 's' : ''}` : '';
      report(doc, at(doc, ['lastReviewed']), `Changed since it was reviewed (${doc.data.lastReviewed as string}): ${newest!.label}, ${newest!.day}${more}`, 'Check the document against the system as it is now, then update lastReviewed.');
    }
  },
});
