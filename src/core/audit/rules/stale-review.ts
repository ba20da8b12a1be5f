import { plural } from '../../text.ts';
import { documentFreshness } from '../freshness.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/stale-review',
  severity: 'error',
  summary: 'a reviewed document (runbook, procedure, guide) whose `lastReviewed` + `reviewCycle` is in the past (deprecated procedures are exempt)',
  group: 'Overdue',
  check: ({ subjects, today, report, at }) => {
    for (const doc of subjects()) {
      const f = documentFreshness(doc, today);
      if (f?.state === 'overdue') report(doc, at(doc, ['lastReviewed']), `Review overdue by ${plural(-f.daysLeft, 'day')} (${f.cycle}, last reviewed ${f.lastReviewed})`, 'Review it against reality, then update lastReviewed.');
    }
  },
});
