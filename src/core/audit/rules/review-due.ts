import { plural } from '../../text.ts';
import { documentFreshness } from '../freshness.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/review-due',
  severity: 'warning',
  summary: 'a review due within 14 days',
  group: 'Due soon',
  check: ({ subjects, today, report, at }) => {
    for (const doc of subjects()) {
      const f = documentFreshness(doc, today);
      if (f?.state === 'due-soon') report(doc, at(doc, ['lastReviewed']), `Review due in ${plural(f.daysLeft, 'day')}, on ${f.due} (${f.cycle})`, 'Plan the review; update lastReviewed once done.');
    }
  },
});
