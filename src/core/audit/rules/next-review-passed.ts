import { plural } from '../../text.ts';
import { daysBetween } from '../freshness.ts';
import { defineAuditRule } from '../rule.ts';

export default defineAuditRule({
  id: 'audit/next-review-passed',
  severity: 'error',
  summary: 'an operation whose `nextReview` date has passed',
  group: 'Overdue',
  check: ({ subjects, today, report, at }) => {
    for (const doc of subjects()) {
      const next = doc.data!.nextReview;
      if (typeof next === 'string' && next < today) {
        report(doc, at(doc, ['nextReview']), `The follow-up review set for ${next} is ${plural(daysBetween(next, today), 'day')} overdue`, 'Review the outcome, record it in the document, and set a new nextReview or remove it.');
      }
    }
  },
});
